// expect/wishart_moments.hpp and expect/wishart_engine.hpp: the invariant Wishart moments against
// their classical values, the engine against the matching engine exactly over the rationals
// (loss, and gradient and Hessian over every matrix entry, on random non-isotropic Σ), the
// equivariance reduction against full matrices, and the loss against Monte Carlo beyond the
// matching engine's reach (RELAXED, L = 3).
#include "ltv/expect/wishart_engine.hpp"
#include "ltv/core/task.hpp"
#include "ltv/expect/layer_loss.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/theory/stationary.hpp"
#include "support/exact_inputs.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>

#include <Eigen/LU>

#include <cmath>

namespace {

using ltv::Integer;
using ltv::LayerFamily;
using ltv::Mat;
using ltv::Rational;
using ltv::Vec;

/// A lower-triangular C with dyadic entries and diagonal in {1/2, 1, 3/2, 2}: Σ = C Cᵀ is a random
/// non-isotropic covariance with a rational whitening.
Mat<Rational> random_whitening(int d, ltv::Rng& rng) {
  boost::random::uniform_int_distribution<int> diag(1, 4), off(-4, 4);
  Mat<Rational> C = Mat<Rational>::Zero(d, d);
  for (int i = 0; i < d; ++i) {
    C(i, i) = Rational(diag(rng), 2);
    for (int j = 0; j < i; ++j) C(i, j) = Rational(off(rng), 4);
  }
  return C;
}

Vec<Rational> random_scalars(int count, ltv::Rng& rng) {
  boost::random::uniform_int_distribution<int> k(-8, 8);
  Vec<Rational> v(count);
  for (int i = 0; i < count; ++i) v[i] = Rational(k(rng), 8);
  return v;
}

/// The matching engine's problem and point for Σ = C Cᵀ, Σ_w = Σ⁻¹ and scalars v.
struct MatchingCase {
  ltv::LayerProblem<Rational> problem;
  ltv::LayerParameters<Rational> point;
};

MatchingCase matching_case(LayerFamily family, int layers, int n, const Mat<Rational>& C, const Vec<Rational>& v) {
  const Mat<Rational> cov = C * C.transpose();
  MatchingCase c{{family, cov, Mat<Rational>(cov.inverse()), n}, {}};
  Vec<Rational> all = Vec<Rational>::Zero(2 * layers);
  all.head(v.size()) = v;
  c.point = ltv::family_point<Rational>(all, c.problem, layers);
  return c;
}

/// One case of the comparison with the matching engine: loss and full gradient, and the full
/// Hessian when asked, exactly equal.
void compare_with_matching(LayerFamily family, int layers, int d, int n, bool hessian, ltv::Rng& rng) {
  const Mat<Rational> C = random_whitening(d, rng);
  const Vec<Rational> v = random_scalars(ltv::family_scalar_count(family, layers), rng);
  const MatchingCase m = matching_case(family, layers, n, C, v);
  INFO(ltv::family_name(family) << " L = " << layers << ", d = " << d << ", n = " << n);
  const ltv::WishartEngine<Rational> engine(family, layers, n, d);
  const auto h = engine.derivatives(v, hessian);
  CHECK(h.loss == ltv::layer_loss<Rational>(m.point, m.problem));
  CHECK(engine.loss(v) == h.loss);
  const auto matching_gradient = ltv::layer_gradient<Rational>(m.point, m.problem);
  const auto gradient = ltv::original_gradient<Rational>(h, family, layers, C);
  for (int l = 0; l < layers; ++l) {
    CHECK(gradient[static_cast<std::size_t>(l)] == matching_gradient.A[static_cast<std::size_t>(l)]);
    if (family == LayerFamily::Relaxed)
      CHECK(gradient[static_cast<std::size_t>(layers + l)] == matching_gradient.B[static_cast<std::size_t>(l)]);
  }
  if (hessian)
    CHECK(ltv::original_hessian<Rational>(h, family, layers, C) == ltv::layer_hessian<Rational>(m.point, m.problem));
}

}  // namespace

TEST_CASE("Wishart moments: the classical values", "[expect][wishart]") {
  for (int n = 1; n <= 7; ++n)
    for (int d = 1; d <= 5; ++d) {
      ltv::WishartMoments m(n, d);
      const Integer N(n), D(d);
      CHECK(m.trace_product({1}) == N * D);
      CHECK(m.trace_product({2}) == N * D * (N + D + 1));
      CHECK(m.trace_product({3}) == N * D * (N * N + D * D + 3 * N * D + 3 * N + 3 * D + 4));
      CHECK(m.trace_product({1, 1}) == N * N * D * D + 2 * N * D);
      CHECK(m.trace_product({0, 2, 0}) == D * D * m.trace_product({2}));
      // d = 1: W is n times a χ²_n / n variable, E W^k = n (n + 2) ⋯ (n + 2k − 2).
      if (d == 1) {
        Integer chi = 1;
        for (int k = 1; k <= 6; ++k) {
          chi *= N + 2 * (k - 1);
          CHECK(m.trace_product({k}) == chi);
          CHECK(m.trace_product({k, 1}) == chi * (N + 2 * k));
        }
      }
    }
  CHECK_THROWS_AS(ltv::WishartMoments(0, 2), std::invalid_argument);
}

TEST_CASE("the Wishart engine equals the matching engine exactly on S", "[expect][wishart]") {
  // 200 random cases where both engines reach: SPARSE L <= 3 and RELAXED L = 1 (196 cases, the
  // full Hessian over every entry on those with P d² <= 12) and RELAXED L = 2 (4 cases, loss and
  // gradient: the matching engine needs about 20 s per case over the rationals there; its
  // Hessian, minutes, is the hidden test below). d <= 3, n <= 6, random Σ = C Cᵀ and scalars.
  ltv::Rng rng(20261202);
  boost::random::uniform_int_distribution<int> pick(0, 1'000'000);
  for (int k = 0; k < 196; ++k) {
    const LayerFamily family = k % 4 == 3 ? LayerFamily::Relaxed : LayerFamily::Sparse;
    const int layers = family == LayerFamily::Relaxed ? 1 : 1 + pick(rng) % 3;
    const int d = 1 + pick(rng) % 3, n = 1 + pick(rng) % 6;
    compare_with_matching(family, layers, d, n, k % 2 == 0 && ltv::family_scalar_count(family, layers) * d * d <= 12,
                          rng);
  }
  for (const int d : {1, 2, 1, 2}) compare_with_matching(LayerFamily::Relaxed, 2, d, 1 + pick(rng) % 6, false, rng);
}

TEST_CASE("relaxed with two layers: the full Hessian equals the matching engine's", "[.][slow][expect][wishart]") {
  // Hidden (minutes): run with `expect_wishart_engine_test "[slow]"`.
  ltv::Rng rng(5);
  compare_with_matching(LayerFamily::Relaxed, 2, 1, 4, true, rng);
  compare_with_matching(LayerFamily::Relaxed, 2, 2, 3, true, rng);
}

TEST_CASE("the equivariance reduction: matching-engine derivatives in random directions", "[expect][wishart]") {
  // SPARSE L <= 2 and RELAXED L = 1 (RELAXED L = 2: the hidden test above, the matching engine's
  // exact Hessian takes minutes there), Σ = I: for random directions Δ (full matrices, not multiples of I) the matching
  // engine's δᵀ∇ and δᵀHδ equal Σ_p g_p tr Δ_p and Σ_pq P tr(Δ_pΔ_q) + T tr(Δ_pΔ_qᵀ) + R tr Δ_p tr Δ_q.
  ltv::Rng rng(7);
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed})
    for (int layers = 1; layers <= (family == LayerFamily::Sparse ? 2 : 1); ++layers)
      for (const int d : {2, 3}) {
        const int n = 3, P = ltv::family_scalar_count(family, layers);
        const Vec<Rational> v = random_scalars(P, rng);
        const MatchingCase m = matching_case(family, layers, n, Mat<Rational>::Identity(d, d), v);
        const auto h = ltv::WishartEngine<Rational>(family, layers, n, d).derivatives(v, true);
        const auto g = ltv::stack_layer_parameters<Rational>(ltv::layer_gradient<Rational>(m.point, m.problem));
        const Mat<Rational> H = ltv::layer_hessian<Rational>(m.point, m.problem);
        for (int trial = 0; trial < 3; ++trial) {
          std::vector<Mat<Rational>> delta;
          Vec<Rational> theta(P * d * d);
          for (int p = 0; p < P; ++p) {
            delta.push_back(ltv::test::dyadic_matrix(d, d, rng));
            theta.segment(p * d * d, d * d) = delta.back().reshaped();
          }
          Rational first = 0, second = 0;
          for (int p = 0; p < P; ++p) {
            first += h.gradient[p] * delta[static_cast<std::size_t>(p)].trace();
            for (int q = 0; q < P; ++q) {
              const auto& X = delta[static_cast<std::size_t>(p)];
              const auto& Y = delta[static_cast<std::size_t>(q)];
              second += h.product(p, q) * (X * Y).trace() + h.transpose(p, q) * (X * Y.transpose()).trace() +
                        h.trace(p, q) * X.trace() * Y.trace();
            }
          }
          CHECK(g.dot(theta) == first);
          CHECK(theta.dot(H * theta) == second);
        }
      }
}

TEST_CASE("the scalar loss is the loss on S with its exact derivatives", "[expect][wishart]") {
  // Against the matching engine's polynomial on S (theory/stationary.hpp) and against the
  // identity block of the invariant Hessian: ∂f/∂v_p = d g_p and ∂²f = d (P + T + d R).
  ltv::Rng rng(11);
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed})
    for (int layers = 1; layers <= (family == LayerFamily::Sparse ? 3 : 2); ++layers) {
      const int d = 2, n = 5, P = ltv::family_scalar_count(family, layers);
      const Vec<Rational> v = random_scalars(P, rng);
      const MatchingCase m = matching_case(family, layers, n, random_whitening(d, rng), v);
      const auto f = ltv::family_loss_polynomial<Rational>(m.problem, layers);
      Vec<Rational> all = Vec<Rational>::Zero(2 * layers);
      all.head(P) = v;
      const ltv::WishartEngine<Rational> engine(family, layers, n, d);
      const auto s = engine.scalar_loss(v);
      const auto h = engine.derivatives(v, true);
      CHECK(s.value == f.value(all));
      CHECK(s.gradient == Vec<Rational>(f.gradient(all).head(P)));
      CHECK(s.hessian == Mat<Rational>(f.hessian(all).topLeftCorner(P, P)));
      CHECK(s.gradient == Vec<Rational>(Rational(d) * h.gradient));
      CHECK(s.hessian == Mat<Rational>(Rational(d) * h.identity_block()));
    }
}

TEST_CASE("relaxed with three layers: the loss agrees with Monte Carlo within 4 standard errors",
          "[expect][wishart][montecarlo]") {
  // Beyond the matching engine (26 copies of S). A moderate point of S, where the degree-13
  // error stays of order one so that its square has a usable variance; Σ = I, w ~ N(0, I), the
  // full token forward pass of model/forward.hpp as the independent side.
  const int d = 3, n = 12, layers = 3;
  Vec<double> v(6);
  v << -0.5, -0.4, -0.3, 0.2, 0.1, 0.0;
  const double exact = ltv::WishartEngine<double>(LayerFamily::Relaxed, layers, n, d).loss(v);

  ltv::Model<double> model{d, ltv::Norm::Mean, {}};
  for (int l = 0; l < layers; ++l)
    model.layers.push_back(ltv::relaxed_layer<double>(v[l] * Mat<double>::Identity(d, d),
                                                      v[layers + l] * Mat<double>::Identity(d, d)));
  ltv::TaskDistribution dist;
  dist.d = d;
  dist.n = n;
  const ltv::Sampler sampler(dist);
  ltv::Rng rng(31);
  double mean = 0, squares = 0;
  const int draws = 200'000;
  for (int k = 1; k <= draws; ++k) {
    const auto task = sampler.sample(rng);
    const auto tokens = ltv::forward_tokens<double>(model, ltv::make_tokens<double>(task.X, task.y, task.xq));
    const double e = ltv::prediction<double>(tokens.back()) - task.w.dot(task.xq);
    const double delta = e * e - mean;
    mean += delta / k;
    squares += delta * (e * e - mean);
  }
  const double se = std::sqrt(squares / (draws - 1) / draws);
  INFO("exact " << exact << ", Monte Carlo " << mean << " ± " << se);
  CHECK(std::abs(mean - exact) <= 4 * se);
  CHECK(se < 0.01 * exact);  // the comparison has power: the standard error is small
}

TEST_CASE("the Hessian's blocks in Σ's eigenbasis are the full Hessian's entries", "[expect][wishart]") {
  // For C = diag(c): every entry of original_hessian that couples (i, j) with (i, j) or (j, i), or
  // two diagonal entries, is in its block, and every other entry is 0.
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed}) {
    const int layers = 2, d = 3, n = 4, P = ltv::family_scalar_count(family, layers), d2 = d * d;
    ltv::Rng rng(13);
    Vec<Rational> c(d);
    c << Rational(1, 2), Rational(1), Rational(3, 2);
    const auto h = ltv::WishartEngine<Rational>(family, layers, n, d).derivatives(random_scalars(P, rng), true);
    const Mat<Rational> H = ltv::original_hessian<Rational>(h, family, layers, Mat<Rational>(c.asDiagonal()));
    const auto blocks = ltv::original_hessian_blocks<Rational>(h, family, layers, c);
    REQUIRE(blocks.size() == static_cast<std::size_t>(d * (d - 1) / 2 + 1));
    Mat<Rational> covered = H;  // H with the blocks' entries removed
    const auto at = [&](int p, int i, int j) { return p * d2 + j * d + i; };
    std::size_t b = 0;
    for (int i = 0; i < d; ++i)
      for (int j = i + 1; j < d; ++j, ++b)
        for (int p = 0; p < P; ++p)
          for (int q = 0; q < P; ++q) {
            const int rows[] = {at(p, i, j), at(p, j, i)}, cols[] = {at(q, i, j), at(q, j, i)};
            for (int r = 0; r < 2; ++r)
              for (int s = 0; s < 2; ++s) {
                CHECK(blocks[b](r * P + p, s * P + q) == H(rows[r], cols[s]));
                covered(rows[r], cols[s]) = 0;
              }
          }
    for (int p = 0; p < P; ++p)
      for (int q = 0; q < P; ++q)
        for (int i = 0; i < d; ++i)
          for (int k = 0; k < d; ++k) {
            CHECK(blocks[b](p * d + i, q * d + k) == H(at(p, i, i), at(q, k, k)));
            covered(at(p, i, i), at(q, k, k)) = 0;
          }
    CHECK(covered.isZero());
  }
}
