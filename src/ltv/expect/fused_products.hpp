#pragma once
// The three small dense kernels of the Wick engine — a product into an existing matrix, the trace
// of a product, and a scaled accumulation — with a fused loop for Mpfr. Eigen's products of MPFR
// numbers create and free a temporary for every entry operation; mpfr_fma on the entries in place
// does not, and rounds once per multiply-add instead of twice (so it is at least as accurate).
// build/bin/ltv_bench_stationary times the engine that uses it. Every other tier uses Eigen's
// expressions.
#include "ltv/scalar/eigen_glue.hpp"

#include <type_traits>

namespace ltv::detail {

/// out = a·b (out must not alias a or b).
template <class T>
void multiply_into(Mat<T>& out, const Mat<T>& a, const Mat<T>& b) {
  if constexpr (std::is_same_v<T, Mpfr>) {
    out.resize(a.rows(), b.cols());
    for (Eigen::Index j = 0; j < b.cols(); ++j)
      for (Eigen::Index i = 0; i < a.rows(); ++i) {
        mpfr_ptr acc = out(i, j).backend().data();
        mpfr_set_zero(acc, 1);
        for (Eigen::Index l = 0; l < a.cols(); ++l)
          mpfr_fma(acc, a(i, l).backend().data(), b(l, j).backend().data(), acc, MPFR_RNDN);
      }
  } else {
    out.noalias() = a * b;
  }
}

/// tr(a·b) = Σ_ij a_ij b_ji, without forming a·b.
template <class T>
T trace_of_product(const Mat<T>& a, const Mat<T>& b) {
  if constexpr (std::is_same_v<T, Mpfr>) {
    T acc = 0;
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      for (Eigen::Index i = 0; i < a.rows(); ++i)
        mpfr_fma(acc.backend().data(), a(i, j).backend().data(), b(j, i).backend().data(),
                 acc.backend().data(), MPFR_RNDN);
    return acc;
  } else {
    return a.cwiseProduct(b.transpose()).sum();
  }
}

/// acc += w·m.
template <class T>
void add_scaled(Mat<T>& acc, const T& w, const Mat<T>& m) {
  if constexpr (std::is_same_v<T, Mpfr>) {
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      for (Eigen::Index i = 0; i < m.rows(); ++i)
        mpfr_fma(acc(i, j).backend().data(), w.backend().data(), m(i, j).backend().data(),
                 acc(i, j).backend().data(), MPFR_RNDN);
  } else {
    acc += w * m;
  }
}

}  // namespace ltv::detail
