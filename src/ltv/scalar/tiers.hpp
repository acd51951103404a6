#pragma once
// The scalar tiers of ltv (docs/conventions.md) and the one list every routine is instantiated from.
//
//   double    training, sweeps, the "trained model" side of cross-checks
//   Mpfr      MPFR with its precision chosen at run time (see precision.hpp)
//   Rational  exact rationals (GMP mpq); identities are verified with residual exactly 0
//   Interval  MPFI intervals; inequalities are certified by subdivision
//
// All multiprecision types are used with expression templates off, so that `auto` inside Eigen
// code never captures a Boost expression.
#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <string_view>

namespace ltv {

using Mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
using Rational =
    boost::multiprecision::number<boost::multiprecision::gmp_rational, boost::multiprecision::et_off>;
using Interval = boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<0>,
                                               boost::multiprecision::et_off>;

/// Calls X(type) for every tier, in a fixed order. Every templated routine is explicitly
/// instantiated through this list by the layer that declares it (<layer>/tier_*.cpp), one tier per
/// translation unit.
#define LTV_FOR_EACH_TIER(X) X(double) X(::ltv::Mpfr) X(::ltv::Rational) X(::ltv::Interval)

enum class Tier { Double, HighPrecision, Exact, Certified };

template <class T>
struct TierOf;
template <>
struct TierOf<double> {
  static constexpr Tier value = Tier::Double;
};
template <>
struct TierOf<Mpfr> {
  static constexpr Tier value = Tier::HighPrecision;
};
template <>
struct TierOf<Rational> {
  static constexpr Tier value = Tier::Exact;
};
template <>
struct TierOf<Interval> {
  static constexpr Tier value = Tier::Certified;
};

/// The name used in results.json and on the command line.
constexpr std::string_view tier_name(Tier t) {
  switch (t) {
    case Tier::Double:
      return "double";
    case Tier::HighPrecision:
      return "mpfr";
    case Tier::Exact:
      return "rational";
    case Tier::Certified:
      return "interval";
  }
  return "?";
}

template <class T>
constexpr std::string_view tier_name() {
  return tier_name(TierOf<T>::value);
}

template <class T>
constexpr bool is_exact = TierOf<T>::value == Tier::Exact;

}  // namespace ltv
