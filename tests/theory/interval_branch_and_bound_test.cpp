// theory/interval_branch_and_bound.hpp and scalar/ldlt.hpp over intervals: the branch and bound
// keeps every global minimiser of a polynomial whose minimisers are known, and nothing far from
// them; the interval LDLᵀ proves definiteness only where every member is definite.
#include "ltv/theory/interval_branch_and_bound.hpp"
#include "ltv/scalar/ldlt.hpp"
#include "ltv/scalar/precision.hpp"

#include <catch2/catch.hpp>

namespace {

using boost::multiprecision::lower;
using boost::multiprecision::upper;
using ltv::Box;
using ltv::Interval;
using ltv::Mat;
using ltv::Mpfr;
using ltv::Rational;
using ltv::ScalarPolynomial;

/// (x² − 1)² + y² + c: minimisers (±1, 0), minimum c.
ScalarPolynomial<Rational> double_well(const Rational& c) {
  ScalarPolynomial<Rational> f;
  f.variables = 2;
  f.exponents = {{4, 0}, {2, 0}, {0, 0}, {0, 2}};
  f.coefficients = {1, -2, 1 + c, 1};
  return f;
}

bool holds(const Box& b, double x, double y) {
  return lower(b[0]) <= x && x <= upper(b[0]) && lower(b[1]) <= y && y <= upper(b[1]);
}

Box square(double r) {
  Box b(2);
  b << Interval(-r, r), Interval(-r, r);
  return b;
}

}  // namespace

TEST_CASE("the interval power is the range of the power, not a product of copies") {
  const ltv::ScopedBits bits(64);
  ScalarPolynomial<Interval> f;
  f.variables = 1;
  f.exponents = {{2}};
  f.coefficients = {Interval(1)};
  ltv::Vec<Interval> x(1);
  x << Interval(-1, 2);
  const Interval v = f.value(x);
  CHECK((lower(v) == 0));
  CHECK((upper(v) == 4));
  f.exponents = {{3}};
  const Interval cube = f.value(x);
  CHECK((lower(cube) == -1));
  CHECK((upper(cube) == 8));
}

TEST_CASE("the branch and bound keeps both minimisers of a double well and nothing else") {
  const ltv::ScopedBits bits(64);
  const auto f = ltv::polynomial_objective(ltv::enclose(double_well(Rational(1, 3))));
  ltv::BranchAndBoundOptions options;
  options.min_width = Mpfr(1) / 64;
  const auto r = ltv::minimise(f, square(4), options);
  REQUIRE(r.complete);
  const auto groups = ltv::touching_groups(r.kept);
  REQUIRE(groups.size() == 2);
  for (const auto& g : groups) {
    const Box h = ltv::hull(g);
    CHECK((holds(h, 1, 0) || holds(h, -1, 0)));
    CHECK((ltv::width(h) < Mpfr(1) / 4));
  }
  CHECK((r.lower_bound <= Mpfr(Rational(1, 3))));
  CHECK((r.upper_bound >= Mpfr(Rational(1, 3))));
  CHECK((r.upper_bound - r.lower_bound < Mpfr(1) / 100));
  CHECK(r.by_value > 0);
  CHECK(r.by_monotonicity > 0);
}

TEST_CASE("a fundamental domain drops the mirror minimiser, and a budget leaves the search incomplete") {
  const ltv::ScopedBits bits(64);
  const auto f = ltv::polynomial_objective(ltv::enclose(double_well(0)));
  ltv::BranchAndBoundOptions options;
  options.min_width = Mpfr(1) / 64;
  options.outside_domain = [](const Box& b) { return upper(b[0]) < 0; };
  const auto r = ltv::minimise(f, square(4), options);
  REQUIRE(r.complete);
  CHECK(r.by_symmetry > 0);
  const auto groups = ltv::touching_groups(r.kept);
  REQUIRE(groups.size() == 1);
  CHECK(holds(ltv::hull(groups.front()), 1, 0));
  CHECK_FALSE(holds(ltv::hull(groups.front()), -1, 0));
  options.max_boxes = 10;
  CHECK_FALSE(ltv::minimise(f, square(4), options).complete);
}

TEST_CASE("the branch and bound fails a wrong upper bound: a point below it is found") {
  // A claimed minimum of 1/2 for a polynomial whose minimum is 1/3: the search finds a point below it.
  const ltv::ScopedBits bits(64);
  const auto f = ltv::polynomial_objective(ltv::enclose(double_well(Rational(1, 3))));
  ltv::BranchAndBoundOptions options;
  options.min_width = Mpfr(1) / 64;
  options.upper_bound = Mpfr(Rational(1, 2));
  const auto r = ltv::minimise(f, square(4), options);
  REQUIRE(r.best_point.size() == 2);
  CHECK((r.upper_bound < Mpfr(Rational(1, 2))));
}

TEST_CASE("the interval LDLT proves an interval matrix definite only when every member is") {
  const ltv::ScopedBits bits(64);
  Mat<Interval> A(2, 2);
  A << Interval(3, 4), Interval(-1, 1), Interval(-1, 1), Interval(2, 3);
  CHECK(ltv::ldlt_certificate(A).positive_definite());
  A(1, 1) = Interval(Mpfr(Rational(1, 4)), Mpfr(3));  // holds [[3, 1], [1, 1/4]], determinant −1/4
  const auto cert = ltv::ldlt_certificate(A);
  CHECK_FALSE(cert.positive_definite());
  CHECK(cert.first_nonpositive == 1);
}
