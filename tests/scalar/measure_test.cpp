// Residuals in digits and ulps (src/ltv/scalar/measure.hpp) and the tolerance formula
// (src/ltv/scalar/tolerance.hpp).
//
// The expected digit counts below are exact: the errors are formed at 257 bits, where their
// relative error is ~1e-67, far below half an ulp of the double that digits() returns, so the
// double nearest to -log10(error / scale) is the double nearest to the exact value.
#include "ltv/scalar/measure.hpp"
#include "ltv/verify/arbitrary.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace {

using ltv::Mat;
using ltv::Mpfr;
using ltv::Rational;

constexpr unsigned kBits = 256;

Mat<Mpfr> row(std::initializer_list<const char*> decimals) {
  Mat<Mpfr> m(1, static_cast<Eigen::Index>(decimals.size()));
  Eigen::Index j = 0;
  for (const char* s : decimals) m(0, j++) = Mpfr(s);
  return m;
}

}  // namespace

TEST_CASE("agreement of equal inputs is +inf digits and 0 ulps", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  const Mat<Mpfr> r = row({"1", "-2.5", "0", "1e-300"});
  const auto a = ltv::agreement(r, r);
  CHECK(a.max_abs_error == 0);
  CHECK(a.scale == Mpfr("2.5"));
  CHECK(a.digits() == std::numeric_limits<double>::infinity());
  CHECK(a.ulps() == 0);
  // Also for an all-zero reference.
  const Mat<Mpfr> z = Mat<Mpfr>::Zero(2, 3);
  CHECK(ltv::agreement(z, z).digits() == std::numeric_limits<double>::infinity());
}

TEST_CASE("an error of 1e-10 relative to the largest entry is 10 digits", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  const Mat<Mpfr> reference = row({"4", "-1", "0.5"});
  Mat<Mpfr> approx = reference;
  approx(0, 1) += Mpfr("4e-10");  // an error of 4e-10 against the scale 4
  const auto a = ltv::agreement(approx, reference);
  CHECK(a.scale == 4);
  CHECK(a.digits() == 10.0);
  // Ten times the error is one digit less.
  approx(0, 1) = reference(0, 1) + Mpfr("4e-9");
  CHECK(ltv::agreement(approx, reference).digits() == 9.0);
}

TEST_CASE("an error in a tiny entry is measured against the largest entry", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  // A relative error of 100% in the entry 1e-6 next to an entry 1e6: not hidden (digits finite),
  // and not exaggerated (12 digits against the scale 1e6, not 0 digits against 1e-6).
  const Mat<Mpfr> reference = row({"1e6", "1e-6"});
  const Mat<Mpfr> approx = row({"1e6", "2e-6"});
  const auto a = ltv::agreement(approx, reference);
  CHECK(a.digits() == 12.0);
  // The same absolute error in the large entry gives the same digits.
  const Mat<Mpfr> approx_big = row({"1000000.000001", "1e-6"});
  CHECK(ltv::agreement(approx_big, reference).digits() == 12.0);
  // An error that sits in a small entry of one column and a big entry of another still
  // counts its worst case: the max over all entries.
  Mat<Mpfr> both = approx;
  both(0, 0) += Mpfr("1e-2");
  CHECK(ltv::agreement(both, reference).digits() == 8.0);
}

TEST_CASE("a zero reference with a nonzero error is -inf digits", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  const Mat<Mpfr> reference = Mat<Mpfr>::Zero(1, 3);
  const Mat<Mpfr> approx = row({"0", "1e-300", "0"});
  CHECK(ltv::agreement(approx, reference).digits() == -std::numeric_limits<double>::infinity());
}

TEST_CASE("agreement across tiers does not round the reference through the lower tier", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  // fl(0.1) - 1/10 = 1/(5·2^55), i.e. 2^-54 relative to 1/10: 54·log10(2) digits. Were the
  // Rational rounded through double first, the error would vanish.
  Mat<double> approx(1, 1);
  approx(0, 0) = 0.1;
  Mat<Rational> reference(1, 1);
  reference(0, 0) = Rational(1, 10);
  const auto a = ltv::agreement(approx, reference);
  CHECK(a.digits() == -static_cast<double>(log10(ldexp(Mpfr(1), -54))));
}

TEST_CASE("ulps are in units of the double epsilon relative to the scale", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  const double eps = std::numeric_limits<double>::epsilon();
  Mat<double> reference(1, 2), approx(1, 2);
  reference << 2.0, 0.5;
  approx << 2.0 + 2 * eps, 0.5;  // error 2·eps against the scale 2: one ulp of the scale
  CHECK(ltv::agreement(approx, reference).ulps() == 1.0);
  approx << 2.0, 0.5 + 3 * (eps / 2);  // 3 ulps of 0.5 (1.5 eps), i.e. 0.75 ulps of the scale 2
  CHECK(ltv::agreement(approx, reference).ulps() == 0.75);
}

TEST_CASE("Agreement::merge keeps the worst error and the largest scale", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  ltv::Agreement a{Mpfr(1) / 1000, Mpfr(10)}, b{Mpfr(1) / 100000, Mpfr(100)};
  a.merge(b);
  CHECK(a.max_abs_error == Mpfr(1) / 1000);
  CHECK(a.scale == 100);
  CHECK(a.digits() == 5.0);
}

TEST_CASE("agreement: error and scale are the exact max over the entries", "[scalar][measure]") {
  const ltv::ScopedBits bits(kBits);
  rc::prop("for dyadic r and e: max_abs_error == max|e|, scale == max|r|", [] {
    const int rows = *rc::gen::inRange(1, 6), cols = *rc::gen::inRange(1, 6);
    const Mat<Rational> r = (*ltv::gen::dyadic_matrix(rows, cols, 10, 1 << 20)).to<Rational>();
    const Mat<Rational> e = (*ltv::gen::dyadic_matrix(rows, cols, 30, 1 << 20)).to<Rational>();
    const auto a = ltv::agreement(Mat<Rational>(r + e), r);
    RC_ASSERT(a.max_abs_error == ltv::convert<Mpfr>(Rational(e.cwiseAbs().maxCoeff())));
    RC_ASSERT(a.scale == ltv::convert<Mpfr>(Rational(r.cwiseAbs().maxCoeff())));
    if (e.isZero()) RC_ASSERT(a.digits() == std::numeric_limits<double>::infinity());
    // Scaling both by a power of two leaves the digits unchanged (a relative measure).
    const auto scaled =
        ltv::agreement(Mat<Rational>((r + e) * Rational(1024)), Mat<Rational>(r * Rational(1024)));
    RC_ASSERT(scaled.digits() == a.digits());
  });
}

TEST_CASE("Tolerance::required_digits = digits - log10(size) - log10(max(condition, 1))",
          "[scalar][tolerance]") {
  const ltv::Tolerance t{77.0, 100.0, 1000.0};
  CHECK(t.required_digits() == 72.0);
  // A condition below 1 does not raise the requirement.
  CHECK(ltv::Tolerance{77.0, 1.0, 0.5}.required_digits() == 77.0);
  CHECK(ltv::Tolerance{77.0, 10.0, 1.0}.required_digits() == 76.0);
  // accepts: digits >= required.
  {
    const ltv::ScopedBits bits(kBits);
    const ltv::Agreement at72{Mpfr(1), Mpfr("1e72")};
    const ltv::Agreement below72{Mpfr(2), Mpfr("1e72")};
    CHECK(at72.digits() == 72.0);
    CHECK(t.accepts(at72));
    CHECK_FALSE(t.accepts(below72));
    CHECK(t.accepts(ltv::Agreement{Mpfr(0), Mpfr(0)}));
    CHECK_FALSE(t.accepts(ltv::Agreement{Mpfr(1), Mpfr(0)}));
  }
}

TEST_CASE("tolerance_for derives the digits from the tier's mantissa", "[scalar][tolerance]") {
  const ltv::ScopedBits bits(kBits);
  CHECK(ltv::mantissa_bits<double>() == 53u);
  CHECK(ltv::mantissa_bits<Mpfr>() == ltv::working_bits());
  CHECK(ltv::mantissa_bits<ltv::Interval>() == ltv::working_bits());
  CHECK(ltv::mantissa_bits<Rational>() == 0u);
  CHECK(ltv::digits_of_bits(53) == 53 * std::log10(2.0));
  CHECK(ltv::tolerance_for<double>(1, 1).required_digits() == ltv::digits_of_bits(53));
  CHECK(ltv::tolerance_for<Mpfr>(1, 1).required_digits() == ltv::digits_of_bits(ltv::working_bits()));
  CHECK(ltv::tolerance_for<Mpfr>(10, 100).required_digits() == ltv::digits_of_bits(ltv::working_bits()) - 3);
  // The acceptance target at 256 bits leaves room for the size and condition factors.
  CHECK(ltv::tolerance_for<Mpfr>(1, 1).required_digits() > ltv::kMpfrAgreementTargetDigits);
}
