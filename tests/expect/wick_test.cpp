// The Wick engine (src/ltv/expect/wick.hpp) in double: agreement with the exact tier to the
// tolerance of scalar/tolerance.hpp. Its Monte Carlo cross-check (random cases within 4
// standard errors, up to the few exceedances chance allows; the wrong engines rejected by the same rule) is the
// obligation EXP.MC (proofs_numeric/exp_mc_wick_monte_carlo.cpp), run by tests/proofs_numeric.
#include "wick_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

namespace {

using ltv::WickCase;
using ltv::WickChain;
using Q = ltv::Rational;

/// Sizes of the random cases: d <= 4, n <= 8, k <= 4 copies of S.
constexpr int kMaxDimension = 4;
constexpr int kMaxSamples = 8;
constexpr int kMaxCopies = 4;

}  // namespace

TEST_CASE("double agrees with the exact tier to its tolerance", "[expect][wick][double]") {
  rc::prop("entry-wise against the magnitude of the Wick sum", [] {
    const auto chain = *rc::gen::element(WickChain::Cyclic, WickChain::Open);
    const int d = *rc::gen::inRange(1, kMaxDimension + 1);
    const int n = *rc::gen::inRange(1, kMaxSamples + 1);
    const int k = *rc::gen::inRange(1, kMaxCopies + 1);
    const auto exact = ltv::random_wick_case<Q>(d, n, chain == WickChain::Cyclic ? k : k + 1,
                                                *rc::gen::arbitrary<std::uint64_t>());
    WickCase<double> rounded{n, ltv::convert_matrix<double>(exact.Sigma), {}};
    for (const auto& c : exact.C) rounded.C.push_back(ltv::convert_matrix<double>(c));
    ltv::Agreement agreement =
        ltv::agreement<double, Q>(ltv::wick_value(chain, rounded, true), ltv::wick_value(chain, exact, true));
    agreement.scale =
        std::max(agreement.scale, ltv::convert<ltv::Mpfr>(ltv::test::wick_magnitude(chain, exact)));
    const auto tolerance = ltv::tolerance_for<double>(ltv::test::wick_size_factor(k, d), 1);
    RC_TAG(static_cast<int>(std::min(agreement.digits(), tolerance.mantissa_digits)));
    RC_ASSERT(tolerance.accepts(agreement));
  });
}
