// Conformance of the Boost.Multiprecision <-> Eigen glue (src/ltv/scalar/eigen_glue.hpp) for the
// interval tier: an Eigen product of interval matrices encloses the exact (rational) product,
// and is tight (its width is within the tolerance derived from the working precision); the
// precision-dependent NumTraits members mean the same as for Mpfr.
#include "rational_matrices.hpp"

#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace {

using ltv::Interval;
using ltv::Mat;
using ltv::Mpfr;
using ltv::Rational;
using Traits = Eigen::NumTraits<Interval>;

constexpr unsigned kRequestedBits = 256;
constexpr int kMaxDimension = 6;

/// The same matrix of fractions p/q as an exact Rational matrix and as an enclosing Interval one.
struct Fractions {
  Mat<Rational> exact;
  Mat<Interval> enclosure;
};

/// Entries p/q, |p| <= 50 (or 1 <= p <= 50 when positive), 1 <= q <= 15: mostly not representable.
rc::Gen<Fractions> fractions(int rows, int cols, bool positive) {
  return rc::gen::map(
      ltv::test::rational_matrix(rows, cols, positive ? 1 : -50, 50, 15), [](const Mat<Rational>& m) {
        return Fractions{
            m, m.unaryExpr([](const Rational& x) { return ltv::enclose(x); })};  // outward: contains p/q
      });
}

Rational lower_bound(const Interval& x) { return ltv::convert<Rational>(Mpfr(lower(x))); }
Rational upper_bound(const Interval& x) { return ltv::convert<Rational>(Mpfr(upper(x))); }

/// Width of an interval product-sum relative to its value, in roundings: each input p/q has
/// width <= 1 ulp; the product of two positive intervals rounds its two ends outward, so each
/// term is <= 4 ulps wide; each of the k - 1 additions widens by <= 2 ulps of the partial sum.
/// Total <= 2k + 2 ulps of the entry, i.e. 2(2k + 2) units of 2^-bits (tolerance.hpp's unit).
double product_width_size_factor(int k) { return 2.0 * (2.0 * k + 2.0); }

}  // namespace

TEST_CASE("Interval product encloses the exact product", "[scalar][glue][interval]") {
  const ltv::ScopedBits bits(kRequestedBits);
  rc::prop("lower <= exact <= upper entrywise", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1), k = *rc::gen::inRange(1, kMaxDimension + 1),
              m = *rc::gen::inRange(1, kMaxDimension + 1);
    const Fractions A = *fractions(n, k, false), B = *fractions(k, m, false);
    const Mat<Interval> C = A.enclosure * B.enclosure;
    const Mat<Rational> exact = ltv::test::hand_product(A.exact, B.exact);
    RC_ASSERT(C.rows() == n);
    RC_ASSERT(C.cols() == m);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j) {
        RC_ASSERT(lower_bound(C(i, j)) <= exact(i, j));
        RC_ASSERT(exact(i, j) <= upper_bound(C(i, j)));
      }
  });
  rc::prop("the enclosure is tight: its width is within the derived tolerance", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1), k = *rc::gen::inRange(1, kMaxDimension + 1);
    const Fractions A = *fractions(n, k, true), B = *fractions(k, n, true);
    const Mat<Interval> C = A.enclosure * B.enclosure;
    Mat<Mpfr> lo(n, n), hi(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        lo(i, j) = Mpfr(lower(C(i, j)));
        hi(i, j) = Mpfr(upper(C(i, j)));
      }
    const auto tol = ltv::tolerance_for<Interval>(product_width_size_factor(k), 1);
    RC_ASSERT(tol.accepts(ltv::agreement(lo, hi)));
  });
}

TEST_CASE("Interval enclosures of single operations", "[scalar][glue][interval]") {
  const ltv::ScopedBits bits(kRequestedBits);
  const Interval third = Interval(1) / Interval(3);
  CHECK(lower_bound(third) < Rational(1, 3));
  CHECK(Rational(1, 3) < upper_bound(third));
  // An exactly representable value is a point interval.
  const Interval half = Interval(1) / Interval(2);
  CHECK(lower_bound(half) == Rational(1, 2));
  CHECK(upper_bound(half) == Rational(1, 2));
  // to_decimal prints both ends so that they read back.
  const std::string s = ltv::to_decimal(third);
  CHECK(s.front() == '[');
  CHECK(s.back() == ']');
  CHECK(s.find(ltv::to_decimal(Mpfr(lower(third)))) != std::string::npos);
  CHECK(s.find(ltv::to_decimal(Mpfr(upper(third)))) != std::string::npos);
}

TEST_CASE("NumTraits<Interval>: precision-dependent members", "[scalar][glue][interval]") {
  const ltv::ScopedBits bits(kRequestedBits);
  const long p = ltv::working_bits();
  // Interval is a float tier at the working precision: its epsilon is the Mpfr one.
  CHECK(Traits::epsilon() == Interval(ldexp(Mpfr(1), static_cast<int>(1 - p))));
  CHECK(Traits::dummy_precision() > 0);
  CHECK(Traits::highest() > 0);
  CHECK(Traits::lowest() < 0);
  CHECK(boost::multiprecision::isinf(Mpfr(upper(Traits::infinity()))));
  CHECK(boost::multiprecision::isnan(Mpfr(lower(Traits::quiet_NaN()))));
  CHECK(Traits::digits10() == static_cast<int>(std::floor(static_cast<double>(p - 1) * std::log10(2.0))));
}
