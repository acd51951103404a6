#pragma once
// Definitions of implicit_model.hpp (included by the per-tier instantiation units only).
#include "ltv/theory/implicit_model.hpp"

namespace ltv {

template <class T>
ImplicitModel<T> initial_implicit_model(int d) {
  return {Mat<T>::Identity(d, d), Vec<T>::Zero(d), T(1), Vec<T>::Zero(d)};
}

template <class T>
ImplicitModel<T> implicit_step(const ImplicitModel<T>& m, const Mat<T>& K) {
  const auto d = m.M.rows();
  const Mat<T> IA = Mat<T>::Identity(d, d) + K.topLeftCorner(d, d);
  const Vec<T> b = K.topRightCorner(d, 1);
  const Vec<T> c = K.bottomLeftCorner(1, d).transpose();
  const T one_delta = T(1) + K(d, d);
  return {IA * m.M - b * m.w.transpose(), IA * m.u + m.a * b, one_delta * m.a + c.dot(m.u),
          one_delta * m.w - m.M.transpose() * c};
}

template <class T>
std::vector<ImplicitModel<T>> implicit_recursion(int d, const std::vector<Mat<T>>& updates) {
  std::vector<ImplicitModel<T>> out{initial_implicit_model<T>(d)};
  for (const auto& K : updates) out.push_back(implicit_step(out.back(), K));
  return out;
}

template <class T>
Mat<T> implicit_matrix(const ImplicitModel<T>& m) {
  const auto d = m.M.rows();
  Mat<T> t(d + 1, d + 1);
  t.topLeftCorner(d, d) = m.M;
  t.topRightCorner(d, 1) = m.u;
  t.bottomLeftCorner(1, d) = -m.w.transpose();
  t(d, d) = m.a;
  return t;
}

template <class T>
Mat<T> implicit_tokens(const ImplicitModel<T>& m, const Mat<T>& Z) {
  return implicit_matrix(m) * Z;
}

}  // namespace ltv
