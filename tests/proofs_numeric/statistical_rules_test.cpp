// The pieces of the statistical decision rules (proofs_numeric/statistical_rules.hpp) against
// values known in closed form or by enumeration.
#include "statistical_rules.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace stats = ltv::proofs::stats;

namespace {

/// Relative agreement for values known in closed form (the Boost routines are accurate to a few
/// ulps; 1e-12 leaves room for the closed forms' own rounding).
constexpr double kClose = 1e-12;

bool close(double a, double b) { return std::abs(a - b) <= kClose * std::max(std::abs(a), std::abs(b)); }

}  // namespace

TEST_CASE("binomial tails and the allowed count of exceedances") {
  const double p = 6.334248366623994e-05;  // 2Φ(−4)
  CHECK(close(stats::binomial_at_least(100, 1, p), -std::expm1(100 * std::log1p(-p))));
  // P(>= 2) as the sum of its terms (1 − P(0) − P(1) would cancel to 11 digits).
  double at_least_two = 0, term = 100 * 99 / 2.0 * p * p * std::pow(1 - p, 98);
  for (int j = 2; j <= 100; ++j, term *= (100.0 - j + 1) / j * p / (1 - p)) at_least_two += term;
  CHECK(close(stats::binomial_at_least(100, 2, p), at_least_two));
  CHECK(stats::binomial_at_least(100, 0, p) == 1);
  CHECK(stats::binomial_at_least(100, 101, p) == 0);
  // EXP.MC's rule: P(>= 1) = 6.3e-3 > 0.001, P(>= 2) = 2.0e-5 <= 0.001, so one exceedance is allowed.
  CHECK(stats::allowed_exceedances(100, p, 0.001) == 1);
  CHECK(stats::allowed_exceedances(100, p, 0.01) == 0);
  // A heavier per-case tail allows more: p = 3e-3 (λ = 0.3) needs k = 3 at α = 0.001.
  CHECK(stats::allowed_exceedances(100, 3e-3, 0.001) == 3);
  // The defining property, on a grid.
  for (const double q : {1e-5, 1e-4, 1e-3, 1e-2, 0.1})
    for (const double alpha : {1e-3, 1e-2, 0.05}) {
      const int k = stats::allowed_exceedances(100, q, alpha);
      INFO("p = " << q << ", alpha = " << alpha << ", k = " << k);
      CHECK(stats::binomial_at_least(100, k + 1, q) <= alpha);
      if (k > 0) CHECK(stats::binomial_at_least(100, k, q) > alpha);
    }
}

TEST_CASE("the Poisson-binomial tail: equal p gives the binomial, three cases by enumeration") {
  CHECK(close(stats::poisson_binomial_at_least(std::vector<double>(100, 1e-3), 2), stats::binomial_at_least(100, 2, 1e-3)));
  const std::vector<double> p{0.1, 0.5, 0.8};
  const double none = 0.9 * 0.5 * 0.2;
  const double one = 0.1 * 0.5 * 0.2 + 0.9 * 0.5 * 0.2 + 0.9 * 0.5 * 0.8;
  const double all = 0.1 * 0.5 * 0.8;
  CHECK(close(stats::poisson_binomial_at_least(p, 1), 1 - none));
  CHECK(close(stats::poisson_binomial_at_least(p, 2), 1 - none - one));
  CHECK(close(stats::poisson_binomial_at_least(p, 3), all));
  CHECK(stats::poisson_binomial_at_least(p, 0) == 1);
  CHECK(stats::poisson_binomial_at_least(p, 4) == 0);
}

TEST_CASE("Clopper-Pearson upper bound and its exact p-value") {
  // No success in n trials: the bound solves (1 − u)^n = α.
  for (const int n : {10, 400})
    for (const double alpha : {0.01, 0.002}) CHECK(close(stats::clopper_pearson_upper(n, 0, alpha), 1 - std::pow(alpha, 1.0 / n)));
  // The bound is <= p0 exactly when the p-value of H0: p >= p0 is <= α (here α = 0.002, p0 = 5%).
  for (int k = 0; k <= 20; ++k) {
    INFO("k = " << k);
    CHECK((stats::clopper_pearson_upper(400, k, 0.002) <= 0.05) == (stats::binomial_p_value_below(400, k, 0.05) <= 0.002));
  }
  // The largest count V24.T4.2's rule accepts with 400 draws: 8.
  CHECK(stats::clopper_pearson_upper(400, 8, 0.002) <= 0.05);
  CHECK(stats::clopper_pearson_upper(400, 9, 0.002) > 0.05);
}

TEST_CASE("normal quantiles and p-values") {
  CHECK(std::abs(stats::two_sided_z(0.05) - 1.959963984540054) < 1e-12);
  CHECK(std::abs(stats::two_sided_p(1.959963984540054) - 0.05) < 1e-12);
  CHECK(std::abs(stats::two_sided_p(-4) - 6.334248366623994e-05) < 1e-15);
  // A23.T5's family: 64 tests at 1 %: none rejected means every |z| <= 3.781.
  CHECK(std::abs(stats::two_sided_z(0.01 / 64) - 3.78092) < 1e-4);
}

TEST_CASE("Holm-Bonferroni rejects step-down and stops at the first acceptance") {
  // Sorted: 0.005 <= 0.05/4, 0.01 <= 0.05/3, 0.03 > 0.05/2: stop.
  const auto r = stats::holm_rejections({0.01, 0.04, 0.03, 0.005}, 0.05);
  CHECK(r == std::vector<bool>{true, false, false, true});
  // Any rejection at all is Bonferroni's min p <= α/m.
  CHECK(stats::holm_rejections({0.0126, 0.5, 0.9, 0.2}, 0.05) == std::vector<bool>(4, false));
  CHECK(stats::holm_rejections({0.0124, 0.5, 0.9, 0.2}, 0.05) == std::vector<bool>{true, false, false, false});
  // Holm rejects more than Bonferroni: 0.015 > 0.05/3 but <= 0.05/2 after the first.
  CHECK(stats::holm_rejections({0.001, 0.015, 0.5}, 0.05) == std::vector<bool>{true, true, false});
}

TEST_CASE("weighted least squares: exact data, the covariance, and the Birge ratio") {
  Eigen::MatrixXd A(4, 2);
  A << 1, 1, 2, 1, 3, 1, 4, 1;
  const Eigen::VectorXd se = Eigen::VectorXd::Constant(4, 0.5);
  const Eigen::VectorXd exact = A * Eigen::Vector2d(-0.5, 2);
  const auto f = stats::weighted_least_squares(A, exact, se);
  CHECK(std::abs(f.coef[0] + 0.5) < 1e-12);
  CHECK(std::abs(f.coef[1] - 2) < 1e-12);
  CHECK(f.dof == 2);
  CHECK(f.birge == 1);
  // Equal errors σ: cov = σ² (AᵀA)⁻¹; here (AᵀA)⁻¹ = [[0.2, −0.5], [−0.5, 1.5]].
  CHECK(std::abs(f.cov(0, 0) - 0.25 * 0.2) < 1e-12);
  CHECK(std::abs(f.cov(0, 1) + 0.25 * 0.5) < 1e-12);
  // Residuals (1, −1, −1, 1), orthogonal to A's columns (the fit is unchanged), against errors of
  // 0.5: χ² = 16 on 2 degrees of freedom, so the covariance is inflated 8 times.
  Eigen::VectorXd noisy(4);
  noisy << exact[0] + 1, exact[1] - 1, exact[2] - 1, exact[3] + 1;
  const auto g = stats::weighted_least_squares(A, noisy, se);
  CHECK(std::abs(g.coef[0] + 0.5) < 1e-12);
  CHECK(std::abs(g.chi2 - 16) < 1e-10);
  CHECK(std::abs(g.birge - 8) < 1e-10);
  CHECK(std::abs(g.se(0) - std::sqrt(0.25 * 0.2 * g.birge)) < 1e-12);
}
