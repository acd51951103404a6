// The Wick engine (src/ltv/expect/wick.hpp) in the rational tier: the χ² moments at d = 1, the second
// moment formula E[S A S], cyclic and transpose symmetries, open vs cyclic chains and the compiled
// program vs the per-matching definition, all with residual exactly 0. Every check is also run
// on deliberately wrong engines (ltv/expect/wick_reference.hpp: no n^{c(μ)} weight, no transposes),
// which it must reject. The known Wishart moments at Σ = I (d <= 6, n <= 12) and E[W C W] are the
// obligation EXP.WISHART (proofs_numeric/exp_wishart_moments.cpp), run by tests/proofs_numeric.
#include "wick_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace {

using ltv::Mat;
using ltv::WickCase;
using ltv::WickChain;
using ltv::WickFlaw;
using Q = ltv::Rational;

/// The largest dimension, sample size and number of copies the properties draw: small, so that a
/// failure shrinks to a readable case and the rationals (whose size grows with k) stay cheap.
constexpr int kMaxDimension = 4;
constexpr int kMaxSamples = 6;
constexpr int kMaxCopies = 4;

/// Seeds of the negative controls: each wrong engine must be rejected on every one of these cases.
constexpr std::uint64_t kControlSeeds = 10;

/// An implementation under test: the library, or the per-matching evaluator with a flaw.
struct Engine {
  bool library = true;
  WickFlaw flaw = WickFlaw::None;
};
constexpr Engine kLibrary{};
constexpr Engine kNoComponentWeight{false, WickFlaw::NoComponentWeight};
constexpr Engine kNoTransposes{false, WickFlaw::NoTransposes};

Mat<Q> evaluate(const Engine& engine, WickChain chain, const WickCase<Q>& input, bool per_sample) {
  return engine.library ? ltv::wick_value(chain, input, per_sample)
                        : ltv::reference_wick(chain, input, per_sample, engine.flaw);
}

Q trace_of(const Engine& engine, const std::vector<Mat<Q>>& C, const Mat<Q>& Sigma, int n, bool per_sample) {
  return evaluate(engine, WickChain::Cyclic, WickCase<Q>{n, Sigma, C}, per_sample)(0, 0);
}

/// E[S] = Σ and E[S A S] = Σ A Σ + (Σ Aᵀ Σ + tr(AΣ) Σ)/n (wick.hpp, the k = 2 example), A = C_0.
/// `transpose_in_formula` = false is the negative control of the formula: Σ A Σ in place of Σ Aᵀ Σ.
bool second_moments_hold(const Engine& engine, const WickCase<Q>& input, bool transpose_in_formula = true) {
  const Mat<Q>& Sigma = input.Sigma;
  const Mat<Q>& A = input.C.front();
  const Mat<Q> I = Mat<Q>::Identity(Sigma.rows(), Sigma.cols());
  const Mat<Q> first = evaluate(engine, WickChain::Open, WickCase<Q>{input.n, Sigma, {I, I}}, true);
  const Mat<Q> second = evaluate(engine, WickChain::Open, WickCase<Q>{input.n, Sigma, {I, A, I}}, true);
  const Mat<Q> A_or_transpose = transpose_in_formula ? Mat<Q>(A.transpose()) : A;
  const Mat<Q> formula =
      Sigma * A * Sigma + (Sigma * A_or_transpose * Sigma + (A * Sigma).trace() * Sigma) / Q(input.n);
  return first == Sigma && second == formula;
}

/// A random case with generic inputs: n >= 2 (so that the weight n^{c(μ)} matters) and d >= 2.
WickCase<Q> control_case(int matrices, std::uint64_t seed) {
  return ltv::random_wick_case<Q>(2 + static_cast<int>(seed % 3), 2 + static_cast<int>(seed % 4), matrices,
                                  seed);
}

/// Arbitrary small sizes and a seed for the matrices (the seed does not shrink; the sizes do).
WickCase<Q> arbitrary_case(int fewest_matrices, int most_matrices) {
  const int d = *rc::gen::inRange(1, kMaxDimension + 1);
  const int n = *rc::gen::inRange(1, kMaxSamples + 1);
  const int matrices = *rc::gen::inRange(fewest_matrices, most_matrices + 1);
  return ltv::random_wick_case<Q>(d, n, matrices, *rc::gen::arbitrary<std::uint64_t>());
}

std::vector<Mat<Q>> transposed_reversal(const std::vector<Mat<Q>>& C) {
  std::vector<Mat<Q>> out{C.front().transpose()};
  for (std::size_t a = C.size() - 1; a > 0; --a) out.push_back(C[a].transpose());
  return out;
}

}  // namespace

TEST_CASE("d = 1: E tr(c_0 W ··· c_{k−1} W) = σ^k n(n+2)···(n+2k−2) Π c_a, exactly",
          "[expect][wick][rational]") {
  // W = σ χ²_n, whose k-th moment is σ^k n(n+2)···(n+2k−2).
  const Mat<Q> sigma = Mat<Q>::Constant(1, 1, Q(3, 2));
  const auto holds = [&](const Engine& engine, int k, int n) {
    std::vector<Mat<Q>> C;
    Q expected = 1;
    for (int a = 0; a < k; ++a) {
      C.push_back(Mat<Q>::Constant(1, 1, Q(a + 2, 4 * a + 1)));
      expected *= C.back()(0, 0) * sigma(0, 0) * (n + 2 * a);
    }
    return trace_of(engine, C, sigma, n, false) == expected;
  };
  for (int k = 1; k <= 7; ++k)
    for (const int n : {1, 2, 5}) {
      INFO("k = " << k << ", n = " << n);
      CHECK(holds(kLibrary, k, n));
      if (k <= 5 && n > 1) CHECK_FALSE(holds(kNoComponentWeight, k, n));  // negative control
    }
}

TEST_CASE("E[S] = Σ and E[S A S] = Σ A Σ + (Σ Aᵀ Σ + tr(AΣ) Σ)/n, exactly", "[expect][wick][rational]") {
  rc::prop("for random rational Σ and non-symmetric A", [] {
    const WickCase<Q> input = arbitrary_case(1, 1);
    RC_ASSERT(second_moments_hold(kLibrary, input));
  });
  for (std::uint64_t seed = 0; seed < kControlSeeds; ++seed) {
    INFO("seed " << seed);
    const WickCase<Q> input = control_case(1, seed);
    REQUIRE(second_moments_hold(kLibrary, input));
    // Negative controls: the wrong engines, and the formula without its transpose, are rejected.
    CHECK_FALSE(second_moments_hold(kNoComponentWeight, input));
    CHECK_FALSE(second_moments_hold(kNoTransposes, input));
    CHECK_FALSE(second_moments_hold(kLibrary, input, false));
  }
}

TEST_CASE("expect_trace is invariant under rotation and under transposed reversal",
          "[expect][wick][rational]") {
  // tr(C_0 S C_1 S ··· C_{k−1} S) = tr(C_1 S ··· C_0 S) = tr((···)ᵀ) = tr(C_0ᵀ S C_{k−1}ᵀ S ··· C_1ᵀ S).
  rc::prop("rotations and the transposed reversal give the same value", [] {
    const WickCase<Q> input = arbitrary_case(1, kMaxCopies + 1);
    const Q value = ltv::expect_trace<Q>(input.C, input.Sigma, input.n);
    auto rotated = input.C;
    std::rotate(rotated.begin(), rotated.begin() + *rc::gen::inRange<std::size_t>(0, rotated.size()),
                rotated.end());
    RC_ASSERT(ltv::expect_trace<Q>(rotated, input.Sigma, input.n) == value);
    RC_ASSERT(ltv::expect_trace<Q>(transposed_reversal(input.C), input.Sigma, input.n) == value);
  });
  for (std::uint64_t seed = 0; seed < kControlSeeds; ++seed) {
    // Negative controls: a reversal without transposes, and a swap of two matrices, change the value.
    INFO("seed " << seed);
    const WickCase<Q> input = control_case(3, seed);
    const Q value = ltv::expect_trace<Q>(input.C, input.Sigma, input.n);
    auto reversed = transposed_reversal(input.C);
    for (auto& c : reversed) c.transposeInPlace();
    CHECK(ltv::expect_trace<Q>(reversed, input.Sigma, input.n) != value);
    CHECK(ltv::expect_trace<Q>({input.C[1], input.C[0], input.C[2]}, input.Sigma, input.n) != value);
  }
}

TEST_CASE("the open chain agrees with the cyclic one, entry by entry", "[expect][wick][rational]") {
  // E[C_0 S ··· S C_k]_pq = E tr(C_0 S ··· S C_k E_qp) = E tr((C_k E_qp C_0) S C_1 S ··· C_{k−1} S).
  const auto entries_agree = [](const WickCase<Q>& input, bool swap_unit) {
    const auto& C = input.C;
    const Eigen::Index d = input.Sigma.rows();
    const Mat<Q> product = ltv::expect_product<Q>(C, input.Sigma, input.n);
    bool agree = true;
    for (Eigen::Index p = 0; p < d; ++p)
      for (Eigen::Index q = 0; q < d; ++q) {
        std::vector<Mat<Q>> cyclic{
            C.back() * (swap_unit ? ltv::unit_matrix<Q>(d, p, q) : ltv::unit_matrix<Q>(d, q, p)) * C.front()};
        cyclic.insert(cyclic.end(), C.begin() + 1, C.end() - 1);
        agree = agree && ltv::expect_trace<Q>(cyclic, input.Sigma, input.n) == product(p, q);
      }
    return agree;
  };
  rc::prop("for random cases with k = 1..4 copies", [&] {
    const WickCase<Q> input = arbitrary_case(2, kMaxCopies + 1);
    RC_ASSERT(entries_agree(input, false));
    const Mat<Q> product = ltv::expect_product<Q>(input.C, input.Sigma, input.n);
    std::vector<Mat<Q>> cyclic{input.C.back() * input.C.front()};
    cyclic.insert(cyclic.end(), input.C.begin() + 1, input.C.end() - 1);
    RC_ASSERT(product.trace() == ltv::expect_trace<Q>(cyclic, input.Sigma, input.n));
  });
  for (std::uint64_t seed = 0; seed < kControlSeeds; ++seed) {
    INFO("seed " << seed);  // negative control: E_pq in place of E_qp
    CHECK_FALSE(entries_agree(control_case(3, seed), true));
  }
  const Mat<Q> C0 = control_case(1, 0).C.front();
  CHECK(ltv::expect_product<Q>({C0}, control_case(1, 0).Sigma, 3) == C0);  // k = 0
}

TEST_CASE("the compiled program equals the per-matching definition", "[expect][wick][rational]") {
  rc::prop("cyclic and open chains, S and W, k <= 5", [] {
    const auto chain = *rc::gen::element(WickChain::Cyclic, WickChain::Open);
    const bool per_sample = *rc::gen::arbitrary<bool>();
    const int d = *rc::gen::inRange(1, 3 + 1);
    const int n = *rc::gen::inRange(1, kMaxSamples + 1);
    const int k = *rc::gen::inRange(chain == WickChain::Cyclic ? 1 : 0, 5 + 1);
    const auto input = ltv::dyadic_wick_case<Q>(d, n, chain == WickChain::Cyclic ? k : k + 1,
                                                *rc::gen::arbitrary<std::uint64_t>());
    RC_ASSERT(ltv::wick_value(chain, input, per_sample) ==
              ltv::reference_wick(chain, input, per_sample, WickFlaw::None));
  });
  for (const auto chain : {WickChain::Cyclic, WickChain::Open}) {
    const auto input = ltv::dyadic_wick_case<Q>(3, 3, 6, 7);  // k = 6 (cyclic), 5 (open)
    CHECK(ltv::wick_value(chain, input, true) == ltv::reference_wick(chain, input, true, WickFlaw::None));
    // Negative controls.
    CHECK(ltv::wick_value(chain, input, true) !=
          ltv::reference_wick(chain, input, true, WickFlaw::NoComponentWeight));
    CHECK(ltv::wick_value(chain, input, true) !=
          ltv::reference_wick(chain, input, true, WickFlaw::NoTransposes));
  }
}

TEST_CASE("the Wishart moments are n^k times those of S, exactly", "[expect][wick][rational]") {
  rc::prop("E tr(C_0 W ···) = n^k E tr(C_0 S ···) and E[C_0 W ··· C_k] = n^k E[C_0 S ··· C_k]", [] {
    const WickCase<Q> input = arbitrary_case(1, kMaxCopies + 1);
    const auto k = static_cast<int>(input.C.size());
    Q scale = 1;
    for (int a = 0; a < k; ++a) scale *= input.n;
    RC_ASSERT(ltv::expect_trace_wishart<Q>(input.C, input.Sigma, input.n) ==
              scale * ltv::expect_trace<Q>(input.C, input.Sigma, input.n));
    RC_ASSERT(Mat<Q>(ltv::expect_product_wishart<Q>(input.C, input.Sigma, input.n)) ==
              Mat<Q>(scale / input.n * ltv::expect_product<Q>(input.C, input.Sigma, input.n)));
  });
}

TEST_CASE("invalid arguments are rejected with a message", "[expect][wick][rational]") {
  const WickCase<Q> input = ltv::random_wick_case<Q>(2, 3, 2, 1);
  const Mat<Q> I3 = Mat<Q>::Identity(3, 3);
  Mat<Q> asymmetric = input.Sigma;
  asymmetric(0, 1) += Q(1, 1024);
  using Catch::Contains;
  CHECK_THROWS_WITH(ltv::expect_trace<Q>({}, input.Sigma, 1), Contains("between 1 and 8 matrices"));
  CHECK_THROWS_WITH(ltv::expect_trace<Q>(std::vector<Mat<Q>>(9, input.C[0]), input.Sigma, 1),
                    Contains("between 1 and 8"));
  CHECK_THROWS_WITH(ltv::expect_product<Q>(std::vector<Mat<Q>>(10, input.C[0]), input.Sigma, 1),
                    Contains("between 1 and 9"));
  CHECK_THROWS_WITH(ltv::expect_product<Q>({}, input.Sigma, 1), Contains("expect_product"));
  CHECK_THROWS_WITH(ltv::expect_trace<Q>(input.C, input.Sigma, 0), Contains("n must be >= 1"));
  CHECK_THROWS_WITH(ltv::expect_trace<Q>(input.C, asymmetric, 2), Contains("symmetric"));
  CHECK_THROWS_WITH(ltv::expect_trace<Q>({input.C[0], I3}, input.Sigma, 2), Contains("C_1 is 3×3"));
  CHECK_THROWS_WITH(ltv::expect_trace_wishart<Q>(input.C, Mat<Q>(2, 3), 2), Contains("square"));
  CHECK_THROWS_AS(ltv::expect_product_wishart<Q>(input.C, asymmetric, 2), std::invalid_argument);
  CHECK_NOTHROW(ltv::expect_trace<Q>(input.C, input.Sigma, 2));
}
