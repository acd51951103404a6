#pragma once
// Definitions of families.hpp (included by the per-tier instantiation units only).
#include "ltv/model/families.hpp"

namespace ltv {

template <class T>
Omega<T> omega(const std::vector<DiagHead<T>>& heads) {
  Omega<T> o{T(0), T(0), T(0), T(0)};
  for (const auto& h : heads) {
    o.xx += h.px * h.qx;
    o.xy += h.px * h.qy;
    o.yx += h.py * h.qx;
    o.yy += h.py * h.qy;
  }
  return o;
}

template <class T>
Mat<T> block_diag(int d, const T& x, const T& y) {
  Mat<T> m = Mat<T>::Zero(d + 1, d + 1);
  for (int i = 0; i < d; ++i) m(i, i) = x;
  m(d, d) = y;
  return m;
}

template <class T>
Mat<T> block_diag(const Mat<T>& top_left, const T& corner) {
  const auto d = top_left.rows();
  Mat<T> m = Mat<T>::Zero(d + 1, d + 1);
  m.topLeftCorner(d, d) = top_left;
  m(d, d) = corner;
  return m;
}

template <class T>
Layer<T> diag_layer(int d, const std::vector<DiagHead<T>>& heads) {
  Layer<T> layer;
  for (const auto& h : heads) layer.heads.push_back({block_diag(d, h.px, h.py), block_diag(d, h.qx, h.qy)});
  return layer;
}

template <class T>
Layer<T> gdpp_layer(int d, std::vector<DiagHead<T>> heads) {
  for (auto& h : heads) h.qy = T(0);
  return diag_layer(d, heads);
}

template <class T>
Layer<T> sparse_layer(const Mat<T>& A) {
  const int d = static_cast<int>(A.rows());
  return Layer<T>{{{block_diag(d, T(0), T(1)), block_diag<T>(-A, T(0))}}};
}

template <class T>
Layer<T> relaxed_layer(const Mat<T>& A, const Mat<T>& B) {
  return Layer<T>{{{block_diag<T>(B, T(1)), block_diag<T>(A, T(0))}}};
}

}  // namespace ltv
