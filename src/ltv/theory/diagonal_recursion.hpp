#pragma once
// The implicit-model recursion of a DIAG model (V24 Lemma 4.4 / Lemma A.1), in the form printed
// in V24 (docs/catalogue.md), and the corrected form that ltv derives. With w* = Σ⁻¹α, ρ = Σ_i r_i² and Σ the
// layer-0 Gram matrix:
//   u^{l+1} = (I - Λ^l) u^l + Γ^l Σ (a^l w* - w^l)
//   w^{l+1} = (1 + s^l) w^l - Π^l Σ (a^l w* - w^l) - Φ^l u^l
//   Λ^l = -ω_xy (a^l)² ρ I - ω_xx Σ^l,  s^l = ω_yy λ^l,  Φ^l = a^l ρ ω_yx M^lT,
//   printed:   Γ^l = a^l ω_xy (M^l + a^l u^l w*ᵀ),  Π^l = ω_yx M^lT (M^l + a^l u^l w*ᵀ)
//   corrected: Γ^l = a^l ω_xy (M^l + u^l w*ᵀ),      Π^l = ω_yx M^lT (M^l + u^l w*ᵀ)
// Derivation of the correction: α^l = Σ_i y_i^l x_i^l = M(aα - Σw) + u(aλ - αᵀw), and with
// λ = ρ + w*ᵀα this is (M + u w*ᵀ) Σ (a w* - w) + a ρ u: the factor a^l in front of u w*ᵀ is spurious.
// The two forms agree while a^l = 1 or u^l = 0 (e.g. at layer 0, and always for GD++).
// The ω's here include the attention scale c (V24 uses c = 1).
#include "ltv/model/families.hpp"
#include "ltv/theory/implicit_model.hpp"

namespace ltv {

/// What the recursion needs from the input context.
template <class T>
struct LeastSquaresContext {
  Mat<T> gram_x;  ///< Σ = Σ_i x_i x_iᵀ (layer 0)
  Vec<T> w_star;  ///< Σ⁻¹α
  T rho;          ///< Σ_i r_i²
};

enum class DiagonalForm { Printed, Corrected };

/// (u^{l+1}, w^{l+1}) from the model of layer l, the layer's ω's and its statistics Σ^l, λ^l.
template <class T>
std::pair<Vec<T>, Vec<T>> diagonal_step(const ImplicitModel<T>& m, const Omega<T>& o, const Mat<T>& gram_x_l,
                                        const T& lambda_l, const LeastSquaresContext<T>& ctx,
                                        DiagonalForm form);

}  // namespace ltv

// Explicit instantiations for every tier (theory/tier_*.cpp): declared here, defined once per tier.
#define LTV_DIAGONAL_RECURSION_INSTANCES(PREFIX, T)                                                    \
  PREFIX template std::pair<Vec<T>, Vec<T>> diagonal_step<T>(const ImplicitModel<T>&, const Omega<T>&, \
                                                             const Mat<T>&, const T&,                  \
                                                             const LeastSquaresContext<T>&, DiagonalForm);
#define LTV_DIAGONAL_RECURSION_INSTANCES_EXTERN(T) LTV_DIAGONAL_RECURSION_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_DIAGONAL_RECURSION_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: diagonal_recursion_impl.hpp, compiled once per tier in theory/tier_*.cpp.
