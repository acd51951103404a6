#pragma once
// What the Wick engine (wick.hpp) is validated against (docs/architecture.md, the EXP.* obligations and the
// tests of tests/expect/): random inputs, and an independent per-matching evaluator straight from
// the derivation in wick.hpp, with two deliberately wrong variants that every validation must
// reject (a check that cannot fail is a defect).
//
// The evaluator shares only perfect_matchings() with the engine: it walks each matching's cycles
// (and path) slot by slot, multiplying the matrices met, where the engine compiles canonical
// cycles into a prefix trie and merges monomials (wick_program.cpp). It costs (2k−1)!! matrix
// walks per call, so it is for validation, not for use.
#include "ltv/core/spectra.hpp"
#include "ltv/expect/matchings.hpp"
#include "ltv/expect/wick.hpp"

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace ltv {

/// One input of the engine: E tr(C_0 S ··· C_{k−1} S) (cyclic) or E[C_0 S ··· S C_k] (open).
template <class T>
struct WickCase {
  int n = 1;
  Mat<T> Sigma;
  std::vector<Mat<T>> C;
};

/// A d×d matrix with dyadic entries j/8, 0 < |j| <= 8 (no zero entries, so that no product of
/// such matrices has an identically zero entry or a zero variance).
template <class T>
Mat<T> random_dyadic_matrix(Eigen::Index d, Rng& rng) {
  boost::random::uniform_int_distribution<int> magnitude(1, 8), sign(0, 1);
  return Mat<T>::NullaryExpr(d, d, [&] { return T(sign(rng) == 0 ? -magnitude(rng) : magnitude(rng)) / 8; });
}

/// Σ = U diag(λ) Uᵀ with U a product of d Householder reflections (exactly orthogonal for
/// Rational) and λ uniform in [1/4, 2); `matrices` random_dyadic_matrix C's (not symmetric). The
/// draws are doubles converted exactly, so every tier sees the same numbers up to its rounding of U.
template <class T>
WickCase<T> random_wick_case(int d, int n, int matrices, std::uint64_t seed) {
  Rng rng(seed);
  WickCase<T> out;
  out.n = n;
  const Vec<T> eigenvalues = uniform_spectrum<T>(d, T(1) / 4, T(2), rng);
  out.Sigma = with_spectrum<T>(eigenvalues, householder_orthogonal<T>(random_gaussian_vectors(d, rng)));
  for (int a = 0; a < matrices; ++a) out.C.push_back(random_dyadic_matrix<T>(d, rng));
  return out;
}

/// Like random_wick_case, with Σ = B Bᵀ for a random_dyadic_matrix B (positive semidefinite, usually
/// definite): every input is exactly representable in every tier (the interval tier's enclosure
/// needs that), and the rationals stay short, so exact evaluations are cheap (Householder-built
/// rationals spend most of their time in GMP's gcds).
template <class T>
WickCase<T> dyadic_wick_case(int d, int n, int matrices, std::uint64_t seed) {
  Rng rng(seed);
  WickCase<T> out;
  out.n = n;
  const Mat<T> B = random_dyadic_matrix<T>(d, rng);
  out.Sigma = B * B.transpose();
  for (int a = 0; a < matrices; ++a) out.C.push_back(random_dyadic_matrix<T>(d, rng));
  return out;
}

/// What the per-matching evaluator computes: the formula of wick.hpp, or one of two plausible
/// mistakes (the negative controls of the engine's validations).
enum class WickFlaw {
  None,
  NoComponentWeight,  ///< every matching weighted 1, as if distinct copies had distinct indices
  NoTransposes,       ///< C_a read as C_a in both directions of a cycle
};

/// E tr(…) (cyclic; a 1×1 result) or E[…] (open) for S (per_sample) or W = nS, straight from the
/// definition: for every perfect matching of perfect_matchings(k), count the components of its copy
/// graph and walk its cycles (and path) slot by slot, multiplying the matrices met.
template <class T>
Mat<T> reference_wick(WickChain chain, const WickCase<T>& input, bool per_sample,
                      WickFlaw flaw = WickFlaw::None) {
  const auto& C = input.C;
  const Mat<T>& Sigma = input.Sigma;
  const Eigen::Index d = Sigma.rows();
  const bool open = chain == WickChain::Open;
  const int k = static_cast<int>(C.size()) - (open ? 1 : 0);
  const auto& matchings = perfect_matchings(k);
  // Slot 2a holds x of copy a (the column of x xᵀ), slot 2a + 1 its xᵀ (the row). C_a sits between
  // the row slot of copy a − 1 and the column slot of copy a: C_a[p(2a − 1), p(2a)].
  const auto matrix_before = [&](int copy) { return open ? copy : copy % k; };
  const auto transpose_if = [&](const Mat<T>& m, bool t) -> Mat<T> {
    return t && flaw != WickFlaw::NoTransposes ? Mat<T>(m.transpose()) : m;
  };
  Mat<T> total = Mat<T>::Zero(open ? d : 1, open ? d : 1);
  for (std::size_t m = 0; m < matchings.size(); ++m) {
    // Components of the copy graph by repeated label propagation.
    std::vector<int> label(static_cast<std::size_t>(k));
    std::iota(label.begin(), label.end(), 0);
    for (int sweep = 0; sweep < k; ++sweep)
      for (int s = 0; s < 2 * k; ++s) {
        auto& a = label[static_cast<std::size_t>(s / 2)];
        auto& b = label[static_cast<std::size_t>(matchings.partner(m, s) / 2)];
        a = b = std::min(a, b);
      }
    std::vector<int> distinct = label;
    std::sort(distinct.begin(), distinct.end());
    const int components = static_cast<int>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
    T weight = 1;
    if (flaw != WickFlaw::NoComponentWeight) {
      for (int c = 0; c < components; ++c) weight *= T(input.n);
      if (per_sample)
        for (int c = 0; c < k; ++c) weight /= T(input.n);
    }
    std::vector<bool> used(static_cast<std::size_t>(2 * k), false);
    Mat<T> term = Mat<T>::Identity(open ? d : 1, open ? d : 1) * weight;
    if (open) {
      // p –C_0– slot 0 –Σ– partner –C– … –Σ– slot 2k − 1 –C_k– q.
      Mat<T> path = C[0];
      for (int s = 0; k > 0;) {
        const int t = matchings.partner(m, s);
        used[static_cast<std::size_t>(s)] = used[static_cast<std::size_t>(t)] = true;
        path = path * Sigma;
        if (t == 2 * k - 1) {
          path = path * C[static_cast<std::size_t>(k)];
          break;
        }
        const int copy = t / 2;
        if (t % 2 == 0) {  // column slot of `copy`: cross C_copy backwards to the row slot of copy − 1
          path = path * transpose_if(C[static_cast<std::size_t>(matrix_before(copy))], true);
          s = 2 * (copy - 1) + 1;
        } else {  // row slot: cross C_{copy+1} forwards to the column slot of copy + 1
          path = path * C[static_cast<std::size_t>(matrix_before(copy + 1))];
          s = 2 * (copy + 1);
        }
      }
      term = term * path;
    }
    for (int start = 0; start < 2 * k; ++start) {
      if (used[static_cast<std::size_t>(start)]) continue;
      Mat<T> cycle = Mat<T>::Identity(d, d);
      int s = start;
      do {
        const int copy = s / 2;
        int next;
        if (s % 2 == 0) {
          cycle = cycle * transpose_if(C[static_cast<std::size_t>(matrix_before(copy))], true);
          next = 2 * ((copy + k - 1) % k) + 1;
        } else {
          cycle = cycle * C[static_cast<std::size_t>(matrix_before(copy + 1))];
          next = 2 * ((copy + 1) % k);
        }
        used[static_cast<std::size_t>(s)] = used[static_cast<std::size_t>(next)] = true;
        cycle = cycle * Sigma;
        s = matchings.partner(m, next);
      } while (s != start);
      term = term * cycle.trace();
    }
    total += term;
  }
  return total;
}

/// The engine's value in the shape reference_wick returns (1×1 for the cyclic chain).
template <class T>
Mat<T> wick_value(WickChain chain, const WickCase<T>& input, bool per_sample) {
  if (chain == WickChain::Open)
    return per_sample ? expect_product<T>(input.C, input.Sigma, input.n)
                      : expect_product_wishart<T>(input.C, input.Sigma, input.n);
  const T value = per_sample ? expect_trace<T>(input.C, input.Sigma, input.n)
                             : expect_trace_wishart<T>(input.C, input.Sigma, input.n);
  return Mat<T>::Constant(1, 1, value);
}

/// The unit matrix E_pq = e_p e_qᵀ (with it, entries and products of traces become single traces:
/// W_qq W_pp = tr(E_pq W E_qp W)).
template <class T>
Mat<T> unit_matrix(Eigen::Index d, Eigen::Index p, Eigen::Index q) {
  Mat<T> e = Mat<T>::Zero(d, d);
  e(p, q) = 1;
  return e;
}

}  // namespace ltv
