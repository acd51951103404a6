// Prescribed spectra in the rational tier: orthogonality and the spectrum hold with residual 0.
#include "spectra_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

TEST_CASE("householder_orthogonal<Rational> is exactly orthogonal", "[core][spectra][rational]") {
  ltv::test::householder_properties<ltv::Rational>();
}

TEST_CASE("with_spectrum<Rational> has exactly the prescribed spectrum", "[core][spectra][rational]") {
  ltv::test::with_spectrum_properties<ltv::Rational>();
}

TEST_CASE("geometric_spectrum<Rational> has condition number exactly kappa", "[core][spectra][rational]") {
  ltv::test::geometric_spectrum_properties<ltv::Rational>();
}

TEST_CASE("uniform_spectrum<Rational>", "[core][spectra][rational]") {
  ltv::test::uniform_spectrum_properties<ltv::Rational>();
  ltv::Rng rng(0);
  CHECK_THROWS_WITH(ltv::uniform_spectrum<ltv::Rational>(2, ltv::Rational(1, 3), ltv::Rational(1), rng),
                    Catch::Contains("exactly representable"));
}
