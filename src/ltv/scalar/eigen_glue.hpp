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

namespace ltv::detail {

/// Traits shared by the three multiprecision tiers.
template <class T> struct MultiprecisionNumTraits : Eigen::GenericNumTraits<T> {
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
  static T epsilon() { return std::numeric_limits<T>::epsilon(); }
  static T dummy_precision() { return epsilon() * 1024; }
  static T highest() { return (std::numeric_limits<T>::max)(); }
  static T lowest() { return -(std::numeric_limits<T>::max)(); }
  static T infinity() { return std::numeric_limits<T>::infinity(); }
  static T quiet_NaN() { return std::numeric_limits<T>::quiet_NaN(); }
  static int digits10() { return std::numeric_limits<T>::digits10; }
};

}  // namespace ltv::detail

namespace Eigen {

template <> struct NumTraits<ltv::Mpfr> : ltv::detail::MultiprecisionNumTraits<ltv::Mpfr> {};
template <> struct NumTraits<ltv::Interval> : ltv::detail::MultiprecisionNumTraits<ltv::Interval> {};

/// Rationals are exact: epsilon and dummy_precision are 0 (so isApprox means equality), and
/// there is no infinity or NaN.
template <>
struct NumTraits<ltv::Rational> : ltv::detail::MultiprecisionNumTraits<ltv::Rational> {
  using T = ltv::Rational;
  static T epsilon() { return T(0); }
  static T dummy_precision() { return T(0); }
  static int digits10() { return 0; }
};

}  // namespace Eigen

namespace ltv {

template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

}  // namespace ltv
