#pragma once
// The Wick-matching engine (docs/architecture.md): exact moments of the sample second-moment matrix
//
//     S = (1/n) Σ_{i=1..n} x_i x_iᵀ,   x_1..x_n i.i.d. N(0, Σ) in R^d,
//
//   expect_trace(C, Σ, n)   = E tr(C_0 S C_1 S ··· C_{k−1} S)   (k = C.size() copies of S, cyclic)
//   expect_product(C, Σ, n) = E[C_0 S C_1 S ··· S C_k]          (k = C.size() − 1 copies, open)
//
// for arbitrary (not necessarily symmetric) d×d matrices C_a, and the same for the raw Wishart
// matrix W = Σ_i x_i x_iᵀ = nS (the *_wishart functions). The value is a polynomial in the entries
// of the C's and Σ and in 1/n, so the Rational tier computes it exactly; the other tiers evaluate
// the same program with their rounding. This is what lets population losses be exact instead of
// Monte Carlo estimates (which give 2–3 digits).
//
// Derivation (cyclic chain). Write copy a of S as (1/n) Σ_{i_a} u_a v_aᵀ with u_a = v_a = x_{i_a};
// its "left slot" L_a holds u_a and its "right slot" R_a holds v_aᵀ. Then
//
//   tr(C_0 u_0 v_0ᵀ C_1 u_1 v_1ᵀ ··· C_{k−1} u_{k−1} v_{k−1}ᵀ) = Π_a v_{a−1}ᵀ C_a u_a     (a − 1 mod k)
//     = Σ_{coordinates p} Π_a C_a[p(R_{a−1}), p(L_a)] · Π_{slots s} z_s,
//
// with one coordinate p(s) per slot and the 2k scalars z_{L_a} = u_a[p(L_a)], z_{R_a} = v_a[p(R_a)].
// For a fixed index assignment i = (i_0, …, i_{k−1}) these scalars are centred and jointly Gaussian
// (equal indices make equal vectors; Isserlis' theorem allows repeated variables), with
// E[z_s z_t] = δ(i_{a(s)}, i_{a(t)}) Σ[p(s), p(t)], a(s) the copy of slot s. Isserlis' theorem:
//
//   E Π_s z_s = Σ_{perfect matchings μ of the 2k slots} Π_{{s,t} ∈ μ} δ(i_{a(s)}, i_{a(t)}) Σ[p(s), p(t)].
//
// Index sum: Π δ = 1 exactly when i is constant on every connected component of the graph G_μ on the
// k copies with one edge {a(s), a(t)} per pair of μ, so Σ_i Π δ = n^{c(μ)}, c(μ) = #components of
// G_μ. (This is not the number of trace cycles below: μ = {L_0R_0, L_1R_1} has c = 2 and one cycle.
// A weight "n^{#cycles}" can only mean these components.)
// Coordinate sum: every slot's coordinate appears in one C-entry and one Σ-entry, so the entries
// close into cycles alternating C's and Σ's; a cycle read in one direction is tr(f_1 Σ f_2 Σ ··· f_m Σ)
// with f = C_a where it crosses C_a from its row slot R_{a−1} to its column slot L_a and f = C_aᵀ
// where it crosses the other way (this is where transposes come from: e.g. a pair of two left
// slots). Σ is symmetric, so the direction of reading does not matter (tr X = tr Xᵀ). Altogether
//
//   E tr(C_0 S ··· C_{k−1} S) = Σ_μ n^{c(μ)−k} Π_{cycles γ of μ} tr(Π_{f ∈ γ} f Σ),
//
// and with W = nS the weight is n^{c(μ)}. For the open chain the slots L_0 and R_{k−1} are joined
// by C_0 and C_k to the free indices of the result, and the chain through them is the matrix
// C_0 Σ f_1 Σ ··· Σ C_k instead of a trace (wick_program.hpp). Example, k = 2, open chain (I, A, I):
//   μ = {L_0R_0, L_1R_1}: c = 2, Σ A Σ;   {L_0L_1, R_0R_1}: c = 1, Σ Aᵀ Σ;   {L_0R_1, R_0L_1}: c = 1,
//   Σ · tr(AΣ);   so  E[S A S] = Σ A Σ + (Σ Aᵀ Σ + tr(AΣ) Σ)/n.
//
// Cost: the program of wick_program.hpp (compiled once per chain and k, and cached) evaluates every
// distinct cycle once, sharing the common prefixes of the products in a trie, and then sums one
// scalar term per matching: (2k−1)!!, i.e. 10 395 for k = 6 and 2 027 025 for k = 8, the largest k
// supported. The rational tier first clears denominators (IntegerScaling, wick_impl.hpp); Mpfr uses
// fused kernels (fused_products.hpp). Measured on one core at d = 4, trace / product: k = 6 in
// 0.2 / 0.3 ms (double), 26 / 44 ms (Mpfr, 257 bits), 0.3 / 0.6 s (Rational, Householder-built Σ);
// k = 8 in 9 / 15 s (Mpfr) after compiling its program once (6 / 9 s, 0.3 / 0.4 GB).
#include "ltv/expect/wick_program.hpp"
#include "ltv/scalar/eigen_glue.hpp"

#include <vector>

namespace ltv {

/// E tr(C_0 S C_1 S ··· C_{k−1} S) for S = (1/n) Σ_{i<=n} x_i x_iᵀ, x_i i.i.d. N(0, Σ), k = C.size().
/// Throws std::invalid_argument unless 1 <= k <= kMaxMatchingPairs, every C_a is d×d, Σ is d×d and
/// exactly symmetric, and n >= 1. (Σ need not be positive definite: the value is a polynomial.)
template <class T>
T expect_trace(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n);

/// E[C_0 S C_1 S ··· S C_k] (a d×d matrix), k = C.size() − 1 copies of S; C = {C_0} gives C_0.
/// Throws as expect_trace, with 0 <= k <= kMaxMatchingPairs.
template <class T>
Mat<T> expect_product(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n);

/// E tr(C_0 W ··· C_{k−1} W) for the Wishart matrix W = Σ_{i<=n} x_i x_iᵀ = nS (weights n^c, so no
/// rounding from rescaling). Throws as expect_trace.
template <class T>
T expect_trace_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n);

/// E[C_0 W C_1 W ··· W C_k] for W = nS. Throws as expect_product.
template <class T>
Mat<T> expect_product_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n);

}  // namespace ltv

// Explicit instantiations for every tier (expect/tier_*.cpp): declared here, defined once per tier.
#define LTV_WICK_INSTANCES(PREFIX, T)                                                        \
  PREFIX template T expect_trace<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);         \
  PREFIX template Mat<T> expect_product<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);  \
  PREFIX template T expect_trace_wishart<T>(const std::vector<Mat<T>>&, const Mat<T>&, int); \
  PREFIX template Mat<T> expect_product_wishart<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);
#define LTV_WICK_INSTANCES_EXTERN(T) LTV_WICK_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_WICK_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: wick_impl.hpp, compiled once per tier in expect/tier_*.cpp.
