#pragma once
// The one place where Boost.Multiprecision meets Eigen 3.4.
//
// Boost 1.74 ships boost/multiprecision/eigen.hpp, but its NumTraits predates Eigen 3.4 (no
// infinity()/quiet_NaN(), a wrong lowest()) and breaks SelfAdjointEigenSolver; it is never
// included. Instead each tier gets a NumTraits derived from Eigen::GenericNumTraits, whose
// precision-dependent members are evaluated at call time (the Mpfr precision is chosen at run
// time). tests/scalar/eigen_glue_test.cpp is its conformance test.
#include "ltv/scalar/tiers.hpp"

#include <Eigen/Core>

#include <limits>
#include <type_traits>

namespace ltv::detail {

/// Mantissa bits of a value of T created now (its run-time precision).
template <class T>
int current_bits() {
  if constexpr (std::is_same_v<T, Interval>)
    return static_cast<int>(mpfi_get_prec(Interval(0).backend().data()));
  else
    return static_cast<int>(mpfr_get_prec(Mpfr(0).backend().data()));
}

/// Traits shared by the multiprecision tiers. Boost's numeric_limits are no help with run-time
/// precision (digits10 is INT_MAX for MPFR, and every limit is 0 for MPFI), so everything that
/// depends on the precision is computed from the precision in force at the call.
template <class T>
struct MultiprecisionNumTraits : Eigen::GenericNumTraits<T> {
  using Real = T;
  using NonInteger = T;
  using Literal = T;
  using Nested = T;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 20,
    AddCost = 30,
    MulCost = 40,
  };
  static int digits() { return current_bits<T>(); }
  /// Decimal digits that always survive a round trip: floor((bits - 1) log10 2).
  static int digits10() { return static_cast<int>((digits() - 1) * 0.30102999566398119521); }
  static T epsilon() { return T(ldexp(Mpfr(1), 1 - digits())); }
  static T dummy_precision() { return epsilon() * 1024; }
  static T highest() { return T((std::numeric_limits<Mpfr>::max)()); }
  static T lowest() { return -highest(); }
  static T infinity() { return T(std::numeric_limits<Mpfr>::infinity()); }
  static T quiet_NaN() { return T(std::numeric_limits<Mpfr>::quiet_NaN()); }
};

}  // namespace ltv::detail

namespace Eigen {

template <>
struct NumTraits<ltv::Mpfr> : ltv::detail::MultiprecisionNumTraits<ltv::Mpfr> {};
template <>
struct NumTraits<ltv::Interval> : ltv::detail::MultiprecisionNumTraits<ltv::Interval> {};

/// Rationals are exact: epsilon and dummy_precision are 0 (so isApprox means equality), and
/// there is no infinity or NaN.
template <>
struct NumTraits<ltv::Rational> : ltv::detail::MultiprecisionNumTraits<ltv::Rational> {
  using T = ltv::Rational;
  static T epsilon() { return T(0); }
  static T dummy_precision() { return T(0); }
  static int digits() { return 0; }
  static int digits10() { return 0; }
};

}  // namespace Eigen

namespace ltv {

template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

}  // namespace ltv
