// The baselines (baselines.hpp). Ridge-type predictors go through one eigendecomposition of Σ per
// sequence, after which any ρ costs O(d): ŷ(ρ) = Σ_k (Uᵀx_q)_k (Uᵀα)_k / (λ_k + ρ).
#include "ltv/baselines/baselines.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

namespace ltv {
namespace {

/// Σ = XᵀX in its eigenbasis, with α and x_q there.
struct Spectral {
  Eigen::VectorXd lambda, alpha, xq;
  double residual = 0;  ///< |y − Xw*|² (OLS residual sum of squares)
  int n = 0, d = 0;
};

Spectral spectral(const Sequence& s) {
  const Eigen::MatrixXd gram = s.X.transpose() * s.X;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  Spectral out;
  out.lambda = eig.eigenvalues().cwiseMax(0.0);
  out.alpha = eig.eigenvectors().transpose() * (s.X.transpose() * s.y);
  out.xq = eig.eigenvectors().transpose() * s.xq;
  out.n = static_cast<int>(s.X.rows());
  out.d = static_cast<int>(s.X.cols());
  const double cutoff = out.lambda.maxCoeff() * out.d * std::numeric_limits<double>::epsilon();
  // |y|² − Σ_k α_k²/λ_k over the non-null directions: the OLS residual.
  double explained = 0;
  for (int k = 0; k < out.d; ++k)
    if (out.lambda[k] > cutoff) explained += out.alpha[k] * out.alpha[k] / out.lambda[k];
  out.residual = std::max(0.0, s.y.squaredNorm() - explained);
  return out;
}

/// The ridge prediction with penalty rho (rho = 0: least-norm OLS).
double ridge_prediction(const Spectral& s, double rho) {
  const double cutoff = s.lambda.maxCoeff() * s.d * std::numeric_limits<double>::epsilon();
  double y = 0;
  for (int k = 0; k < s.d; ++k)
    if (rho > 0 || s.lambda[k] > cutoff) y += s.xq[k] * s.alpha[k] / (s.lambda[k] + rho);
  return y;
}

double sigma_hat_squared(const Spectral& s) { return s.residual / (s.n - s.d); }

std::vector<Spectral> spectra(const std::vector<Sequence>& seqs) {
  std::vector<Spectral> out;
  out.reserve(seqs.size());
  for (const Sequence& s : seqs) out.push_back(spectral(s));
  return out;
}

double mse_of(const std::vector<Sequence>& seqs, const std::function<double(std::size_t)>& predict) {
  double sum = 0;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const double e = predict(i) - seqs[i].yq;
    sum += e * e;
  }
  return seqs.empty() ? 0 : sum / static_cast<double>(seqs.size());
}

/// Minimises f over log10 x ∈ [lo, hi]: a grid of `points`, then a grid 20× finer around the best.
double minimise_log(const std::function<double(double)>& f, double lo, double hi, int points = 61) {
  double best_x = std::pow(10.0, lo), best = std::numeric_limits<double>::infinity();
  const auto scan = [&](double a, double b, int m) {
    for (int i = 0; i < m; ++i) {
      const double x = std::pow(10.0, a + (b - a) * i / (m - 1));
      const double v = f(x);
      if (std::isfinite(v) && v < best) best = v, best_x = x;
    }
  };
  scan(lo, hi, points);
  const double step = (hi - lo) / (points - 1);
  scan(std::log10(best_x) - step, std::log10(best_x) + step, 21);
  return best_x;
}

void require_overdetermined(const std::vector<Sequence>& s, const char* who) {
  if (!s.empty() && s.front().X.rows() <= s.front().X.cols())
    throw std::invalid_argument(std::string(who) + " needs n > d (σ̂² divides by n − d)");
}

std::string constant(const char* name, double x) {
  std::ostringstream os;
  os.precision(4);
  os << name << " = " << x;
  return os.str();
}

}  // namespace

std::vector<double> ols_predictions(const std::vector<Sequence>& s) {
  std::vector<double> out;
  for (const Sequence& q : s) out.push_back(ridge_prediction(spectral(q), 0));
  return out;
}

std::vector<double> oracle_ridge_predictions(const std::vector<Sequence>& s) {
  std::vector<double> out;
  for (const Sequence& q : s) out.push_back(ridge_prediction(spectral(q), q.sigma * q.sigma));
  return out;
}

std::vector<double> const_ridge_predictions(const std::vector<Sequence>& s, double rho) {
  std::vector<double> out;
  for (const Sequence& q : s) out.push_back(ridge_prediction(spectral(q), rho));
  return out;
}

std::vector<double> ada_ridge_predictions(const std::vector<Sequence>& s, double multiplier,
                                          double threshold) {
  require_overdetermined(s, "AdaRR");
  std::vector<double> out;
  for (const Sequence& q : s) {
    const Spectral sp = spectral(q);
    out.push_back(ridge_prediction(sp, std::min(multiplier * sigma_hat_squared(sp), threshold)));
  }
  return out;
}

std::vector<double> gd_predictions(const std::vector<Sequence>& s, int steps, double eta,
                                   const Eigen::MatrixXd& preconditioner) {
  std::vector<double> out;
  for (const Sequence& q : s) {
    const double n = static_cast<double>(q.X.rows());
    const Eigen::MatrixXd gram = q.X.transpose() * q.X / n;
    const Eigen::VectorXd alpha = q.X.transpose() * q.y / n;
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(q.X.cols());
    for (int k = 0; k < steps; ++k) theta -= eta * (preconditioner * (gram * theta - alpha));
    out.push_back(theta.dot(q.xq));
  }
  return out;
}

double mean_squared_error(const std::vector<Sequence>& s, const std::vector<double>& p) {
  return mse_of(s, [&p](std::size_t i) { return p[i]; });
}

double tune_const_ridge(const std::vector<Sequence>& tuning) {
  const auto sp = spectra(tuning);
  return minimise_log(
      [&](double rho) { return mse_of(tuning, [&](std::size_t i) { return ridge_prediction(sp[i], rho); }); },
      -4, 3);
}

RidgeTuning tune_ada_ridge(const std::vector<Sequence>& tuning) {
  require_overdetermined(tuning, "TunedRR");
  const auto sp = spectra(tuning);
  const auto mse = [&](double m, double tau) {
    return mse_of(tuning, [&](std::size_t i) {
      return ridge_prediction(sp[i], std::min(m * sigma_hat_squared(sp[i]), tau));
    });
  };
  RidgeTuning best;
  best.threshold = std::numeric_limits<double>::infinity();
  // Alternate: the multiplier with the threshold fixed, then the threshold, twice.
  for (int round = 0; round < 2; ++round) {
    best.multiplier = minimise_log([&](double m) { return mse(m, best.threshold); }, -2, 2);
    const double tau = minimise_log([&](double t) { return mse(best.multiplier, t); }, -3, 4);
    if (mse(best.multiplier, tau) < mse(best.multiplier, best.threshold)) best.threshold = tau;
  }
  return best;
}

double tune_gd_step(const std::vector<Sequence>& tuning, int steps, const Eigen::MatrixXd& preconditioner) {
  return minimise_log(
      [&](double eta) {
        return mean_squared_error(tuning, gd_predictions(tuning, steps, eta, preconditioner));
      },
      -3, 1);
}

std::vector<BaselineResult> evaluate_baselines(const TaskDistribution& task,
                                               const std::vector<Sequence>& tuning,
                                               const std::vector<Sequence>& eval, int gd_steps) {
  std::vector<BaselineResult> out;
  out.push_back({"OLS", "", ols_predictions(eval)});
  out.push_back({"oracle ridge", "rho = sigma^2 (true)", oracle_ridge_predictions(eval)});
  const double rho = tune_const_ridge(tuning);
  out.push_back({"ConstRR", constant("rho", rho), const_ridge_predictions(eval, rho)});
  if (task.n > task.d) {
    out.push_back({"AdaRR", "rho = sigma_hat^2", ada_ridge_predictions(eval)});
    const RidgeTuning t = tune_ada_ridge(tuning);
    out.push_back({"TunedRR",
                   constant("multiplier", t.multiplier) + ", " + constant("threshold", t.threshold),
                   ada_ridge_predictions(eval, t.multiplier, t.threshold)});
  }
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(task.d, task.d);
  const Eigen::MatrixXd inverse_cov = task.covariance().inverse();
  for (int k = 1; k <= gd_steps; ++k) {
    const double eta = tune_gd_step(tuning, k, identity);
    out.push_back(
        {"GD(" + std::to_string(k) + ")", constant("eta", eta), gd_predictions(eval, k, eta, identity)});
    const double peta = tune_gd_step(tuning, k, inverse_cov);
    out.push_back({"PGD(" + std::to_string(k) + ")", constant("eta", peta),
                   gd_predictions(eval, k, peta, inverse_cov)});
  }
  return out;
}

}  // namespace ltv
