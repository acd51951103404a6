// The Wick engine (src/ltv/expect/wick.hpp) in the certified tier: on exactly representable
// (dyadic) inputs the interval result encloses the exact value, and is tight to the tolerance of
// scalar/tolerance.hpp.
#include "wick_checks.hpp"

#include "ltv/scalar/precision.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

namespace {

using ltv::Interval;
using ltv::Mat;
using ltv::Mpfr;
using ltv::WickCase;
using ltv::WickChain;
using ltv::WickFlaw;
using Q = ltv::Rational;

constexpr unsigned kBits = 256;
constexpr int kMaxDimension = 4;
constexpr int kMaxSamples = 8;
constexpr int kMaxCopies = 4;

/// An interval is at most twice as wide as the error bound of one rounded evaluation, and every
/// outward rounding costs up to one ulp (2 units of 2^-bits) instead of half of one: a factor 4
/// on the size factor of wick_checks.hpp.
constexpr double kIntervalWidthFactor = 4;

/// The dyadic case in Interval: point intervals, exactly the rational inputs.
WickCase<Interval> enclosure(const WickCase<Q>& exact) {
  WickCase<Interval> out{exact.n, ltv::convert_matrix<Interval>(exact.Sigma), {}};
  for (const auto& c : exact.C) out.C.push_back(ltv::convert_matrix<Interval>(c));
  return out;
}

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
    const auto chain = *rc::gen::element(WickChain::Cyclic, WickChain::Open);
    const int d = *rc::gen::inRange(1, kMaxDimension + 1);
    const int n = *rc::gen::inRange(1, kMaxSamples + 1);
    const int k = *rc::gen::inRange(1, kMaxCopies + 1);
    const auto exact = ltv::dyadic_wick_case<Q>(d, n, chain == WickChain::Cyclic ? k : k + 1,
                                                *rc::gen::arbitrary<std::uint64_t>());
    const WickCase<Interval> input = enclosure(exact);
    const Mat<Interval> value = ltv::wick_value(chain, input, true);
    RC_ASSERT(encloses(value, ltv::wick_value(chain, exact, true)));
    ltv::Agreement width =
        ltv::agreement<Mpfr, Mpfr>(value.unaryExpr([](const Interval& x) { return Mpfr(lower(x)); }),
                                   value.unaryExpr([](const Interval& x) { return Mpfr(upper(x)); }));
    width.scale = std::max(width.scale, ltv::convert<Mpfr>(ltv::test::wick_magnitude(chain, exact)));
    RC_ASSERT(ltv::tolerance_for<Interval>(kIntervalWidthFactor * ltv::test::wick_size_factor(k, d), 1)
                  .accepts(width));
  });
  // Negative control: the enclosure check rejects the engine without transposes.
  const auto exact = ltv::dyadic_wick_case<Q>(3, 4, 3, 5);
  CHECK(encloses(ltv::wick_value(WickChain::Cyclic, enclosure(exact), true),
                 ltv::wick_value(WickChain::Cyclic, exact, true)));
  CHECK_FALSE(encloses(ltv::reference_wick(WickChain::Cyclic, enclosure(exact), true, WickFlaw::NoTransposes),
                       ltv::wick_value(WickChain::Cyclic, exact, true)));
}
