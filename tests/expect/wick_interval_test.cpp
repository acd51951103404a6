// The Wick engine (src/ltv/expect/wick.hpp) in the interval tier: on exactly representable
// (dyadic) inputs the interval result encloses the exact value, and is tight to the tolerance of
// scalar/tolerance.hpp.
#include "wick_checks.hpp"

#include "ltv/scalar/precision.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using ltv::Interval;
using ltv::Mat;
using ltv::Mpfr;
using ltv::WickCase;
using ltv::WickChain;
using ltv::WickFlaw;
using Q = ltv::Rational;

constexpr unsigned kBits = 256;
/// An interval is at most twice as wide as the error bound of one rounded evaluation, and every
/// outward rounding costs up to one ulp (2 units of 2^-bits) instead of half of one: a factor 4
/// on the size factor of wick_checks.hpp.
constexpr double kIntervalWidthFactor = 4;

/// The dyadic case in Interval: point intervals, exactly the rational inputs.
WickCase<Interval> enclosure(const WickCase<Q>& exact) { return ltv::test::converted_case<Interval>(exact); }

Q lower_bound(const Interval& x) { return ltv::convert<Q>(Mpfr(lower(x))); }
Q upper_bound(const Interval& x) { return ltv::convert<Q>(Mpfr(upper(x))); }

bool encloses(const Mat<Interval>& value, const Mat<Q>& exact) {
  for (Eigen::Index j = 0; j < exact.cols(); ++j)
    for (Eigen::Index i = 0; i < exact.rows(); ++i)
      if (lower_bound(value(i, j)) > exact(i, j) || exact(i, j) > upper_bound(value(i, j))) return false;
  return true;
}

}  // namespace

TEST_CASE("Interval encloses the exact value, tightly", "[expect][wick][interval]") {
  const ltv::ScopedBits bits(kBits);
  rc::prop("dyadic cases, k <= 4, both chains", [] {
    const ltv::test::DrawnWickCase c = ltv::test::draw_wick_case(ltv::dyadic_wick_case<Q>);
    const Mat<Interval> value = ltv::wick_value(c.chain, enclosure(c.exact), true);
    RC_ASSERT(encloses(value, ltv::wick_value(c.chain, c.exact, true)));
    const ltv::Agreement width = ltv::test::against_magnitude(
        ltv::agreement<Mpfr, Mpfr>(value.unaryExpr([](const Interval& x) { return Mpfr(lower(x)); }),
                                   value.unaryExpr([](const Interval& x) { return Mpfr(upper(x)); })),
        c.chain, c.exact);
    RC_ASSERT(ltv::tolerance_for<Interval>(kIntervalWidthFactor * ltv::test::wick_size_factor(c.k, c.d()), 1)
                  .accepts(width));
  });
  // Negative control: the enclosure check rejects the engine without transposes.
  const auto exact = ltv::dyadic_wick_case<Q>(3, 4, 3, 5);
  CHECK(encloses(ltv::wick_value(WickChain::Cyclic, enclosure(exact), true),
                 ltv::wick_value(WickChain::Cyclic, exact, true)));
  CHECK_FALSE(encloses(ltv::reference_wick(WickChain::Cyclic, enclosure(exact), true, WickFlaw::NoTransposes),
                       ltv::wick_value(WickChain::Cyclic, exact, true)));
}
