#pragma once
// The invariant moments of a real Wishart matrix, exactly: E Π_j tr(W^{k_j}) for
// W = Σ_{i=1..n} x_i x_iᵀ, x_i ~ N(0, I_d) independent (docs/wishart_engine.md).
//
// Gaussian integration by parts (Stein's identity E[x f(x)] = E[∇f(x)] on the entries of the
// n×d matrix X with W = XᵀX) removes one power of W from the first trace:
//   E[tr W^k · R] = (n + k − 1) E[tr W^{k−1} R] + Σ_{r=1}^{k−1} E[tr W^r · tr W^{k−1−r} · R]
//                 + Σ_j 2 k_j E[tr W^{k+k_j−1} · R / tr W^{k_j}],
// with R = Π_j tr W^{k_j} the other traces and tr W^0 = d. Each step lowers the total degree by
// one, so the recursion ends; every value is an integer (a polynomial in n and d with integer
// coefficients), memoised per partition. This is the recursion behind the classical formulas for
// all invariant moments of the Wishart distribution (Letac & Massam 2004).
#include "ltv/scalar/tiers.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <map>
#include <vector>

namespace ltv {

using Integer = boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;

class WishartMoments {
 public:
  /// Throws std::invalid_argument unless n >= 1 and d >= 1.
  WishartMoments(int n, int d);

  int n() const { return n_; }
  int d() const { return d_; }

  /// E Π_j tr(W^{k_j}) for the given powers (any order, zeros allowed).
  Integer trace_product(std::vector<int> powers);

  /// E tr(S^k) and E tr(S^a) tr(S^b), with S = W / n the sample second moment.
  Rational trace(int k);
  Rational trace_pair(int a, int b);

 private:
  Integer of_partition(const std::vector<int>& parts);  // parts >= 1, sorted descending

  int n_, d_;
  std::map<std::vector<int>, Integer> memo_;
};

}  // namespace ltv
