// The Wick engine (src/ltv/expect/wick.hpp) in double: agreement with the rational tier to the
// tolerance of scalar/tolerance.hpp. Its Monte Carlo cross-check (random cases within 4
// standard errors, up to the few exceedances chance allows; the wrong engines rejected by the same rule) is
// the obligation EXP.MC (proofs_numeric/exp_mc_wick_monte_carlo.cpp), run by tests/proofs_numeric.
#include "wick_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>

using ltv::test::DrawnWickCase;

TEST_CASE("double agrees with the rational tier to its tolerance", "[expect][wick][double]") {
  rc::prop("entry-wise against the magnitude of the Wick sum", [] {
    const DrawnWickCase c = ltv::test::draw_wick_case(ltv::random_wick_case<ltv::Rational>);
    const ltv::Agreement agreement = ltv::test::against_magnitude(
        ltv::agreement<double, ltv::Rational>(
            ltv::wick_value(c.chain, ltv::test::converted_case<double>(c.exact), true),
            ltv::wick_value(c.chain, c.exact, true)),
        c.chain, c.exact);
    const auto tolerance = ltv::tolerance_for<double>(ltv::test::wick_size_factor(c.k, c.d()), 1);
    RC_TAG(static_cast<int>(std::min(agreement.digits(), tolerance.mantissa_digits)));
    RC_ASSERT(tolerance.accepts(agreement));
  });
}
