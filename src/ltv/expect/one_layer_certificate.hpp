#pragma once
// A certificate of global optimality for one layer with any number of heads (A23 Theorem 1), exact
// over the rationals.
//
// With p_h the last row of P_h and B_h the first d columns of Q_h, the prediction of a one-layer
// model with H heads is ŷ = vᵀx_q, v = -c Σ_h B_hᵀ G p_h, G = Σ_i z_i z_iᵀ (one_layer.hpp). It is
// linear in the tensor W_{abk} = Σ_h p_{h,a} B_{h,bk}, and since G is symmetric only the
// symmetrised tensor reaches it: with one row per pair a ≤ b of token coordinates (S = (d+1)(d+2)/2
// rows), g_s = G_ab and m_s = W_ab· + W_ba· (a < b) or W_aa· (a = b),
//     v = -c Mᵀ g,   M ∈ R^{S×d}.
// Taking the expectation over the query x_q ~ N(0, Σ) first, the loss E(ŷ - <w, x_q>)² is
//     L(M) = c² tr(Mᵀ K M Σ) + 2c tr(Mᵀ R Σ) + E[wᵀΣw],   K = E[g gᵀ],  R = E[g wᵀ],
// a quadratic in M with Hessian 2c² (Σ ⊗ K). So when K is positive definite, L is strictly convex
// in M and a point with c K M + R = 0 is its unique global minimiser — over every tensor, hence
// over every (P_h, Q_h) with any H, unique up to what does not reach ŷ (the rest of P_h and Q_h, the
// split of W into heads, P -> γP with Q -> Q/γ). Both facts are checked exactly: K's LDLᵀ
// factorisation without pivoting has only positive pivots (for a symmetric matrix this holds if
// and only if it is positive definite: the pivots are the ratios of consecutive leading principal
// minors), and the residual c K M + R is the rational zero matrix.
//
// K and R come from the Wishart moments given w (the context tokens are i.i.d. N(0, Γ_w)):
//     E[G_ab G_a'b' | w] = n² Γ_ab Γ_a'b' + n (Γ_aa' Γ_bb' + Γ_ab' Γ_ba'),   E[G_ab | w] = n Γ_ab,
// polynomials of degree <= 4 in w, averaged exactly with the cubature of gaussian_cubature.hpp.
#include "ltv/expect/one_layer.hpp"
#include "ltv/scalar/ldlt.hpp"

#include <utility>
#include <vector>

namespace ltv {

/// The pair (a, b), a <= b, of token coordinates behind row s of M and g (row-major over a).
std::vector<std::pair<int, int>> symmetric_pairs(int d);

/// M of a one-layer model with heads (P_h, Q_h), each (d+1)×(d+1): S×d.
Mat<Rational> prediction_tensor(const std::vector<Head<Rational>>& heads);

/// The loss as a quadratic in M, for one problem.
struct OneLayerQuadratic {
  Mat<Rational> cov;    ///< Σ
  Rational c;           ///< the attention scale
  Mat<Rational> gram;   ///< K = E[g gᵀ], S×S
  Mat<Rational> cross;  ///< R = E[g wᵀ], S×d
  Rational constant;    ///< E[wᵀΣw] = tr Σ

  /// L(M), exactly.
  Rational loss(const Mat<Rational>& M) const;
  /// c K M + R: zero exactly at a stationary point.
  Mat<Rational> residual(const Mat<Rational>& M) const;
};

OneLayerQuadratic one_layer_quadratic(const OneLayerProblem<Rational>& problem);

/// Everything the certificate of a candidate M says.
struct OneLayerCertificate {
  int rows = 0;             ///< S
  LdltCertificate<Rational> hessian;  ///< K's factorisation (scalar/ldlt.hpp)
  bool stationary = false;  ///< c K M + R == 0 exactly
  Rational loss;            ///< L at the candidate
  bool certified() const { return hessian.positive_definite() && stationary; }
};

OneLayerCertificate certify_one_layer_minimiser(const OneLayerQuadratic& quadratic, const Mat<Rational>& M);

}  // namespace ltv
