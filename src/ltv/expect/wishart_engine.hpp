#pragma once
// The Wishart engine: the exact population loss of an L-layer SPARSE or RELAXED model at a point
// of A23's family S, with its gradient and Hessian over every matrix entry, at any depth
// (docs/wishart_engine.md).
//
// Whitening. With Σ = C Cᵀ, x = C u and w̃ = Cᵀ w ~ N(0, I) (w ~ N(0, Σ⁻¹)), the layer recursion of
// layer_polynomial.hpp keeps its form with Ã_l = Cᵀ A_l C and B̃_l = C⁻¹ B_l C, and the loss is
// E tr(M̃ᵀ M̃). On S (A_l = a_l Σ⁻¹, B_l = b_l I) every Ã_l = a_l I and B̃_l = b_l I, so M̃ is a
// polynomial in the whitened sample moment S alone; the loss needs the moments E tr S^k.
//
// Derivatives. Moving the parameters in directions Δ_p inserts Δ_p (or Δ_pᵀ) between powers of S
// (direction_jets.hpp). By cyclicity and the O(d) invariance of S's law,
//   E tr(S^a X S^b)         = (E tr S^{a+b} / d) tr X,
//   E tr(S^u X S^b Y)       = α_ub tr(XY) + β_ub (tr(XYᵀ) + tr X tr Y),
// where E[(S^u)_ij (S^b)_kl] = α δ_ij δ_kl + β (δ_ik δ_jl + δ_il δ_jk) is fixed by E tr S^u tr S^b and
// E tr S^{u+b}. So the gradient with respect to Δ̃_p is g_p I, and the Hessian is the bilinear form
//   H(X, Y) = Σ_pq P_pq tr(X_p Y_q) + T_pq tr(X_p Y_qᵀ) + R_pq tr X_p tr Y_q,
// which splits on the O(d)-isotypic components of d×d matrices: multiples of I (block
// P + T + dR, multiplicity 1), symmetric traceless (P + T, multiplicity d(d+1)/2 − 1) and
// antisymmetric (T − P, multiplicity d(d−1)/2). These are consequences of the invariance, and
// tests/expect/wishart_engine_test.cpp checks them against the matching engine, not assumed.
//
// Parameters are numbered as in layer_loss.hpp: A_0..A_{L−1}, then B_0..B_{L−1} for RELAXED.
// No label noise, c = 1/n, one head (A23 §4–5).
#include "ltv/expect/layer_polynomial.hpp"
#include "ltv/expect/wishart_moments.hpp"
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/tiers.hpp"

#include <vector>

namespace ltv {

/// A point of S by its scalars v: (a_0..a_{L−1}) for SPARSE, (a_0..a_{L−1}, b_0..b_{L−1}) for
/// RELAXED (b_{L−1} never reaches the prediction).
int family_scalar_count(LayerFamily family, int layers);

/// The degree of M̃ in S: L for SPARSE; 1, 4, 13, 40, ... for RELAXED (the loss needs twice as
/// many copies of S).
int family_error_degree(LayerFamily family, int layers);

/// The invariant moments the engine needs, in one tier: E tr S^k and the α, β above, for
/// exponents up to twice the error degree.
template <class T>
struct InvariantMoments {
  int n = 0, d = 0;
  std::vector<T> trace;                     ///< E tr S^k
  std::vector<std::vector<T>> alpha, beta;  ///< [u][b]
};

/// Computed exactly (wishart_moments.hpp) and converted to T. Throws std::invalid_argument on
/// n < 1, d < 1 or degree < 0.
template <class T>
InvariantMoments<T> invariant_moments(int n, int d, int degree);

/// The loss on S and its derivatives in the scalars v (cheap: commuting jets).
template <class T>
struct ScalarLoss {
  T value;
  Vec<T> gradient;
  Mat<T> hessian;
};

/// The loss, gradient and Hessian over every matrix entry, in whitened coordinates, as invariants.
template <class T>
struct InvariantDerivatives {
  int d = 0;
  T loss;
  Vec<T> gradient;                 ///< ∂loss/∂Δ̃_p = gradient[p] · I
  Mat<T> product, transpose, trace;  ///< P, T, R of the Hessian form (symmetric; empty without Hessian)

  Mat<T> identity_block() const { return product + transpose + T(d) * trace; }
  Mat<T> symmetric_block() const { return product + transpose; }
  Mat<T> antisymmetric_block() const { return transpose - product; }
  int symmetric_multiplicity() const { return d * (d + 1) / 2 - 1; }
  int antisymmetric_multiplicity() const { return d * (d - 1) / 2; }
};

/// The engine for one (family, L, n, d): the moments are computed once.
template <class T>
class WishartEngine {
 public:
  /// Throws std::invalid_argument on layers < 1, n < 1 or d < 1.
  WishartEngine(LayerFamily family, int layers, int n, int d);

  LayerFamily family() const { return family_; }
  int layers() const { return layers_; }
  int scalars() const { return family_scalar_count(family_, layers_); }
  const InvariantMoments<T>& moments() const { return moments_; }

  /// The loss at the point v of S.
  T loss(const Vec<T>& v) const;
  /// The loss with its gradient and Hessian in the scalars.
  ScalarLoss<T> scalar_loss(const Vec<T>& v) const;
  /// The loss, and the gradient (and, when asked, the Hessian) over every matrix entry.
  InvariantDerivatives<T> derivatives(const Vec<T>& v, bool with_hessian) const;

 private:
  void check(const Vec<T>& v) const;

  LayerFamily family_;
  int layers_;
  InvariantMoments<T> moments_;
};

/// The Hessian over every original matrix entry, θ = (vec A_0, …, vec B_0, …) column-major as in
/// layer_loss.hpp, for Σ = C Cᵀ: Jᵀ H̃ J with vec Ã = (Cᵀ ⊗ Cᵀ) vec A and vec B̃ = (Cᵀ ⊗ C⁻¹) vec B.
template <class T>
Mat<T> original_hessian(const InvariantDerivatives<T>& h, LayerFamily family, int layers, const Mat<T>& C);

/// The gradient over every original entry: ∂/∂A_l = g C Cᵀ = g Σ, ∂/∂B_l = g C⁻ᵀ Cᵀ.
template <class T>
std::vector<Mat<T>> original_gradient(const InvariantDerivatives<T>& h, LayerFamily family, int layers,
                                      const Mat<T>& C);

/// The same Hessian for a diagonal C = diag(c) (Σ = diag(c²); any Σ after rotating to its
/// eigenbasis, which keeps the spectrum), as its diagonal blocks: one 2P×2P block per pair
/// i < j, on the entries (i, j) then (j, i) of every parameter, in the order (i, j) = (0, 1),
/// (0, 2), …; then one dP×dP block on the diagonal entries, index p d + i.
template <class T>
std::vector<Mat<T>> original_hessian_blocks(const InvariantDerivatives<T>& h, LayerFamily family, int layers,
                                            const Vec<T>& c);

#define LTV_WISHART_ENGINE_INSTANCES(PREFIX, T)                                                                 \
  PREFIX template InvariantMoments<T> invariant_moments<T>(int, int, int);                                      \
  PREFIX template class WishartEngine<T>;                                                                       \
  PREFIX template Mat<T> original_hessian<T>(const InvariantDerivatives<T>&, LayerFamily, int, const Mat<T>&); \
  PREFIX template std::vector<Mat<T>> original_gradient<T>(const InvariantDerivatives<T>&, LayerFamily, int,    \
                                                           const Mat<T>&);                                      \
  PREFIX template std::vector<Mat<T>> original_hessian_blocks<T>(const InvariantDerivatives<T>&, LayerFamily, int, \
                                                                 const Vec<T>&);
// The tiers with exact or rounded arithmetic and an order (not Interval: its comparisons are partial).
LTV_WISHART_ENGINE_INSTANCES(extern, double)
LTV_WISHART_ENGINE_INSTANCES(extern, Mpfr)
LTV_WISHART_ENGINE_INSTANCES(extern, Rational)

}  // namespace ltv

// Definitions: wishart_engine_impl.hpp, compiled once per tier in expect/tier_*.cpp.
