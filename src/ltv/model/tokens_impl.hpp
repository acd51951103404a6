#pragma once
// Definitions of tokens.hpp (included by the per-tier instantiation units only).
#include "ltv/model/tokens.hpp"

#include <stdexcept>

namespace ltv {

template <class T>
Mat<T> make_tokens(const Mat<T>& X, const Vec<T>& y, const Vec<T>& xq) {
  const auto n = X.rows(), d = X.cols();
  if (y.size() != n || xq.size() != d) throw std::invalid_argument("make_tokens: size mismatch");
  Mat<T> Z(d + 1, n + 1);
  Z.topLeftCorner(d, n) = X.transpose();
  Z.block(d, 0, 1, n) = y.transpose();
  Z.col(n).head(d) = xq;
  Z(d, n) = T(0);
  return Z;
}

template <class T>
Mat<T> context_gram(const Mat<T>& Z) {
  const auto n = Z.cols() - 1;
  const auto C = Z.leftCols(n);
  return C * C.transpose();
}

template <class T>
T prediction(const Mat<T>& Z) {
  return -Z(Z.rows() - 1, Z.cols() - 1);
}

}  // namespace ltv
