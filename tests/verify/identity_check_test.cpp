// verify/identity_check.hpp: how one case of an identity is decided across the tiers. Each way a
// case can fail is exercised: a nonzero exact residual, and a float tier outside its tolerance.
#include "ltv/verify/identity_check.hpp"

#include <catch2/catch.hpp>

namespace {

/// Sides lhs = rhs = (1, 2, 3) in every tier, with `perturb` added to the first lhs entry of tier T.
struct Perturbed {
  ltv::Tier tier;
  double perturb;
  template <class T> ltv::IdentitySides<T> operator()(std::type_identity<T>) const {
    ltv::Vec<T> v(3);
    v << T(1), T(2), T(3);
    ltv::IdentitySides<T> s{v, v, 4, 1, 0};
    if (ltv::tier_of<T>() == tier) s.lhs[0] += T(perturb);
    return s;
  }
};

}  // namespace

TEST_CASE("an identity holds when every tier agrees within its tolerance") {
  const ltv::ScopedBits bits(256);
  const ltv::CaseEvidence e = ltv::check_identity(Perturbed{ltv::Tier::Rational, 0});
  CHECK(e.holds());
  REQUIRE(e.tiers.size() == 3);
  CHECK(e.tiers[0].residual == "0");
}

TEST_CASE("a nonzero exact residual fails the case") {
  const ltv::CaseEvidence e = ltv::check_identity(Perturbed{ltv::Tier::Rational, 0x1p-200});
  CHECK_FALSE(e.holds());
  CHECK_THAT(e.failure, Catch::Contains("exact residual"));
}

TEST_CASE("a float tier outside its tolerance fails the case, inside it passes") {
  const ltv::ScopedBits bits(256);
  // The tolerance for size factor 4 and condition 1 at 257 bits is ~76.8 digits relative to the
  // largest value (3): an error of 3e-60 is far outside, 3e-78 inside.
  const double required = ltv::tolerance_for<ltv::Mpfr>(4, 1).required_digits();
  CHECK(required > 70);
  const ltv::CaseEvidence outside = ltv::check_identity(Perturbed{ltv::Tier::Mpfr, 3e-60});
  CHECK_FALSE(outside.holds());
  CHECK_THAT(outside.failure, Catch::Contains("mpfr tier"));
  const ltv::CaseEvidence inside = ltv::check_identity(Perturbed{ltv::Tier::Mpfr, 3e-78});
  CHECK(inside.holds());
  const ltv::CaseEvidence double_outside = ltv::check_identity(Perturbed{ltv::Tier::Double, 1e-9});
  CHECK_FALSE(double_outside.holds());
  CHECK_THAT(double_outside.failure, Catch::Contains("double tier"));
}
