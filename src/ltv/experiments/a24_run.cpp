// What one job of the A24 experiment measures (a24_run.hpp).
#include "ltv/experiments/a24_run.hpp"

#include "ltv/core/random.hpp"
#include "ltv/stats/estimate.hpp"
#include "ltv/stats/summary.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"
#include "ltv/train/trainer.hpp"

#include <Eigen/Eigenvalues>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace ltv {
namespace a24_run_impl {
namespace {

using nlohmann::json;

// Streams of a configuration's seed (a24_run_seed derives the runs' from it too).
constexpr std::uint64_t kProbeStream = 1, kReferenceStream = 2, kMinibatchStream = 3, kGaussianStream = 4,
                        kRunStream = 1000;
/// Relative step of the forward differences of the Hessian diagonal, and the step along u of the
/// directional smoothness (θ has entries of order 0.05 to 1; the loss is a polynomial in θ, so the
/// truncation error is of this relative order and the rounding error ~1e-16 / step is far below).
constexpr double kHessianStep = 1e-5, kDirectionStep = 1e-4;

std::uint64_t config_seed(const A24Plan& plan, const std::string& config) {
  return derive_seed(plan.seed, stable_hash(config));
}

TrainConfig train_config(const A24Plan& plan, const A24Config& c, OptimizerKind kind, double lr, int seed_index) {
  TrainConfig t;
  t.arch = {Family::Relaxed, kA24Dimension, c.layers, 1, Norm::Mean};
  t.task.d = kA24Dimension;
  t.task.n = c.n;
  t.task.covariates = c.covariates;
  t.optimizer.kind = kind;
  t.optimizer.lr = lr;
  t.optimizer.beta1 = t.optimizer.beta2 = kA24Beta;
  t.optimizer.momentum = kA24Momentum;
  t.optimizer.clip = c.clip;
  t.optimizer.schedule = Schedule::Constant;
  t.batch = plan.budget.batch;
  t.steps = plan.budget.steps;
  t.seed = a24_run_seed(plan, c.name, seed_index);
  t.init_scale = kA24InitScale;
  t.eval_size = plan.budget.probe_size;
  t.eval_every = plan.budget.loss_every;
  t.threads = 1;
  return t;
}

/// The loss and its gradient with respect to θ on a fixed batch.
struct Probe {
  Architecture arch;
  StatisticsBatch batch;
  double loss(const Eigen::VectorXd& theta) const { return batch_loss(to_model(arch, theta), batch); }
  Eigen::VectorXd gradient(const Eigen::VectorXd& theta) const {
    HeadGradients g;
    batch_loss_and_gradient(to_model(arch, theta), batch, g);
    return pull_back(arch, g);
  }
};

Probe probe_of(const A24Plan& plan, const TrainConfig& t, const std::string& config) {
  return {t.arch, sample_statistics_batch(Sampler(t.task), plan.budget.probe_size,
                                          derive_seed(config_seed(plan, config), kProbeStream))};
}

/// R = max |diag H| / median |diag H|, the diagonal by forward differences of the gradient.
json condition_number(const Probe& probe, const Eigen::VectorXd& theta, long long step) {
  const Eigen::VectorXd g0 = probe.gradient(theta);
  std::vector<double> diag;
  Eigen::VectorXd shifted = theta;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    const double h = kHessianStep * std::max(1.0, std::abs(theta[i]));
    shifted[i] = theta[i] + h;
    diag.push_back(std::abs((probe.gradient(shifted)[i] - g0[i]) / h));
    shifted[i] = theta[i];
  }
  const double max = *std::max_element(diag.begin(), diag.end()), median = stats::median(diag);
  return {{"step", step}, {"R", max / median}, {"max", max}, {"median", median}};
}

json train(const A24Plan& plan, const A24Job& job) {
  const A24Config& c = plan.config(job.config);
  const TrainConfig t = train_config(plan, c, job.optimizer, job.lr, job.seed_index);
  const Probe probe = probe_of(plan, t, c.name);
  TrainState state = start_training(t);
  Eigen::VectorXd previous = state.theta;
  json conditions = json::array(), smoothness = json::array();
  TrainHooks hooks;
  hooks.on_step = [&](const TrainState& st, const HistoryPoint&) {
    const long long step = st.step();
    if (step % plan.budget.smoothness_every == 0) {
      const Eigen::VectorXd delta = st.theta - previous;
      if (delta.norm() > 0) {
        const Eigen::VectorXd u = delta / delta.norm();
        const Eigen::VectorXd plus = probe.gradient(previous + kDirectionStep * u),
                              minus = probe.gradient(previous - kDirectionStep * u);
        // (plus + minus) / 2 is the gradient at θ_t up to O(h²)
        const double curvature = (plus - minus).dot(u) / (2 * kDirectionStep), norm = ((plus + minus) / 2).norm();
        if (std::isfinite(curvature) && std::isfinite(norm)) smoothness.push_back({step - 1, curvature, norm});
      }
    }
    if (std::find(plan.budget.checkpoints.begin(), plan.budget.checkpoints.end(), step) !=
        plan.budget.checkpoints.end())
      conditions.push_back(condition_number(probe, st.theta, step));
    previous = st.theta;
  };
  const TrainOutcome outcome = continue_training(state, hooks);
  json curve = json::array();
  for (const HistoryPoint& p : state.history) curve.push_back({p.step, p.eval_loss});
  json r = {{"job", job.key()},
            {"config", c.name},
            {"optimizer", optimizer_label(job.optimizer)},
            {"lr", job.lr},
            {"seed_index", job.seed_index},
            {"loss_curve", curve},
            {"condition_numbers", conditions},
            {"smoothness", smoothness}};
  if (outcome == TrainOutcome::Diverged) {
    r["final_loss"] = nullptr;
    r["diverged"] = {{"step", state.divergence->step}, {"reason", state.divergence->reason}};
  } else {
    r["final_loss"] = probe.loss(state.theta);
    r["diverged"] = nullptr;
  }
  return r;
}

/// Sample excess kurtosis.
double excess_kurtosis(const std::vector<double>& x) {
  const double m = stats::mean(x);
  double m2 = 0, m4 = 0;
  for (const double v : x) {
    m2 += (v - m) * (v - m);
    m4 += (v - m) * (v - m) * (v - m) * (v - m);
  }
  m2 /= static_cast<double>(x.size());
  m4 /= static_cast<double>(x.size());
  return m4 / (m2 * m2) - 3;
}

json noise(const A24Plan& plan, const A24Job& job) {
  const A24Config& c = plan.config(job.config);
  const TrainConfig t = train_config(plan, c, OptimizerKind::Adam, c.lr_adam, 0);
  const Eigen::VectorXd theta = start_training(t).theta;
  const Sampler sampler(t.task);
  const std::uint64_t seed = config_seed(plan, c.name);
  const A24Budget& b = plan.budget;
  const Probe reference{t.arch, sample_statistics_batch(sampler, b.noise_reference, derive_seed(seed, kReferenceStream))};
  const Eigen::VectorXd mean = reference.gradient(theta);
  const Eigen::Index p = theta.size();
  Eigen::MatrixXd second_moment = Eigen::MatrixXd::Zero(p, p);
  std::vector<double> norms;
  for (int m = 0; m < b.noise_minibatches; ++m) {
    const Probe minibatch{
        t.arch, sample_statistics_batch(sampler, b.noise_batch, derive_seed(derive_seed(seed, kMinibatchStream), m))};
    const Eigen::VectorXd xi = minibatch.gradient(theta) - mean;
    second_moment.selfadjointView<Eigen::Lower>().rankUpdate(xi);
    norms.push_back(xi.norm());
  }
  second_moment = second_moment.selfadjointView<Eigen::Lower>();
  second_moment /= b.noise_minibatches;
  const Eigen::VectorXd eigenvalues =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(second_moment, Eigen::EigenvaluesOnly).eigenvalues().cwiseMax(0);
  // Gaussian noise with the observed second moment: |ξ|² = Σ λ_i z_i².
  Rng rng(derive_seed(seed, kGaussianStream));
  boost::random::normal_distribution<double> normal;
  const auto gaussian_norms = [&] {
    std::vector<double> out(norms.size());
    for (double& v : out) {
      double s = 0;
      for (Eigen::Index i = 0; i < p; ++i) {
        const double z = normal(rng);
        s += eigenvalues[i] * z * z;
      }
      v = std::sqrt(s);
    }
    return out;
  };
  const int k = b.noise_minibatches / kA24HillFraction;
  std::vector<double> reference_alphas, reference_kurtoses;
  for (int r = 0; r < kA24GaussianReplicates; ++r) {
    const std::vector<double> g = gaussian_norms();
    reference_alphas.push_back(stats::hill_estimate(g, k));
    reference_kurtoses.push_back(excess_kurtosis(g));
  }
  const std::vector<double> control = gaussian_norms();  // one more, the negative control's sample
  return {{"job", job.key()},
          {"config", c.name},
          {"minibatches", b.noise_minibatches},
          {"minibatch_size", b.noise_batch},
          {"reference_size", b.noise_reference},
          {"hill_k", k},
          {"norms", norms},
          {"excess_kurtosis", excess_kurtosis(norms)},
          {"gaussian_reference",
           {{"replicates", kA24GaussianReplicates},
            {"hill_alphas", reference_alphas},
            {"median_hill_alpha", stats::median(reference_alphas)},
            {"median_excess_kurtosis", stats::median(reference_kurtoses)},
            {"control_norms", control}}}};
}

}  // namespace
}  // namespace a24_run_impl

std::uint64_t a24_run_seed(const A24Plan& plan, const std::string& config, int seed_index) {
  return derive_seed(a24_run_impl::config_seed(plan, config), a24_run_impl::kRunStream + static_cast<std::uint64_t>(seed_index));
}

nlohmann::json run_a24_job(const A24Plan& plan, const A24Job& job) {
  using namespace a24_run_impl;
  return job.kind == A24Job::Kind::Noise ? noise(plan, job) : train(plan, job);
}

}  // namespace ltv
