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
#include "ltv/scalar/tier.hpp"

#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <type_traits>

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

/// The tier of scalar type T.
template <class T>
constexpr Tier tier_of() {
  if constexpr (std::is_same_v<T, double>)
    return Tier::Double;
  else if constexpr (std::is_same_v<T, Mpfr>)
    return Tier::Mpfr;
  else if constexpr (std::is_same_v<T, Rational>)
    return Tier::Rational;
  else {
    static_assert(std::is_same_v<T, Interval>, "not a scalar tier");
    return Tier::Interval;
  }
}

template <class T>
constexpr bool is_exact = tier_of<T>() == Tier::Rational;

}  // namespace ltv
