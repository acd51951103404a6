#pragma once
// (Preconditioned) gradient descent on the in-context least-squares risk (docs/conventions.md):
//     R(θ) = (1/2n) Σ_i (y_i - θᵀx_i)²,   θ_{l+1} = θ_l - Γ_l ∇R(θ_l),   θ_0 = 0.
#include "ltv/scalar/eigen_glue.hpp"

#include <vector>

namespace ltv {

/// ∇R(θ) = -(1/n) Xᵀ(y - Xθ).
template <class T>
Vec<T> risk_gradient(const Mat<T>& X, const Vec<T>& y, const Vec<T>& theta) {
  return -(X.transpose() * (y - X * theta)) / T(X.rows());
}

/// The iterates θ_0 = 0, θ_1, ..., θ_L of preconditioned GD with preconditioners Γ_0..Γ_{L-1}.
template <class T>
std::vector<Vec<T>> preconditioned_gd(const Mat<T>& X, const Vec<T>& y,
                                      const std::vector<Mat<T>>& preconditioners) {
  std::vector<Vec<T>> thetas{Vec<T>::Zero(X.cols())};
  for (const auto& G : preconditioners)
    thetas.push_back(thetas.back() - G * risk_gradient(X, y, thetas.back()));
  return thetas;
}

/// k steps of plain GD with step size η (Γ_l = ηI).
template <class T>
std::vector<Vec<T>> gradient_descent(const Mat<T>& X, const Vec<T>& y, const T& step, int k) {
  const auto d = X.cols();
  return preconditioned_gd(X, y,
                           std::vector<Mat<T>>(static_cast<std::size_t>(k), step * Mat<T>::Identity(d, d)));
}

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
