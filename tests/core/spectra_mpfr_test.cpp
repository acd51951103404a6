// Prescribed spectra in the Mpfr tier at 256 bits.
#include "spectra_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include "ltv/scalar/precision.hpp"

namespace {

constexpr unsigned kBits = 256;

/// The acceptance target of the eigenvalue check at kBits (which carry 77 digits): the derived
/// tolerance must demand at least this many digits for every dimension the properties draw.
constexpr double kEigenvalueTargetDigits = 70;

}  // namespace

TEST_CASE("householder_orthogonal<Mpfr>", "[core][spectra][mpfr]") {
  const ltv::ScopedBits bits(kBits);
  ltv::test::householder_properties<ltv::Mpfr>();
}

TEST_CASE("with_spectrum<Mpfr> has the prescribed eigenvalues to >= 70 digits", "[core][spectra][mpfr]") {
  const ltv::ScopedBits bits(kBits);
  INFO("working precision " << bits.bits() << " bits");
  const auto required =
      ltv::tolerance_for<ltv::Mpfr>(ltv::test::eigenvalue_size_factor(ltv::test::kMaxSpectraDimension), 1);
  CHECK(required.required_digits() >= kEigenvalueTargetDigits);
  ltv::test::with_spectrum_properties<ltv::Mpfr>();
}

TEST_CASE("geometric_spectrum<Mpfr>", "[core][spectra][mpfr]") {
  const ltv::ScopedBits bits(kBits);
  ltv::test::geometric_spectrum_properties<ltv::Mpfr>();
}

TEST_CASE("uniform_spectrum<Mpfr>", "[core][spectra][mpfr]") {
  const ltv::ScopedBits bits(kBits);
  ltv::test::uniform_spectrum_properties<ltv::Mpfr>();
  ltv::Rng rng(0);
  // 1/10 at 256 bits is not a double: the tiers could not draw the same numbers.
  CHECK_THROWS_WITH(ltv::uniform_spectrum<ltv::Mpfr>(2, ltv::Mpfr(1) / 10, ltv::Mpfr(1), rng),
                    Catch::Contains("exactly representable"));
}
