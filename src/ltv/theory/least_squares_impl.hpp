#pragma once
// Definitions of least_squares.hpp (included by the per-tier instantiation units only).
#include "ltv/theory/least_squares.hpp"

#include <Eigen/LU>

#include <stdexcept>
#include <string>

namespace ltv {

template <class T>
Vec<T> solve_or_throw(const Mat<T>& S, const Vec<T>& b, const char* what) {
  const Eigen::FullPivLU<Mat<T>> lu(S);
  if (!lu.isInvertible()) throw std::domain_error(std::string(what) + ": the system is singular");
  return lu.solve(b);
}

template <class T>
Vec<T> ols(const Mat<T>& X, const Vec<T>& y) {
  if (X.rows() < X.cols()) throw std::domain_error("ols: fewer context tokens than dimensions (n < d)");
  return solve_or_throw<T>(X.transpose() * X, X.transpose() * y, "ols");
}

template <class T>
Vec<T> ridge(const Mat<T>& X, const Vec<T>& y, const T& rho) {
  const auto d = X.cols();
  return solve_or_throw<T>(X.transpose() * X + rho * Mat<T>::Identity(d, d), X.transpose() * y, "ridge");
}

template <class T>
T residual_sum_of_squares(const Mat<T>& X, const Vec<T>& y, const Vec<T>& w_star) {
  return (y - X * w_star).squaredNorm();
}

}  // namespace ltv
