#pragma once
// The GD++ construction of V24 Theorem 5.1 ("GD++ is a second-order method"), from its proof.
//
// Input: a context whose Gram matrix Σ = Σ_i x_i x_iᵀ has its eigenvalues in [µ, ν], κ = ν/µ.
// A GD++ layer with ω_xx = −γ and ω_yx = 0 maps every x (context and query) to (I − γΣ)x, so an
// eigenvalue λ of Σ becomes f(λ) = λ(1 − γλ)² (model/ and V24.GDPP). With γν = 1/3, f is increasing
// on [µ, ν] (f' = (1 − γλ)(1 − 3γλ) >= 0), so the bounds travel exactly:
//     µ_{l+1} = f_l(µ_l),  ν_{l+1} = f_l(ν_l) = (4/9) ν_l,  γ_l = 1/(3 ν_l),
// and κ_{l+1} = κ_l · (4/9) / (1 − 1/(3κ_l))² (Lemma A.3: <= c κ_l for κ_l >= 1.1, <= 1 + 2(κ_l − 1)²
// below). After K such layers one GD layer (ω_xx = 0, ω_yx = −1/µ_K) reads out
// ŷ = <x_q^K, Σ_i y_i x_i^K> / µ_K.
//
// Why the accuracy is κ_K − 1: every layer is a polynomial p(Σ) applied to the x's, y is untouched,
// so with P = p_K(Σ) the readout is ŷ = <P x_q, PΣP w*>/µ_K = <x_q, (P²Σ/µ_K) w*>, and P²Σ has the
// eigenvalues f_K(λ) ∈ [µ_K, ν_K] in Σ's eigenbasis. Hence
//     |ŷ − <x_q, w*>| = |<x_q, (P²Σ/µ_K − I) w*>| <= (κ_K − 1) |x_q| |w*|,
// with equality at x_q = w* = the eigenvector of λ = ν: the bound is tight. (The P's cancel because
// everything commutes; no condition number of P enters.)
//
// Plain GD, the first-order method the theorem is measured against (V24.T5.1's negative control):
// L identical GD layers (ω_xx = 0, ω_yx = −η) with the best constant step η = 2/(µ + ν). Each is
// one GD step on the context's least squares from θ_0 = 0, θ_{l+1} = θ_l + η(α − Σθ_l), so
// ŷ = <x_q, (I − (I − ηΣ)^L) w*> and
//     |ŷ − <x_q, w*>| = |<x_q, (I − ηΣ)^L w*>| <= ρ^L |x_q| |w*|,   ρ = (κ − 1)/(κ + 1),
// with equality at x_q = w* = the eigenvector of λ = ν (or µ). The least L with ρ^L <= ε is
// ⌈log(1/ε)/log(1/ρ)⌉ ≈ (κ/2) log(1/ε): linear in κ and in log(1/ε), not logarithmic.
#include "ltv/model/families.hpp"
#include "ltv/scalar/tiers.hpp"

#include <cstdint>
#include <vector>

namespace ltv {

/// The hyper-parameters of the construction and the spectral bounds they track.
template <class T>
struct GdppPlan {
  std::vector<T> gamma;  ///< γ_l = 1/(3ν_l), l = 0..K−1 (the layers set ω_xx = −γ_l)
  std::vector<T> mu;     ///< µ_l, l = 0..K: the smallest eigenvalue bound after l layers
  std::vector<T> nu;     ///< ν_l, l = 0..K: the largest
  T step;                ///< 1/µ_K: the final GD layer sets ω_yx = −step
  int preconditioning_layers() const { return static_cast<int>(gamma.size()); }
};

/// The plan for eigenvalue bounds [mu, nu] and K preconditioning layers.
/// Throws std::invalid_argument unless 0 < mu <= nu and K >= 0.
template <class T>
GdppPlan<T> gdpp_plan(const T& mu, const T& nu, int preconditioning_layers);

/// The GD++ model of a plan (one head per layer, attention scale c = 1, Norm::Sum): K layers
/// (p_x, q_x, p_y) = (1, −γ_l, 0), i.e. ω_xx = −γ_l, ω_yx = 0, then one layer (0, −step, 1), i.e.
/// ω_xx = 0, ω_yx = −step.
template <class T>
Model<T> gdpp_model(int d, const GdppPlan<T>& plan);

/// The guaranteed relative accuracy of the construction after its layers: κ_K − 1 (exact and tight,
/// see above), with κ_K = ν_K/µ_K.
template <class T>
T gdpp_guaranteed_accuracy(const GdppPlan<T>& plan);

/// The number K of preconditioning layers the construction needs for relative accuracy eps at
/// condition number kappa: the least K with κ_K − 1 <= eps (the bounds' recursion, in Mpfr at the
/// working precision). Throws std::invalid_argument unless kappa >= 1 and eps > 0.
int gdpp_layers_needed(const Mpfr& kappa, const Mpfr& eps);

/// An explicit upper bound on gdpp_layers_needed from Lemma A.3's constants alone:
///   phase 1, κ >= 1.1: κ shrinks by at least c = 4356/4761 per layer, so K1 = ⌈log(κ/1.1)/log(1/c)⌉
///            layers reach κ <= 1.1 (K1 = 0 when κ <= 1.1);
///   phase 2, κ = 1 + e with e <= 0.1: e' <= 2e², so 2e_k <= (2e_0)^{2^k} <= (1/5)^{2^k} and
///            K2 = ⌈log2(log(1/(2 eps)) / log 5)⌉ layers reach e <= eps (K2 = 0 when eps >= 0.1);
/// total K1 + K2 = O(log κ + log log 1/eps) preconditioning layers, plus the GD layer.
struct GdppLayerBound {
  int phase1 = 0;  ///< K1
  int phase2 = 0;  ///< K2
  int preconditioning() const { return phase1 + phase2; }
};
GdppLayerBound gdpp_layer_bound(const Mpfr& kappa, const Mpfr& eps);

/// Plain GD as a transformer: `layers` GD layers (p_x, p_y, q_x, q_y) = (0, 1, −η, 0), i.e.
/// ω_xx = 0, ω_yx = −η, with η = 2/(µ + ν) (c = 1, Norm::Sum). Throws std::invalid_argument unless
/// 0 < mu <= nu and layers >= 1.
template <class T>
Model<T> plain_gd_model(int d, const T& mu, const T& nu, int layers);

/// Plain GD's guaranteed relative accuracy after `layers` layers: ρ^layers, ρ = (κ − 1)/(κ + 1)
/// (exact and tight, see above).
Mpfr plain_gd_guaranteed_accuracy(const Mpfr& kappa, std::int64_t layers);

/// The least L >= 1 with ρ^L <= eps (64 bits: at κ = 10⁸, eps = 10⁻¹²⁸ it is about 1.5·10¹⁰).
/// Throws std::invalid_argument unless kappa > 1 and 0 < eps < 1.
std::int64_t plain_gd_layers_needed(const Mpfr& kappa, const Mpfr& eps);

}  // namespace ltv

// Explicit instantiations for every tier (theory/tier_*.cpp): declared here, defined once per tier.
#define LTV_GDPP_CONSTRUCTION_INSTANCES(PREFIX, T)                        \
  PREFIX template GdppPlan<T> gdpp_plan<T>(const T&, const T&, int);      \
  PREFIX template Model<T> gdpp_model<T>(int, const GdppPlan<T>&);        \
  PREFIX template T gdpp_guaranteed_accuracy<T>(const GdppPlan<T>&);      \
  PREFIX template Model<T> plain_gd_model<T>(int, const T&, const T&, int);
#define LTV_GDPP_CONSTRUCTION_INSTANCES_EXTERN(T) LTV_GDPP_CONSTRUCTION_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_GDPP_CONSTRUCTION_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: gdpp_construction_impl.hpp, compiled once per tier in theory/tier_*.cpp.
