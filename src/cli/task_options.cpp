#include "task_options.hpp"

#include "ltv/core/spectra.hpp"

#include <stdexcept>

namespace ltv::cli {

void add_task_options(CLI::App& app, TaskOptions& o) {
  app.add_option("--d", o.d, "Dimension of x")->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_option("--n", o.n, "Context length (labelled tokens per sequence)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--cov-eigs", o.cov_eigs,
                 "Eigenvalues of the covariance of x, comma-separated (Σ_x = U diag(e) Uᵀ, U Haar from "
                 "--cov-seed); default I")
      ->delimiter(',');
  app.add_option("--cov-seed", o.cov_seed, "Seed of the rotation U of --cov-eigs")->capture_default_str();
  app.add_option("--prior", o.prior, "Task prior: w ~ N(0, I) or N(0, Σ_x⁻¹)")
      ->check(CLI::IsMember({"identity", "inverse-covariance"}))
      ->capture_default_str();
  app.add_option(
         "--noise", o.noise,
         "Label noise per sequence: fixed σ, uniform σ ~ U[0, σ_max), or categorical over --sigma-levels")
      ->check(CLI::IsMember({"fixed", "uniform", "categorical"}))
      ->capture_default_str();
  app.add_option("--sigma", o.sigma, "Noise standard deviation (fixed) or its maximum (uniform)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--sigma-levels", o.sigma_levels, "Noise levels of the categorical mode, comma-separated")
      ->delimiter(',');
  app.add_option("--covariates", o.covariates, "Law of x: Gaussian, on the sphere, or Gamma-scaled (A24)")
      ->check(CLI::IsMember({"gaussian", "sphere", "gamma"}))
      ->capture_default_str();
}

TaskDistribution task_distribution(const TaskOptions& o) {
  TaskDistribution t;
  t.d = o.d;
  t.n = o.n;
  if (!o.cov_eigs.empty()) {
    if (static_cast<int>(o.cov_eigs.size()) != o.d)
      throw std::invalid_argument("--cov-eigs has " + std::to_string(o.cov_eigs.size()) + " values, --d is " +
                                  std::to_string(o.d));
    for (const double e : o.cov_eigs)
      if (!(e > 0) || !std::isfinite(e)) throw std::invalid_argument("--cov-eigs must be positive numbers");
    Rng rng(o.cov_seed);
    const Eigen::MatrixXd U = haar_orthogonal(o.d, rng);
    const Eigen::VectorXd e = Eigen::Map<const Eigen::VectorXd>(o.cov_eigs.data(), o.d);
    t.cov = with_spectrum<double>(e, U);
  }
  t.prior = o.prior == "identity" ? TaskPrior::Identity : TaskPrior::InverseCovariance;
  t.noise.mode = o.noise == "fixed"     ? NoiseMode::Fixed
                 : o.noise == "uniform" ? NoiseMode::Uniform
                                        : NoiseMode::Categorical;
  t.noise.sigma = o.sigma;
  t.noise.levels = o.sigma_levels;
  if (t.noise.mode == NoiseMode::Categorical && o.sigma_levels.empty())
    throw std::invalid_argument("--noise categorical needs --sigma-levels");
  t.covariates = o.covariates == "gaussian" ? Covariates::Gaussian
                 : o.covariates == "sphere" ? Covariates::Sphere
                                            : Covariates::Gamma;
  t.validate();
  return t;
}

}  // namespace ltv::cli
