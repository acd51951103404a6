// Prescribed spectra in the double tier, plus the double-only Haar sampler and the input checks
// (which do not depend on the tier).
#include "spectra_checks.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace {

/// Decision rule for a sample moment: |estimate − population value| <= 4 standard errors.
constexpr double kStandardErrors = 4.0;

}  // namespace

TEST_CASE("householder_orthogonal<double>", "[core][spectra][double]") {
  ltv::test::householder_properties<double>();
}

TEST_CASE("with_spectrum<double>", "[core][spectra][double]") {
  ltv::test::with_spectrum_properties<double>();
}

TEST_CASE("geometric_spectrum<double>", "[core][spectra][double]") {
  ltv::test::geometric_spectrum_properties<double>();
}

TEST_CASE("uniform_spectrum<double>", "[core][spectra][double]") {
  ltv::test::uniform_spectrum_properties<double>();
}

TEST_CASE("haar_orthogonal is orthogonal", "[core][spectra][double]") {
  rc::prop("QᵀQ = I to rounding", [] {
    const int d = *rc::gen::inRange(1, ltv::test::kMaxSpectraDimension + 1);
    ltv::Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    // Householder QR and the explicit Q: d reflections, as for householder_orthogonal.
    ltv::test::assert_orthogonal<double>(ltv::haar_orthogonal(d, rng),
                                         ltv::test::orthogonality_size_factor(d, d));
  });
}

TEST_CASE("haar_orthogonal has the moments of the Haar measure", "[core][spectra][statistical]") {
  // Under Haar measure on O(d): det U = ±1 with probability ½ each (a fixed sign convention of
  // the QR factorisation would make it constant), and every entry is distributed as a coordinate
  // of a uniform unit vector: E U_ij² = 1/d, E U_ij⁴ = 3/(d(d+2)).
  constexpr int d = 3;
  constexpr int kCount = 4000;
  ltv::Rng rng(ltv::stable_hash("haar moments"));
  double positive = 0;
  Eigen::MatrixXd second = Eigen::MatrixXd::Zero(d, d);
  for (int t = 0; t < kCount; ++t) {
    const Eigen::MatrixXd U = ltv::haar_orthogonal(d, rng);
    positive += U.determinant() > 0;
    second += U.cwiseAbs2();
  }
  const double det_se = std::sqrt(0.25 / kCount);
  CHECK(std::abs(positive / kCount - 0.5) <= kStandardErrors * det_se);
  second /= kCount;
  const double m2 = 1.0 / d;
  const double entry_se = std::sqrt((3.0 / (d * (d + 2)) - m2 * m2) / kCount);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) {
      INFO("E U(" << i << ", " << j << ")² = " << second(i, j) << ", standard error " << entry_se);
      CHECK(std::abs(second(i, j) - m2) <= kStandardErrors * entry_se);
    }
}

TEST_CASE("spectra reject bad input", "[core][spectra]") {
  ltv::Rng rng(0);
  CHECK_THROWS_WITH(ltv::random_gaussian_vectors(0, rng), Catch::Contains("d must be >= 1"));
  CHECK_THROWS_WITH(ltv::haar_orthogonal(-1, rng), Catch::Contains("d must be >= 1"));
  CHECK_THROWS_WITH(ltv::householder_orthogonal<double>(Eigen::MatrixXd(0, 1)),
                    Catch::Contains("at least one row"));
  Eigen::MatrixXd vectors = Eigen::MatrixXd::Identity(3, 3);
  vectors.col(1).setZero();
  CHECK_THROWS_WITH(ltv::householder_orthogonal<double>(vectors), Catch::Contains("vector 1 is zero"));
  vectors(0, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(ltv::householder_orthogonal<double>(vectors), Catch::Contains("not finite"));
  CHECK_THROWS_WITH(ltv::with_spectrum<double>(Eigen::VectorXd::Ones(2), Eigen::MatrixXd::Identity(3, 3)),
                    Catch::Contains("one row per eigenvalue"));
  CHECK_THROWS_WITH(ltv::geometric_spectrum<double>(0, 1, 2), Catch::Contains("d must be >= 1"));
  CHECK_THROWS_WITH(ltv::geometric_spectrum<double>(3, 0, 2), Catch::Contains("mu must be > 0"));
  CHECK_THROWS_WITH(ltv::geometric_spectrum<double>(3, 1, 0.5), Catch::Contains("kappa must be >= 1"));
  CHECK_THROWS_WITH(ltv::uniform_spectrum<double>(0, 0, 1, rng), Catch::Contains("d must be >= 1"));
  CHECK_THROWS_WITH(ltv::uniform_spectrum<double>(3, 1, 1, rng), Catch::Contains("lo < hi"));
  CHECK_THROWS_WITH(ltv::uniform_spectrum<double>(3, 0, std::numeric_limits<double>::infinity(), rng),
                    Catch::Contains("finite"));
}
