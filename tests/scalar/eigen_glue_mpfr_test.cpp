// Conformance of the Boost.Multiprecision <-> Eigen glue (src/ltv/scalar/eigen_glue.hpp) for the
// Mpfr tier; the run-time precision control (precision.hpp); the decimal form and conversions of
// Mpfr values (convert.hpp). The Rational and Interval tiers have their own files: one
// multiprecision type per translation unit where Eigen's dense algorithms are instantiated.
#include "ltv/verify/arbitrary.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck/catch.h>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace {

using ltv::Mat;
using ltv::Mpfr;
using ltv::Vec;
using Traits = Eigen::NumTraits<Mpfr>;

/// The precision the suite runs at by default, and the bit count Boost can really reach above it
/// (76 decimal digits give 254 bits, 77 give 257).
constexpr unsigned kRequestedBits = 256;
constexpr unsigned kReachableBits = 257;

/// Largest dimension the properties draw.
constexpr int kMaxDimension = 8;

/// 2^e as an Mpfr (exact).
Mpfr power_of_two(long e) { return ldexp(Mpfr(1), static_cast<int>(e)); }

/// The C++ meaning of digits10 for a binary mantissa of p bits: floor((p - 1) log10 2), the
/// decimal digits that survive a round trip through the type (53 bits -> 15 for double).
int digits10_of_bits(unsigned p) {
  return static_cast<int>(std::floor(static_cast<double>(p - 1) * std::log10(2.0)));
}

/// Roundings behind the residual A x - b of an LU solve: γ_{3n} of the backward error bound
/// |ΔA| <= γ_{3n} |L||U| (Higham, Thm. 9.4) times ‖|L||U|‖∞ / ‖A‖∞ <= 2n - 1 (growth factor <= 2
/// for a diagonally dominant matrix), plus n roundings of the residual's own product.
double lu_residual_size_factor(int n) { return 3.0 * n * (2.0 * n - 1.0) + n; }

/// Roundings behind the eigenvalues of A = H diag(λ) Hᵀ computed by SelfAdjointEigenSolver,
/// relative to max|λ|: H = I - 2vvᵀ/vᵀv departs from orthogonality by about n + 3 roundings, which
/// moves the eigenvalues by twice that; the product H diag(λ) Hᵀ perturbs A by (n + 1) roundings
/// per entry, n(n + 1) in 2-norm; the solver (tridiagonalisation, implicit QR) is backward stable
/// with an error of about n² roundings of ‖A‖.
double eigenvalue_size_factor(int n) { return 2.0 * (n + 3) + n * (n + 1.0) + n * n; }

Mat<Mpfr> householder(const Vec<Mpfr>& v) {
  const auto n = v.size();
  return Mat<Mpfr>(Mat<Mpfr>::Identity(n, n) - (Mpfr(2) / v.squaredNorm()) * v * v.transpose());
}

Vec<Mpfr> sorted(Vec<Mpfr> v) {
  std::sort(v.data(), v.data() + v.size());
  return v;
}

double infinity_norm(const Mat<Mpfr>& m) {
  return static_cast<double>(Mpfr(m.cwiseAbs().rowwise().sum().maxCoeff()));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// precision.hpp

TEST_CASE("set_working_bits(256) gives 257 bits, the nearest reachable above", "[scalar][precision]") {
  const ltv::ScopedBits restore(64);  // whatever happens below is undone on exit
  CHECK(ltv::set_working_bits(kRequestedBits) == kReachableBits);
  CHECK(ltv::working_bits() == kReachableBits);
  CHECK(static_cast<unsigned>(mpfr_get_prec(Mpfr(1).backend().data())) == kReachableBits);
  // Intervals follow the same setting.
  CHECK(static_cast<unsigned>(mpfi_get_prec(ltv::Interval(1).backend().data())) == kReachableBits);
}

TEST_CASE("set_working_bits(128) gives at least 128 bits", "[scalar][precision]") {
  const ltv::ScopedBits restore(64);
  const unsigned bits = ltv::set_working_bits(128);
  CHECK(bits >= 128);
  CHECK(bits == ltv::working_bits());
}

TEST_CASE("set_working_bits picks the smallest reachable precision >= the request", "[scalar][precision]") {
  const ltv::ScopedBits restore(64);
  rc::prop("b <= set_working_bits(b), and every request in [b, result] gives the same result", [] {
    const auto b = *rc::gen::inRange(32u, 4097u);
    const unsigned got = ltv::set_working_bits(b);
    RC_ASSERT(got >= b);
    RC_ASSERT(ltv::working_bits() == got);
    // If a reachable precision r existed in [b, got), the request r would return r != got.
    for (unsigned r = b; r <= got; ++r) RC_ASSERT(ltv::set_working_bits(r) == got);
  });
}

TEST_CASE("set_working_bits rejects out-of-range requests and keeps the precision", "[scalar][precision]") {
  const ltv::ScopedBits bits(kRequestedBits);
  CHECK_THROWS_AS(ltv::set_working_bits(1), std::invalid_argument);
  CHECK_THROWS_AS(ltv::set_working_bits(0), std::invalid_argument);
  CHECK_THROWS_AS(ltv::set_working_bits(10'000'000), std::invalid_argument);
  CHECK_THROWS_WITH(ltv::set_working_bits(10'000'000), Catch::Contains("10000000"));  // names the request
  CHECK(ltv::working_bits() == kReachableBits);
  CHECK_THROWS_AS(ltv::ScopedBits(10'000'000), std::invalid_argument);
  CHECK(ltv::working_bits() == kReachableBits);
}

TEST_CASE("ScopedBits restores the previous precision", "[scalar][precision]") {
  const ltv::ScopedBits outer(kRequestedBits);
  CHECK(outer.bits() == kReachableBits);
  {
    const ltv::ScopedBits inner(1024);
    CHECK(inner.bits() >= 1024);
    CHECK(ltv::working_bits() == inner.bits());
    CHECK(static_cast<unsigned>(mpfi_get_prec(ltv::Interval(0).backend().data())) == inner.bits());
    {
      const ltv::ScopedBits innermost(64);
      CHECK(ltv::working_bits() == innermost.bits());
    }
    CHECK(ltv::working_bits() == inner.bits());
  }
  CHECK(ltv::working_bits() == kReachableBits);
  CHECK(static_cast<unsigned>(mpfi_get_prec(ltv::Interval(0).backend().data())) == kReachableBits);
}

// ---------------------------------------------------------------------------------------------
// NumTraits<Mpfr>

TEST_CASE("NumTraits<Mpfr>::epsilon is 2^(1-bits) at the working precision", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  const long p = ltv::working_bits();
  CHECK(Traits::epsilon() == power_of_two(1 - p));
  // What epsilon means: 1 + eps is the next value after 1; 1 + eps/2 rounds back to 1 (to even).
  CHECK(Mpfr(1) + Traits::epsilon() > Mpfr(1));
  CHECK(Mpfr(1) + Traits::epsilon() / 2 == Mpfr(1));
  // It follows the precision when that changes.
  const ltv::ScopedBits more(1024);
  CHECK(Traits::epsilon() == power_of_two(1 - static_cast<long>(ltv::working_bits())));
}

TEST_CASE("NumTraits<Mpfr>: highest, lowest, infinity, NaN", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  const Mpfr hi = Traits::highest(), lo = Traits::lowest();
  CHECK(boost::multiprecision::isfinite(hi));
  CHECK(hi > 0);
  CHECK(boost::multiprecision::isfinite(lo));
  CHECK(lo < 0);
  CHECK(lo == -hi);
  CHECK(boost::multiprecision::isinf(Traits::infinity()));
  CHECK(Traits::infinity() > 0);
  CHECK(Traits::infinity() > hi);
  CHECK(boost::multiprecision::isnan(Traits::quiet_NaN()));
}

TEST_CASE("NumTraits<Mpfr>: digits and digits10 describe the working precision", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  // As std::numeric_limits<double>: digits = mantissa bits (53), digits10 = floor((53-1) log10 2).
  CHECK(Traits::digits() == static_cast<int>(ltv::working_bits()));
  CHECK(Traits::digits10() == digits10_of_bits(ltv::working_bits()));
  CHECK(Traits::digits10() == 77);
}

// ---------------------------------------------------------------------------------------------
// Dense linear algebra with Mpfr

TEST_CASE("Mpfr matrix products", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  rc::prop("a product of dyadic matrices is exact (it is representable)", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1), k = *rc::gen::inRange(1, kMaxDimension + 1),
              m = *rc::gen::inRange(1, kMaxDimension + 1);
    const auto a = *ltv::gen::dyadic_matrix(n, k, 5, 1000);
    const auto b = *ltv::gen::dyadic_matrix(k, m, 5, 1000);
    const Mat<Mpfr> A = a.to<Mpfr>(), B = b.to<Mpfr>();
    const Mat<Mpfr> C = A * B;
    RC_ASSERT(C.rows() == n);
    RC_ASSERT(C.cols() == m);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j) {
        Mpfr expected = 0;
        for (int l = 0; l < k; ++l) expected += A(i, l) * B(l, j);
        RC_ASSERT(C(i, j) == expected);
      }
  });
  rc::prop("a product of rounded positive matrices agrees with a hand loop to the derived tolerance", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1), k = *rc::gen::inRange(1, kMaxDimension + 1);
    // Entries j/3 (not representable), positive so that no cancellation occurs (condition 1).
    const auto a = *ltv::gen::nonzero_dyadic_matrix(n, k, 0, 100);
    const auto b = *ltv::gen::nonzero_dyadic_matrix(k, n, 0, 100);
    const Mat<Mpfr> A = a.to<Mpfr>().cwiseAbs() / Mpfr(3), B = b.to<Mpfr>().cwiseAbs() / Mpfr(7);
    const Mat<Mpfr> C = A * B;
    Mat<Mpfr> loop(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        Mpfr s = 0;
        for (int l = 0; l < k; ++l) s += A(i, l) * B(l, j);
        loop(i, j) = s;
      }
    // Each of the two is within k roundings of the exact product: 2k between them.
    const auto tol = ltv::tolerance_for<Mpfr>(2.0 * k, 1);
    RC_ASSERT(tol.accepts(ltv::agreement(C, loop)));
  });
}

TEST_CASE("Mpfr PartialPivLU solves to the derived tolerance", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  rc::prop("‖A x - b‖ / ‖b‖ within the tolerance for a diagonally dominant A", [] {
    const int n = *rc::gen::inRange(1, kMaxDimension + 1);
    // Off-diagonal entries in [-1, 1] / 3 (rounded), diagonal 2n: diagonally dominant, κ∞ <= 3.
    Mat<Mpfr> A = (*ltv::gen::dyadic_matrix(n, n, 3, 8)).to<Mpfr>() / Mpfr(3);
    for (int i = 0; i < n; ++i) A(i, i) = Mpfr(2 * n);
    const Vec<Mpfr> b = (*ltv::gen::dyadic_matrix(n, 1, 3, 8)).to_vector<Mpfr>() / Mpfr(5);
    const Eigen::PartialPivLU<Mat<Mpfr>> lu(A);
    const Vec<Mpfr> x = lu.solve(b);
    const double condition = infinity_norm(A) * infinity_norm(lu.inverse());
    const auto tol = ltv::tolerance_for<Mpfr>(lu_residual_size_factor(n), condition);
    RC_ASSERT(tol.accepts(ltv::agreement(Mat<Mpfr>(A * x), Mat<Mpfr>(b))));
    // And the tolerance is tight enough to mean something at 256 bits.
    RC_ASSERT(tol.required_digits() >= ltv::kMpfrAgreementTargetDigits);
  });
}

TEST_CASE("Mpfr SelfAdjointEigenSolver recovers known eigenvalues", "[scalar][glue][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);

  SECTION("the second-difference matrix: 2 - √2, 2, 2 + √2") {
    Mat<Mpfr> A(3, 3);
    A << 2, -1, 0, -1, 2, -1, 0, -1, 2;
    const Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(A);
    REQUIRE(es.info() == Eigen::Success);
    Vec<Mpfr> expected(3);
    expected << 2 - sqrt(Mpfr(2)), 2, 2 + sqrt(Mpfr(2));
    const auto tol = ltv::tolerance_for<Mpfr>(eigenvalue_size_factor(3), 1);
    const auto got = ltv::agreement(Mat<Mpfr>(es.eigenvalues()), Mat<Mpfr>(expected));
    INFO("digits " << got.digits() << ", required " << tol.required_digits());
    CHECK(tol.accepts(got));
    // Eigenvectors: A V = V Λ, to the same tolerance relative to ‖A‖.
    const Mat<Mpfr> V = es.eigenvectors();
    const auto vectors = ltv::agreement(Mat<Mpfr>(A * V), Mat<Mpfr>(V * es.eigenvalues().asDiagonal()));
    CHECK(tol.accepts(vectors));
  }

  SECTION("H diag(λ) Hᵀ for a Householder H") {
    rc::prop("the eigenvalues are λ, to the derived tolerance", [] {
      const int n = *rc::gen::inRange(1, kMaxDimension + 1);
      const Vec<Mpfr> v = (*ltv::gen::nonzero_dyadic_matrix(n, 1, 3, 8)).to_vector<Mpfr>();
      const Vec<Mpfr> lambda = (*ltv::gen::dyadic_matrix(n, 1, 3, 8)).to_vector<Mpfr>();
      const Mat<Mpfr> H = householder(v);
      const Mat<Mpfr> A = H * lambda.asDiagonal() * H.transpose();
      const Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(A, Eigen::EigenvaluesOnly);
      RC_ASSERT(es.info() == Eigen::Success);
      const auto tol = ltv::tolerance_for<Mpfr>(eigenvalue_size_factor(n), 1);
      RC_ASSERT(tol.accepts(ltv::agreement(Mat<Mpfr>(es.eigenvalues()), Mat<Mpfr>(sorted(lambda)))));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// convert.hpp for Mpfr

TEST_CASE("to_decimal of an Mpfr value reads back exactly", "[scalar][convert][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  CHECK(ltv::to_decimal(Mpfr(0)) == "0");
  CHECK(Mpfr(ltv::to_decimal(Mpfr(1) / 3)) == Mpfr(1) / 3);
  CHECK(Mpfr(ltv::to_decimal(-sqrt(Mpfr(2)))) == -sqrt(Mpfr(2)));
  rc::prop("Mpfr(to_decimal(x)) == x at any precision and magnitude", [] {
    const ltv::ScopedBits precision(*rc::gen::inRange(32u, 2049u));
    const auto p = *rc::gen::arbitrary<std::int64_t>();
    const auto q = *rc::gen::inRange<std::int64_t>(1, 1'000'000'007);
    const int e = *rc::gen::inRange(-3000, 3001);
    const Mpfr x = ldexp(Mpfr(p) / Mpfr(q), e);
    const std::string s = ltv::to_decimal(x);
    RC_LOG() << s << " at " << ltv::working_bits() << " bits";
    RC_ASSERT(Mpfr(s) == x);
  });
}

TEST_CASE("short_decimal has three significant digits", "[scalar][convert][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  CHECK(ltv::short_decimal(Mpfr(0)) == "0");
  CHECK(ltv::short_decimal(Mpfr(1) / 3) == "3.33e-01");
  CHECK(ltv::short_decimal(Mpfr(-2) / 3 * power_of_two(-300)) == "-3.27e-91");
}

TEST_CASE("convert between Mpfr, double and Rational", "[scalar][convert][mpfr]") {
  const ltv::ScopedBits bits(kRequestedBits);
  // double -> Mpfr is exact; Mpfr -> double rounds to nearest.
  CHECK(ltv::convert<Mpfr>(0.1) == Mpfr(0.1));
  CHECK(ltv::convert<ltv::Rational>(ltv::convert<Mpfr>(0.1)) == ltv::convert<ltv::Rational>(0.1));
  CHECK(ltv::convert<double>(Mpfr(1) / 3) == 1.0 / 3.0);
  CHECK(ltv::convert<double>(sqrt(Mpfr(2))) == std::sqrt(2.0));
  // Rational -> Mpfr rounds once, to nearest (as the division 1/3 does).
  CHECK(ltv::convert<Mpfr>(ltv::Rational(1, 3)) == Mpfr(1) / 3);
  rc::prop("convert<double>(x) is the double nearest to x", [] {
    const auto p = *rc::gen::arbitrary<std::int64_t>();
    const auto q = *rc::gen::inRange<std::int64_t>(1, 1'000'000'007);
    const Mpfr x = Mpfr(p) / Mpfr(q);
    const double d = ltv::convert<double>(x);
    const Mpfr err = abs(Mpfr(d) - x);
    RC_ASSERT(err <= abs(Mpfr(std::nextafter(d, INFINITY)) - x));
    RC_ASSERT(err <= abs(Mpfr(std::nextafter(d, -INFINITY)) - x));
  });
  const Mat<double> m = Mat<double>::Constant(2, 3, 0.25);
  const Mat<Mpfr> mm = ltv::convert_matrix<Mpfr>(m);
  CHECK(mm == Mat<Mpfr>::Constant(2, 3, Mpfr(0.25)));
}
