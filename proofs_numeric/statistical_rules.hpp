#pragma once
// The pieces of the statistical obligations' decision rules (EXP.MC, A23.T5, V24.T4.2), each a
// textbook formula in one place so that its unit test (tests/proofs_numeric/statistical_rules_test.cpp)
// pins it:
//   - exact binomial (and Poisson-binomial) tails and the count of exceedances a correct procedure
//     is allowed;
//   - the one-sided Clopper–Pearson upper bound on a proportion, and its exact p-value;
//   - two-sided normal p-values and the Holm–Bonferroni step-down procedure;
//   - weighted least squares with known per-point standard errors, its covariance inflated by the
//     Birge ratio max(1, χ²/dof) when the model fits worse than the stated errors allow.
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>

#include <Eigen/Core>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace ltv::proofs::stats {

/// P(Binomial(trials, p) >= k).
inline double binomial_at_least(int trials, int k, double p) {
  if (k <= 0) return 1;
  if (k > trials) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::binomial_distribution<>(trials, p), k - 1));
}

/// The number of exceedances (events of probability p per case, independent) that `cases` cases
/// of a correct procedure may show: the smallest k with P(Binomial(cases, p) >= k + 1) <= alpha.
inline int allowed_exceedances(int cases, double p, double alpha) {
  int k = 0;
  while (k < cases && binomial_at_least(cases, k + 1, p) > alpha) ++k;
  return k;
}

/// P(Σ_i B_i >= k) for independent B_i ~ Bernoulli(p_i) (the Poisson-binomial law; dynamic
/// programming over the cases).
inline double poisson_binomial_at_least(const std::vector<double>& p, int k) {
  if (k <= 0) return 1;
  std::vector<double> count(p.size() + 1, 0.0);  // count[j] = P(j successes so far)
  count[0] = 1;
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j > 0; --j) count[j] = count[j] * (1 - p[i]) + count[j - 1] * p[i];
    count[0] *= 1 - p[i];
  }
  double tail = 0;
  for (std::size_t j = static_cast<std::size_t>(k); j < count.size(); ++j) tail += count[j];
  return tail;
}

/// One-sided upper confidence bound at level 1 − alpha on a proportion (Clopper–Pearson, exact).
inline double clopper_pearson_upper(int trials, int successes, double alpha) {
  return boost::math::binomial_distribution<>::find_upper_bound_on_p(trials, successes, alpha);
}

/// The exact p-value of H0: p >= p0 against p < p0 after `successes` of `trials`:
/// P(Binomial(trials, p0) <= successes). It is <= alpha exactly when the upper bound is <= p0.
inline double binomial_p_value_below(int trials, int successes, double p0) {
  return boost::math::cdf(boost::math::binomial_distribution<>(trials, p0), successes);
}

/// Two-sided p-value of a standard normal statistic.
inline double two_sided_p(double z) {
  return 2 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::abs(z)));
}

/// The two-sided standard normal critical value at level alpha: P(|Z| > z) = alpha.
inline double two_sided_z(double alpha) {
  return boost::math::quantile(boost::math::complement(boost::math::normal(), alpha / 2));
}

/// Holm–Bonferroni at family-wise level alpha: which hypotheses are rejected. (For the event
/// "some hypothesis is rejected" it coincides with Bonferroni: min p <= alpha / m.)
inline std::vector<bool> holm_rejections(const std::vector<double>& p, double alpha) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&p](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<bool> rejected(p.size(), false);
  const auto m = static_cast<double>(p.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (p[order[k]] > alpha / (m - static_cast<double>(k))) break;
    rejected[order[k]] = true;
  }
  return rejected;
}

/// Weighted least squares b ≈ A·coef with known standard errors `se` of the b's.
struct WeightedFit {
  Eigen::VectorXd coef;
  Eigen::MatrixXd cov;  ///< (Aᵀ W A)⁻¹ · birge
  double chi2 = 0;      ///< Σ (residual / se)²
  int dof = 0;          ///< points − coefficients
  double birge = 1;     ///< max(1, chi2 / dof): the errors' inflation when the model fits worse
  double se(Eigen::Index k) const { return std::sqrt(cov(k, k)); }
};

inline WeightedFit weighted_least_squares(const Eigen::MatrixXd& A, const Eigen::VectorXd& b,
                                          const Eigen::VectorXd& se) {
  const Eigen::VectorXd w = se.array().square().inverse().matrix();
  const Eigen::MatrixXd normal = A.transpose() * w.asDiagonal() * A;
  const Eigen::MatrixXd inverse = normal.inverse();
  WeightedFit f;
  f.coef = inverse * (A.transpose() * w.asDiagonal() * b);
  const Eigen::VectorXd residual = A * f.coef - b;
  f.chi2 = residual.cwiseProduct(w).dot(residual);
  f.dof = static_cast<int>(A.rows() - A.cols());
  f.birge = f.dof > 0 ? std::max(1.0, f.chi2 / f.dof) : 1.0;
  f.cov = inverse * f.birge;
  return f;
}

}  // namespace ltv::proofs::stats
