#pragma once
// (Preconditioned) gradient descent on the in-context least-squares risk (docs/conventions.md):
//     R(θ) = (1/2n) Σ_i (y_i - θᵀx_i)²,   θ_{l+1} = θ_l - Γ_l ∇R(θ_l),   θ_0 = 0.
#include "ltv/scalar/eigen_glue.hpp"

#include <vector>

namespace ltv {

/// ∇R(θ) = -(1/n) Xᵀ(y - Xθ).
template <class T>
Vec<T> risk_gradient(const Mat<T>& X, const Vec<T>& y, const Vec<T>& theta);

/// The iterates θ_0 = 0, θ_1, ..., θ_L of preconditioned GD with preconditioners Γ_0..Γ_{L-1}.
template <class T>
std::vector<Vec<T>> preconditioned_gd(const Mat<T>& X, const Vec<T>& y,
                                      const std::vector<Mat<T>>& preconditioners);

/// k steps of plain GD with step size η (Γ_l = ηI).
template <class T>
std::vector<Vec<T>> gradient_descent(const Mat<T>& X, const Vec<T>& y, const T& step, int k);

}  // namespace ltv

// Explicit instantiations for every tier (theory/tier_*.cpp): declared here, defined once per tier.
#define LTV_GRADIENT_DESCENT_INSTANCES(PREFIX, T)                                        \
  PREFIX template Vec<T> risk_gradient<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&);  \
  PREFIX template std::vector<Vec<T>> preconditioned_gd<T>(const Mat<T>&, const Vec<T>&, \
                                                           const std::vector<Mat<T>>&);  \
  PREFIX template std::vector<Vec<T>> gradient_descent<T>(const Mat<T>&, const Vec<T>&, const T&, int);
#define LTV_GRADIENT_DESCENT_INSTANCES_EXTERN(T) LTV_GRADIENT_DESCENT_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_GRADIENT_DESCENT_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: gradient_descent_impl.hpp, compiled once per tier in theory/tier_*.cpp.
