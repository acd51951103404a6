#pragma once
// Exact conversions between tiers, and the decimal form of a scalar used in results.json.
#include "ltv/scalar/eigen_glue.hpp"

#include <string>

namespace ltv {

/// Converts a value of one tier to another. From double it is exact in every tier; from an
/// exact or higher tier to double it rounds to nearest; from Interval it takes the midpoint.
template <class To, class From>
To convert(const From& x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (std::is_same_v<From, Interval>) {
    return convert<To>(Mpfr(boost::multiprecision::median(x)));
  } else if constexpr (std::is_same_v<To, double>) {
    return static_cast<double>(x);
  } else if constexpr (std::is_same_v<From, Rational> && !std::is_same_v<To, Rational>) {
    return To(Mpfr(x));
  } else if constexpr (std::is_same_v<To, Rational> && !std::is_same_v<From, double>) {
    return Rational(x);
  } else {
    return To(x);
  }
}

template <class To, class From>
Mat<To> convert_matrix(const Mat<From>& m) {
  return m.unaryExpr([](const From& x) { return convert<To>(x); });
}

template <class To, class From>
Vec<To> convert_vector(const Vec<From>& v) {
  return v.unaryExpr([](const From& x) { return convert<To>(x); });
}

/// The smallest interval of the working precision that contains x (rounded outwards: the rational
/// is inside it, which convert<Interval> — rounding to nearest — does not promise).
Interval enclose(const Rational& x);

/// A decimal string carrying the value's full precision ("0" for an exact zero; "p/q" for a
/// non-integer rational; "[lo, hi]" for an interval).
template <class T>
std::string to_decimal(const T& x);

/// A residual or error size for people: three significant digits ("0" for zero).
std::string short_decimal(const Mpfr& x);

}  // namespace ltv
