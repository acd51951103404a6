#pragma once
// Residuals in decimal digits (and ulps for double), measured against a reference value.
//
// Comparison is entry-wise with an absolute floor: the error of every entry is measured
// relative to the largest entry of the reference, so that small components are not hidden by a
// norm and an exact zero is not compared relatively (never a bare isApprox).
#include "ltv/scalar/convert.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ltv {

/// Decimal digits carried by a mantissa of `bits` bits.
inline double digits_of_bits(double bits) { return bits * std::log10(2.0); }

/// Mantissa bits of a tier as configured now (0 for the rational tier).
template <class T>
unsigned mantissa_bits() {
  if constexpr (std::is_same_v<T, double>)
    return std::numeric_limits<double>::digits;
  else if constexpr (is_exact<T>)
    return 0;
  else
    return static_cast<unsigned>(mpfr_get_prec(Mpfr(0).backend().data()));
}

/// The result of comparing a computed object with its reference.
struct Agreement {
  Mpfr max_abs_error = 0;  ///< max_i |a_i - r_i|
  Mpfr scale = 0;          ///< max_i |r_i| (the absolute floor)
  /// -log10(max_abs_error / scale); +infinity when the two are equal.
  double digits() const {
    if (max_abs_error == 0) return std::numeric_limits<double>::infinity();
    if (scale == 0) return -std::numeric_limits<double>::infinity();
    return -static_cast<double>(log10(max_abs_error / scale));
  }
  /// Error in units of the double epsilon relative to the scale (for the double tier).
  double ulps() const {
    if (max_abs_error == 0) return 0;
    return static_cast<double>(max_abs_error / scale) / std::numeric_limits<double>::epsilon();
  }
  void merge(const Agreement& other) {
    max_abs_error = std::max(max_abs_error, other.max_abs_error);
    scale = std::max(scale, other.scale);
  }
};

/// Compares `approx` (any tier) with `reference` (any tier), entry-wise with an absolute floor.
template <class A, class R, class DA, class DR>
Agreement agreement(const Eigen::MatrixBase<DA>& approx, const Eigen::MatrixBase<DR>& reference) {
  Agreement out;
  for (Eigen::Index j = 0; j < reference.cols(); ++j)
    for (Eigen::Index i = 0; i < reference.rows(); ++i) {
      const Mpfr r = convert<Mpfr>(R(reference(i, j)));
      const Mpfr a = convert<Mpfr>(A(approx(i, j)));
      out.max_abs_error = std::max(out.max_abs_error, Mpfr(abs(a - r)));
      out.scale = std::max(out.scale, Mpfr(abs(r)));
    }
  return out;
}

template <class A, class R>
Agreement agreement(const Mat<A>& approx, const Mat<R>& reference) {
  return agreement<A, R, Mat<A>, Mat<R>>(approx, reference);
}

}  // namespace ltv
