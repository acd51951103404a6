// The Wick engine (src/ltv/expect/wick.hpp) in the Mpfr tier at 256 bits: it agrees with the exact
// tier to the tolerance of scalar/tolerance.hpp (>= 70 of the 77 digits carried), measured
// entry-wise against the magnitude of the Wick sum (tests/expect/wick_checks.hpp).
#include "wick_checks.hpp"

#include "ltv/scalar/precision.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using ltv::Mat;
using ltv::Mpfr;
using ltv::WickCase;
using ltv::WickChain;
using ltv::WickFlaw;
using Q = ltv::Rational;

constexpr unsigned kBits = 256;

/// The acceptance target at kBits: the derived tolerance must demand at least this many digits for
/// every case drawn (the largest: k = kLargestCopies, d = kMaxDimension).
constexpr double kTargetDigits = 70;

constexpr int kLargestCopies = 6;  ///< one case per chain at k = 6 (three layers of SPARSE)

/// The agreement of an Mpfr value with the exact one, against max(|exact|, magnitude).
ltv::Agreement agreement_with_exact(WickChain chain, const Mat<Mpfr>& value, const WickCase<Q>& exact) {
  return ltv::test::against_magnitude(ltv::agreement<Mpfr, Q>(value, ltv::wick_value(chain, exact, true)),
                                      chain, exact);
}

/// The case rounded to Mpfr at the working precision (the size factor counts that rounding).
WickCase<Mpfr> rounded(const WickCase<Q>& exact) { return ltv::test::converted_case<Mpfr>(exact); }

ltv::Tolerance tolerance(const WickCase<Q>& exact, WickChain chain) {
  const auto k = static_cast<int>(exact.C.size()) - (chain == WickChain::Open ? 1 : 0);
  return ltv::tolerance_for<Mpfr>(ltv::test::wick_size_factor(k, exact.Sigma.rows()), 1);
}

}  // namespace

TEST_CASE("Mpfr at 256 bits agrees with the rational tier to >= 70 digits", "[expect][wick][mpfr]") {
  const ltv::ScopedBits bits(kBits);
  INFO("working precision " << bits.bits() << " bits");
  const auto hardest = ltv::tolerance_for<Mpfr>(
      ltv::test::wick_size_factor(kLargestCopies, ltv::test::DrawnWickCase::kMaxDimension), 1);
  CHECK(hardest.required_digits() >= kTargetDigits);
  rc::prop("random cases, k <= 4, both chains", [] {
    const ltv::test::DrawnWickCase c = ltv::test::draw_wick_case(ltv::random_wick_case<Q>);
    const auto a = agreement_with_exact(c.chain, ltv::wick_value(c.chain, rounded(c.exact), true), c.exact);
    RC_TAG(static_cast<int>(
        std::min(a.digits(), ltv::digits_of_bits(ltv::mantissa_bits<Mpfr>()))));  // +inf when equal
    RC_ASSERT(tolerance(c.exact, c.chain).accepts(a));
  });
  for (const auto chain : {WickChain::Cyclic, WickChain::Open}) {
    const auto exact =
        ltv::dyadic_wick_case<Q>(3, 5, chain == WickChain::Cyclic ? kLargestCopies : kLargestCopies + 1, 11);
    const auto a = agreement_with_exact(chain, ltv::wick_value(chain, rounded(exact), true), exact);
    INFO("k = 6, digits " << a.digits() << ", required " << tolerance(exact, chain).required_digits());
    CHECK(tolerance(exact, chain).accepts(a));
    // Negative controls: the same check rejects the value rounded to double, and the engine without
    // transposes.
    const Mat<Mpfr> as_double = ltv::convert_matrix<Mpfr>(
        Mat<double>(ltv::convert_matrix<double>(ltv::wick_value(chain, rounded(exact), true))));
    CHECK_FALSE(tolerance(exact, chain).accepts(agreement_with_exact(chain, as_double, exact)));
    const Mat<Mpfr> flawed = ltv::reference_wick(chain, rounded(exact), true, WickFlaw::NoTransposes);
    CHECK_FALSE(tolerance(exact, chain).accepts(agreement_with_exact(chain, flawed, exact)));
  }
}
