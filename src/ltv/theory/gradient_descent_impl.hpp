#pragma once
// Definitions of gradient_descent.hpp (included by the per-tier instantiation units only).
#include "ltv/theory/gradient_descent.hpp"

namespace ltv {

template <class T>
Vec<T> risk_gradient(const Mat<T>& X, const Vec<T>& y, const Vec<T>& theta) {
  return -(X.transpose() * (y - X * theta)) / T(X.rows());
}

template <class T>
std::vector<Vec<T>> preconditioned_gd(const Mat<T>& X, const Vec<T>& y,
                                      const std::vector<Mat<T>>& preconditioners) {
  std::vector<Vec<T>> thetas{Vec<T>::Zero(X.cols())};
  for (const auto& G : preconditioners)
    thetas.push_back(thetas.back() - G * risk_gradient(X, y, thetas.back()));
  return thetas;
}

template <class T>
std::vector<Vec<T>> gradient_descent(const Mat<T>& X, const Vec<T>& y, const T& step, int k) {
  const auto d = X.cols();
  return preconditioned_gd(X, y,
                           std::vector<Mat<T>>(static_cast<std::size_t>(k), step * Mat<T>::Identity(d, d)));
}

}  // namespace ltv
