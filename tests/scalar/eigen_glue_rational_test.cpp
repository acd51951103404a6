// Conformance of the Boost.Multiprecision <-> Eigen glue (src/ltv/scalar/eigen_glue.hpp) for the
// rational tier: epsilon is 0, products and LU solves are exact, isApprox is equality; and the
// decimal form and conversions of Rational values (convert.hpp). Everything here is exact: no
// tolerance appears.
#include "rational_matrices.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/eigen_glue.hpp"

#include <rapidcheck/catch.h>
#include <Eigen/LU>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

namespace {

using ltv::Mat;
using ltv::Rational;
using ltv::Vec;
using Traits = Eigen::NumTraits<Rational>;

constexpr int kMaxDimension = 6;

/// A rows×cols matrix of rationals p/q with |p| <= 20, 1 <= q <= 9 (not dyadic in general).
rc::Gen<Mat<Rational>> rational_matrix(int rows, int cols) {
  return ltv::test::rational_matrix(rows, cols, -20, 20, 9);
}

}  // namespace

TEST_CASE("NumTraits<Rational>: exact", "[scalar][glue][rational]") {
  CHECK(Traits::epsilon() == 0);
  CHECK(Traits::dummy_precision() == 0);
  CHECK(Traits::digits10() == 0);
  CHECK(Traits::IsInteger == 0);
  CHECK(Traits::IsSigned == 1);
}

TEST_CASE("Rational matrix products are exact", "[scalar][glue][rational]") {
  rc::prop("A * B equals the hand-computed exact product", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1), k = *rc::gen::inRange(1, kMaxDimension + 1),
              m = *rc::gen::inRange(1, kMaxDimension + 1);
    const Mat<Rational> A = *rational_matrix(n, k), B = *rational_matrix(k, m);
    const Mat<Rational> C = A * B;
    RC_ASSERT(C == ltv::test::hand_product(A, B));
    // Associativity holds exactly in the rational tier (it would not in a float tier).
    const Mat<Rational> D = *rational_matrix(m, 2);
    RC_ASSERT(Mat<Rational>((A * B) * D) == Mat<Rational>(A * (B * D)));
  });
}

TEST_CASE("Rational LU solves are exact", "[scalar][glue][rational]") {
  rc::prop("partialPivLu and fullPivLu: A x == b exactly", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1);
    const Mat<Rational> A = *rational_matrix(n, n);
    const Eigen::FullPivLU<Mat<Rational>> full(A);
    RC_PRE(full.isInvertible());
    const Mat<Rational> b = *rational_matrix(n, 2);
    const Mat<Rational> x_full = full.solve(b);
    RC_ASSERT(Mat<Rational>(A * x_full) == b);
    const Mat<Rational> x_partial = A.partialPivLu().solve(b);
    RC_ASSERT(Mat<Rational>(A * x_partial) == b);
    // The solution is unique, so both decompositions give the same one.
    RC_ASSERT(x_full == x_partial);
    RC_ASSERT(Mat<Rational>(A * full.inverse()) == Mat<Rational>::Identity(n, n));
  });
  rc::prop("fullPivLu finds the exact rank of a matrix with a dependent row", [] {
    const int n = *rc::gen::inRange(2, kMaxDimension + 1);
    Mat<Rational> A = *rational_matrix(n, n);
    const Eigen::FullPivLU<Mat<Rational>> lu0(A);
    RC_PRE(lu0.isInvertible());
    // Replace the last row by a combination of the others: rank n - 1, exactly (threshold 0).
    const Mat<Rational> coefficients = *rational_matrix(1, n - 1);
    A.row(n - 1) = coefficients * A.topRows(n - 1);
    const Eigen::FullPivLU<Mat<Rational>> lu(A);
    RC_ASSERT(lu.rank() == n - 1);
    RC_ASSERT(!lu.isInvertible());
    RC_ASSERT(lu.determinant() == 0);
  });
}

TEST_CASE("Rational isApprox is equality", "[scalar][glue][rational]") {
  Mat<Rational> A(2, 2);
  A << Rational(1, 3), Rational(2), Rational(-5, 7), Rational(0);
  CHECK(A.isApprox(A));
  Mat<Rational> B = A;
  // Far below any float tier's resolution, still not equal.
  B(1, 0) += Rational(1) / (Rational(10) * Rational(1000000000000000000LL) * Rational(1000000000000000000LL));
  CHECK_FALSE(A.isApprox(B));
  CHECK_FALSE(B.isApprox(A));
  CHECK(Mat<Rational>(A * Rational(3)).isApprox(Mat<Rational>(A + A + A)));
}

TEST_CASE("to_decimal of Rationals", "[scalar][convert][rational]") {
  CHECK(ltv::to_decimal(Rational(1, 3)) == "1/3");
  CHECK(ltv::to_decimal(Rational(-2, 6)) == "-1/3");
  CHECK(ltv::to_decimal(Rational(4, 2)) == "2");
  CHECK(ltv::to_decimal(Rational(0)) == "0");
  rc::prop("to_decimal reads back exactly", [] {
    const auto p = *rc::gen::arbitrary<std::int64_t>();
    const auto q = *rc::gen::inRange<std::int64_t>(1, std::numeric_limits<std::int64_t>::max());
    const Rational x = Rational(p) / Rational(q);
    RC_ASSERT(Rational(ltv::to_decimal(x)) == x);
  });
}

TEST_CASE("convert: Rational <-> double", "[scalar][convert][rational]") {
  CHECK(ltv::convert<double>(Rational(1, 3)) == 1.0 / 3.0);
  CHECK(ltv::convert<double>(Rational(-2, 3)) == -2.0 / 3.0);
  // double -> Rational is exact: 0.1 is 3602879701896397 / 2^55.
  CHECK(ltv::convert<Rational>(0.1) == Rational(3602879701896397LL) / Rational(36028797018963968LL));
  rc::prop("convert<double>(p/q) is the double nearest to p/q", [] {
    const auto p = *rc::gen::arbitrary<std::int64_t>();
    const auto q = *rc::gen::inRange<std::int64_t>(1, std::numeric_limits<std::int64_t>::max());
    const Rational x = Rational(p) / Rational(q);
    const double d = ltv::convert<double>(x);
    const Rational err = abs(ltv::convert<Rational>(d) - x);
    RC_ASSERT(err <= abs(ltv::convert<Rational>(std::nextafter(d, INFINITY)) - x));
    RC_ASSERT(err <= abs(ltv::convert<Rational>(std::nextafter(d, -INFINITY)) - x));
  });
  rc::prop("dyadic matrices convert exactly both ways", [] {
    const auto m = *ltv::gen::dyadic_matrix(3, 2, 10, 1 << 20);
    const Mat<Rational> r = m.to<Rational>();
    const Mat<double> d = ltv::convert_matrix<double>(r);
    RC_ASSERT(d == m.to<double>());
    RC_ASSERT(ltv::convert_matrix<Rational>(d) == r);
  });
}
