// expect/one_layer_analysis.hpp (`ltv theory one-layer`): what it reports must not depend on the
// random rotation U, and the optimum must be a stationary point whose Hessian null space is the
// symmetry orbit.
#include "ltv/expect/one_layer_analysis.hpp"
#include "ltv/scalar/measure.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <catch2/catch.hpp>

namespace {

ltv::Vec<ltv::Mpfr> spectrum(std::initializer_list<double> values) {
  ltv::Vec<ltv::Mpfr> e(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const double v : values) e[i++] = ltv::Mpfr(v);
  return e;
}

double relative_digits(const ltv::Mpfr& a, const ltv::Mpfr& b) {
  ltv::Mat<ltv::Mpfr> ma(1, 1), mb(1, 1);
  ma(0, 0) = a;
  mb(0, 0) = b;
  return ltv::agreement(ma, mb).digits();
}

}  // namespace

TEST_CASE("the one-layer theory does not depend on the rotation U") {
  const ltv::ScopedBits bits(256);
  const auto e = spectrum({1, 0.5, 0.25, 2});
  const auto a = ltv::analyse_one_layer(e, 20, ltv::Mpfr(0), 1);
  const auto b = ltv::analyse_one_layer(e, 20, ltv::Mpfr(0), 2);
  REQUIRE(!(a.cov - b.cov).isZero(0));  // the rotations differ...
  // ... the reported quantities do not (to the rounding of a 4x4 problem at 257 bits).
  const double required = ltv::tolerance_for<ltv::Mpfr>(64, 16).required_digits();
  CHECK(relative_digits(a.loss, b.loss) >= required);
  CHECK(relative_digits(a.hessian.max, b.hessian.max) >= required);
  CHECK(relative_digits(a.hessian.smallest_positive, b.hessian.smallest_positive) >= required);
  CHECK(a.hessian.null_dimension == b.hessian.null_dimension);
  // Negative control: another spectrum gives another loss.
  const auto c = ltv::analyse_one_layer(spectrum({1, 0.5, 0.25, 3}), 20, ltv::Mpfr(0), 1);
  CHECK(relative_digits(a.loss, c.loss) < 5);
}

TEST_CASE("the optimum is stationary and its Hessian null space is the symmetry orbit") {
  const ltv::ScopedBits bits(256);
  for (const ltv::Mpfr& noise : {ltv::Mpfr(0), ltv::Mpfr(0.5)}) {
    const auto t = ltv::analyse_one_layer(spectrum({1, 0.5, 2}), 7, noise, 5);
    // (a bool, so that Catch does not print Mpfr operands through Boost's formatter)
    const bool stationary =
        t.grad_norm <
        t.loss * pow(ltv::Mpfr(10), -ltv::tolerance_for<ltv::Mpfr>(1000, 100).required_digits());
    CHECK(stationary);
    CHECK(t.hessian.null_dimension == t.orbit_dimension);
    CHECK(t.hessian.negative == 0);
  }
}

TEST_CASE("bad inputs are rejected with a clear message") {
  const ltv::ScopedBits bits(128);
  CHECK_THROWS_WITH(ltv::analyse_one_layer(spectrum({1, -1}), 5, ltv::Mpfr(0), 1),
                    Catch::Contains("positive"));
  CHECK_THROWS_WITH(ltv::analyse_one_layer(spectrum({}), 5, ltv::Mpfr(0), 1), Catch::Contains("empty"));
  CHECK_THROWS_WITH(ltv::analyse_one_layer(spectrum({1}), 0, ltv::Mpfr(0), 1), Catch::Contains("n must"));
  CHECK_THROWS_WITH(ltv::analyse_one_layer(spectrum({1}), 3, ltv::Mpfr(-1), 1), Catch::Contains("noise"));
}
