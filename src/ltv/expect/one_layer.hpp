#pragma once
// The exact population loss of a one-layer, one-head FULL model, with its exact gradient and
// Hessian over all 2(d+1)² entries of (P, Q) (docs/architecture.md; A23 §3).
//
// Data: x_i, x_q ~ N(0, Σ), w ~ N(0, I), y_i = <w, x_i> + ξ_i, ξ_i ~ N(0, σ²); loss E(ŷ - <w, x_q>)².
// With p the last row of P and B the first d columns of Q, the prediction is ŷ = vᵀx_q with
// v = -c Bᵀ G p, G = Σ_i e_i e_iᵀ (the rest of P and Q never reaches ŷ). Conditional on w the
// context tokens are i.i.d. N(0, Γ_w), Γ_w = [[Σ, Σw], [wᵀΣ, wᵀΣw + σ²]], so G is Wishart and
//     E[G] = n Γ,   E[G A G] = n(n+1) Γ A Γ + n tr(AΓ) Γ      (A symmetric; Isserlis),
// which gives, with A = BΣBᵀ and u = Γ_w p,
//     f(w) = c² (n(n+1) uᵀAu + n tr(AΓ_w) pᵀu) + 2cn (Σw)ᵀBᵀu + wᵀΣw.
// f is a polynomial of degree <= 4 in w, so E_w f is exact with the rational cubature of
// gaussian_cubature.hpp: over the rationals the loss is the exact rational number.
// Gradient (derived by hand, checked by the tests against exact differences):
//     ∇_p f = 2c²n(n+1) ΓAu + 2c²n tr(AΓ) u + 2cn ΓBΣw
//     ∇_B f = 2c²n(n+1) u uᵀBΣ + 2c²n (pᵀu) ΓBΣ + 2cn u (Σw)ᵀ.
// Hessian: f has degree 4 in (P, Q), so the gradient is a cubic polynomial along every line and
// the Richardson combination (4 D(1) - D(2)) / 3 of central differences D(h) of the gradient is its
// derivative exactly (the h² term is the only error term of a cubic and cancels).
#include "ltv/model/parameters.hpp"

namespace ltv {

/// The population distribution of a one-layer problem (prior w ~ N(0, I)).
template <class T>
struct OneLayerProblem {
  Mat<T> cov;              ///< Σ, the covariance of x (d×d, symmetric positive definite)
  T noise_var = T(0);      ///< σ², the label-noise variance
  int n = 1;               ///< context length
  Norm norm = Norm::Mean;  ///< c = 1/n (A23) or c = 1 (V24)
  int d() const { return static_cast<int>(cov.rows()); }
};

template <class T>
struct OneLayerGradient {
  Mat<T> P;  ///< ∂loss/∂P
  Mat<T> Q;  ///< ∂loss/∂Q
};

/// E(ŷ - <w, x_q>)² for the one-layer model (P, Q).
template <class T>
T one_layer_loss(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem);

/// The gradient of one_layer_loss with respect to every entry of P and Q.
template <class T>
OneLayerGradient<T> one_layer_gradient(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem);

/// The Hessian over θ = (vec P, vec Q) (column-major vec), 2(d+1)² × 2(d+1)².
template <class T>
Mat<T> one_layer_hessian(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem);

/// θ = (vec P, vec Q) and back.
template <class T>
Vec<T> stack_parameters(const Mat<T>& P, const Mat<T>& Q);
template <class T>
std::pair<Mat<T>, Mat<T>> unstack_parameters(const Vec<T>& theta, int d);

/// A23 Theorem 1's claimed optimum (with c = 1/n): P = diag(0_d, 1), Q = -diag(M, 0),
/// M = ((n+1)/n Σ + shift/n I)⁻¹ with shift = tr Σ (the theorem) or tr Σ + σ² (ltv's extension
/// to label noise).
template <class T>
std::pair<Mat<T>, Mat<T>> a23_one_layer_optimum(const Mat<T>& cov, const T& shift, int n);

#define LTV_ONE_LAYER_INSTANCES(PREFIX, T)                                                              \
  PREFIX template T one_layer_loss<T>(const Mat<T>&, const Mat<T>&, const OneLayerProblem<T>&);         \
  PREFIX template OneLayerGradient<T> one_layer_gradient<T>(const Mat<T>&, const Mat<T>&,               \
                                                            const OneLayerProblem<T>&);                 \
  PREFIX template Mat<T> one_layer_hessian<T>(const Mat<T>&, const Mat<T>&, const OneLayerProblem<T>&); \
  PREFIX template Vec<T> stack_parameters<T>(const Mat<T>&, const Mat<T>&);                             \
  PREFIX template std::pair<Mat<T>, Mat<T>> unstack_parameters<T>(const Vec<T>&, int);                  \
  PREFIX template std::pair<Mat<T>, Mat<T>> a23_one_layer_optimum<T>(const Mat<T>&, const T&, int);
#define LTV_ONE_LAYER_INSTANCES_EXTERN(T) LTV_ONE_LAYER_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_ONE_LAYER_INSTANCES_EXTERN)

}  // namespace ltv

// Definitions: one_layer_impl.hpp, compiled once per tier in expect/tier_*.cpp.
