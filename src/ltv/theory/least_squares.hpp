#pragma once
// Least squares on the context (docs/conventions.md, plain sums as in V24): with Σ = Σ_i x_i x_iᵀ = XᵀX and
// α = Σ_i y_i x_i = Xᵀy,  OLS w* = Σ⁻¹α,  ridge w_ρ = (Σ + ρI)⁻¹α,  residuals r_i = y_i - <w*, x_i>.
// Solved by full-pivoting LU, which is exact over the rationals; a singular system is an error,
// never a silent NaN.
#include "ltv/scalar/eigen_glue.hpp"

namespace ltv {

/// Solves S x = b; throws std::domain_error when S is singular (exactly, for rationals; to the
/// LU's rank threshold, for floats).
template <class T>
Vec<T> solve_or_throw(const Mat<T>& S, const Vec<T>& b, const char* what);

/// OLS on the context, w* = (XᵀX)⁻¹ Xᵀy. Needs n >= d and X of full column rank.
template <class T>
Vec<T> ols(const Mat<T>& X, const Vec<T>& y);

/// Ridge regression w_ρ = (XᵀX + ρI)⁻¹ Xᵀy (plain-sum convention).
template <class T>
Vec<T> ridge(const Mat<T>& X, const Vec<T>& y, const T& rho);

/// ρ = Σ_i r_i², the residual sum of squares of OLS.
template <class T>
T residual_sum_of_squares(const Mat<T>& X, const Vec<T>& y, const Vec<T>& w_star);

}  // namespace ltv

// Explicit instantiations for every tier (theory/tier_*.cpp): declared here, defined once per tier.
#define LTV_LEAST_SQUARES_INSTANCES(PREFIX, T)                                         \
  PREFIX template Vec<T> solve_or_throw<T>(const Mat<T>&, const Vec<T>&, const char*); \
  PREFIX template Vec<T> ols<T>(const Mat<T>&, const Vec<T>&);                         \
  PREFIX template Vec<T> ridge<T>(const Mat<T>&, const Vec<T>&, const T&);             \
  PREFIX template T residual_sum_of_squares<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&);
#define LTV_LEAST_SQUARES_INSTANCES_EXTERN(T) LTV_LEAST_SQUARES_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_LEAST_SQUARES_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: least_squares_impl.hpp, compiled once per tier in theory/tier_*.cpp.
