#pragma once
// Helpers of the Wick-engine tests (src/ltv/expect/wick.hpp) beyond those the EXP.* obligations
// share with them (src/ltv/expect/wick_reference.hpp: random cases, the per-matching reference
// evaluator and its wrong variants): the tolerance of the float tiers, the magnitude it is
// measured against, and the cases the float tiers' properties draw.
#include "ltv/expect/wick_reference.hpp"
#include "ltv/scalar/measure.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ltv::test {

/// (2k − 1)!!, written out independently of the library's matching_count.
inline std::uint64_t odd_double_factorial(int k) {
  std::uint64_t out = 1;
  for (int j = 2 * k - 1; j > 1; j -= 2) out *= static_cast<std::uint64_t>(j);
  return out;
}

/// Roundings behind one engine value, in units of the magnitude (below): the 2k + 1 inputs of a term
/// (k Σ's and up to k + 1 C's) each carry the tier's rounding when converted; every matrix product
/// on a term's way (op(C)Σ, the prefix products, the final trace or path product: at most 2k + 1 of
/// them) is a dot product of length d; the weight n^(c−k), the count and the product of the cycle
/// traces add at most 3k; and the terms are summed, at most (2k − 1)!! per path and once more over
/// the paths (recursive summation: one rounding of the running sum per term).
inline double wick_size_factor(int k, Eigen::Index d) {
  return static_cast<double>((2 * k + 1) + (2 * k + 1) * d + 3 * k + 2 * odd_double_factorial(k));
}

/// The magnitude a float tier's error is measured against (docs/conventions.md): the engine applied
/// to the entrywise absolute values |C_a| and |Σ|, which is the sum of the absolute values of every
/// product of entries in the expanded Wick sum, so it bounds every partial sum the engine forms.
template <class T>
T wick_magnitude(WickChain chain, const WickCase<T>& input) {
  std::vector<Mat<T>> abs_C;
  for (const auto& c : input.C) abs_C.push_back(c.cwiseAbs());
  const Mat<T> abs_Sigma = input.Sigma.cwiseAbs();
  if (chain == WickChain::Cyclic) return expect_trace<T>(abs_C, abs_Sigma, input.n);
  return expect_product<T>(abs_C, abs_Sigma, input.n).maxCoeff();
}

/// The agreement `a` with its scale raised to the magnitude of the exact case's Wick sum.
inline Agreement against_magnitude(Agreement a, WickChain chain, const WickCase<Rational>& exact) {
  a.scale = std::max(a.scale, convert<Mpfr>(wick_magnitude(chain, exact)));
  return a;
}

/// The exact case in tier T (rounded to nearest; point intervals for a dyadic case in Interval).
template <class T>
WickCase<T> converted_case(const WickCase<Rational>& exact) {
  WickCase<T> out{exact.n, convert_matrix<T>(exact.Sigma), {}};
  for (const auto& c : exact.C) out.C.push_back(convert_matrix<T>(c));
  return out;
}

/// What a float tier's property draws: a chain, k <= kMaxCopies copies of S, d <= 4, n <= 8, and
/// the exact case made by `make` (random_wick_case or dyadic_wick_case).
struct DrawnWickCase {
  static constexpr int kMaxDimension = 4;
  static constexpr int kMaxSamples = 8;
  static constexpr int kMaxCopies = 4;
  WickChain chain = WickChain::Cyclic;
  int k = 1;
  WickCase<Rational> exact;
  Eigen::Index d() const { return exact.Sigma.rows(); }
};

inline DrawnWickCase draw_wick_case(WickCase<Rational> (*make)(int d, int n, int matrices,
                                                               std::uint64_t seed)) {
  DrawnWickCase c;
  c.chain = *rc::gen::element(WickChain::Cyclic, WickChain::Open);
  const int d = *rc::gen::inRange(1, DrawnWickCase::kMaxDimension + 1);
  const int n = *rc::gen::inRange(1, DrawnWickCase::kMaxSamples + 1);
  c.k = *rc::gen::inRange(1, DrawnWickCase::kMaxCopies + 1);
  c.exact = make(d, n, c.chain == WickChain::Cyclic ? c.k : c.k + 1, *rc::gen::arbitrary<std::uint64_t>());
  return c;
}

}  // namespace ltv::test
