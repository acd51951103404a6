// A24's optimizer phenomena (a24.hpp).
#include "ltv/experiments/a24.hpp"

#include "ltv/core/random.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"
#include "ltv/train/trainer.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace ltv {
namespace {

using nlohmann::json;

constexpr int kGridPoints = 10;
constexpr int kGaussianReplicates = 200;
constexpr std::uint64_t kProbeStream = 77, kNoiseStream = 78, kGaussianStream = 79;

TaskDistribution setting_task(int setting) {
  TaskDistribution t;
  t.d = 5;
  t.n = setting == 2 ? 5 : 20;
  t.covariates = setting == 3 ? Covariates::Gamma : Covariates::Gaussian;
  t.noise = {NoiseMode::Fixed, 0, {}};
  return t;
}

TrainConfig config_for(const A24Options& o, OptimizerKind kind, double lr, long long steps,
                       std::uint64_t seed) {
  TrainConfig c;
  c.arch.family = Family::Full;
  c.arch.d = 5;
  c.arch.layers = 3;
  c.arch.heads = 1;
  c.arch.norm = Norm::Mean;
  c.task = setting_task(o.setting);
  c.optimizer.kind = kind;
  c.optimizer.lr = lr;
  c.optimizer.beta1 = 0.9;
  c.optimizer.beta2 = 0.9;
  c.optimizer.momentum = 0.9;
  c.optimizer.clip = 1;
  c.batch = o.batch;
  c.steps = steps;
  c.seed = seed;
  c.eval_size = o.eval_size;
  c.eval_every = steps;
  c.threads = o.threads;
  return c;
}

Eigen::VectorXd probe_gradient(const TrainConfig& c, const StatisticsBatch& probe,
                               const Eigen::VectorXd& theta) {
  HeadGradients g;
  batch_loss_and_gradient(to_model(c.arch, theta), probe, g, c.threads);
  return pull_back(c.arch, g);
}

double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// max / median of |diag H|, the diagonal by central differences of the gradient.
double robust_condition_number(const TrainConfig& c, const StatisticsBatch& probe,
                               const Eigen::VectorXd& theta) {
  std::vector<double> diag;
  Eigen::VectorXd shifted = theta;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    const double h = 1e-5 * std::max(1.0, std::abs(theta[i]));
    shifted[i] = theta[i] + h;
    const double plus = probe_gradient(c, probe, shifted)[i];
    shifted[i] = theta[i] - h;
    const double minus = probe_gradient(c, probe, shifted)[i];
    shifted[i] = theta[i];
    diag.push_back(std::abs((plus - minus) / (2 * h)));
  }
  const double med = median(diag);
  return *std::max_element(diag.begin(), diag.end()) / med;
}

/// Median over coordinates of the sample excess kurtosis of the columns of `samples` (rows: draws).
double median_excess_kurtosis(const Eigen::MatrixXd& samples) {
  std::vector<double> k;
  for (Eigen::Index j = 0; j < samples.cols(); ++j) {
    const Eigen::ArrayXd x = samples.col(j).array() - samples.col(j).mean();
    const double m2 = x.square().mean(), m4 = x.square().square().mean();
    if (m2 > 0) k.push_back(m4 / (m2 * m2) - 3);
  }
  return median(k);
}

json gradient_noise(const A24Options& o, const TrainConfig& c, const Eigen::VectorXd& theta,
                    std::uint64_t seed) {
  const Sampler sampler(c.task);
  const StatisticsBatch large =
      sample_statistics_batch(sampler, o.probe_batch, derive_seed(seed, kProbeStream), c.threads);
  const Eigen::VectorXd mean = probe_gradient(c, large, theta);
  Eigen::MatrixXd noise(o.noise_minibatches, theta.size());
  for (int m = 0; m < o.noise_minibatches; ++m) {
    const StatisticsBatch mb =
        sample_statistics_batch(sampler, o.noise_batch, derive_seed(derive_seed(seed, kNoiseStream), m), 1);
    noise.row(m) = (probe_gradient(c, mb, theta) - mean).transpose();
  }
  const double observed = median_excess_kurtosis(noise);
  // The same statistic for Gaussian noise of the same shape (kurtosis is scale-free).
  Rng rng(derive_seed(seed, kGaussianStream));
  boost::random::normal_distribution<double> normal;
  std::vector<double> reference;
  for (int r = 0; r < kGaussianReplicates; ++r) {
    Eigen::MatrixXd g(o.noise_minibatches, theta.size());
    for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = normal(rng);
    reference.push_back(median_excess_kurtosis(g));
  }
  std::sort(reference.begin(), reference.end());
  const double q99 = reference[static_cast<std::size_t>(0.99 * (kGaussianReplicates - 1))];
  return {{"median_excess_kurtosis", observed},
          {"gaussian_reference_q99", q99},
          {"gaussian_reference_median", reference[reference.size() / 2]},
          {"minibatches", o.noise_minibatches},
          {"minibatch_size", o.noise_batch},
          {"heavy_tailed", observed > q99}};
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  const auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&v](std::size_t i, std::size_t j) { return v[i] < v[j]; });
    std::vector<double> r(v.size());
    for (std::size_t k = 0; k < idx.size(); ++k) r[idx[k]] = static_cast<double>(k);
    return r;
  };
  const std::vector<double> ra = ranks(a), rb = ranks(b);
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n,
               mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

/// The final evaluation loss of a run (infinity when it diverged).
double trial_loss(const TrainConfig& c) {
  TrainState s = start_training(c);
  if (continue_training(s) == TrainOutcome::Diverged) return std::numeric_limits<double>::infinity();
  return s.history.back().eval_loss;
}

/// Final losses as results.json gives them: a diverged run (infinity here) as "diverged".
json losses_json(const std::vector<double>& losses) {
  json out = json::array();
  for (const double loss : losses) out.push_back(std::isfinite(loss) ? json(loss) : json("diverged"));
  return out;
}

/// What the runs along one optimizer's path measured. A run that diverged contributes nothing but
/// its final loss (infinity, the worst) and its entry in `diverged`.
struct PathMeasurements {
  std::vector<double> final_losses;
  std::vector<std::vector<double>> condition_numbers;  ///< [checkpoint][seed]
  std::vector<double> smoothness, grad_norms;
  json noise;
  json diverged = json::array();  ///< {seed, step, reason} of every run that diverged
};

PathMeasurements measure_path(const A24Options& o, OptimizerKind kind, double lr) {
  PathMeasurements m;
  m.condition_numbers.resize(o.checkpoints.size());
  for (int s = 0; s < o.seeds; ++s) {
    const std::uint64_t seed = derive_seed(o.seed, 100 + static_cast<std::uint64_t>(s));
    const TrainConfig c = config_for(o, kind, lr, o.steps, seed);
    const StatisticsBatch probe =
        sample_statistics_batch(Sampler(c.task), o.probe_batch, derive_seed(seed, kProbeStream), c.threads);
    TrainState state = start_training(c);
    Eigen::VectorXd previous = state.theta;
    PathMeasurements run;  // this run's, kept only if it does not diverge
    run.condition_numbers.resize(o.checkpoints.size());
    TrainHooks hooks;
    hooks.on_step = [&](const TrainState& st, const HistoryPoint&) {
      const long long t = st.step();
      if (t % o.smoothness_every == 0) {
        const Eigen::VectorXd delta = st.theta - previous;
        if (delta.squaredNorm() > 0) {
          const Eigen::VectorXd g0 = probe_gradient(c, probe, previous),
                                g1 = probe_gradient(c, probe, st.theta);
          run.smoothness.push_back((g1 - g0).dot(delta) / delta.squaredNorm());
          run.grad_norms.push_back(g0.norm());
        }
      }
      const auto at = std::find(o.checkpoints.begin(), o.checkpoints.end(), t);
      if (at != o.checkpoints.end()) {
        run.condition_numbers[static_cast<std::size_t>(at - o.checkpoints.begin())].push_back(
            robust_condition_number(c, probe, st.theta));
        if (s == 0 && t == o.checkpoints.front()) run.noise = gradient_noise(o, c, st.theta, seed);
      }
      previous = st.theta;
    };
    if (continue_training(state, hooks) == TrainOutcome::Diverged) {
      m.final_losses.push_back(std::numeric_limits<double>::infinity());
      m.diverged.push_back(
          {{"seed", s}, {"step", state.divergence->step}, {"reason", state.divergence->reason}});
      continue;
    }
    m.final_losses.push_back(state.history.back().eval_loss);
    for (std::size_t i = 0; i < o.checkpoints.size(); ++i)
      m.condition_numbers[i].insert(m.condition_numbers[i].end(), run.condition_numbers[i].begin(),
                                    run.condition_numbers[i].end());
    m.smoothness.insert(m.smoothness.end(), run.smoothness.begin(), run.smoothness.end());
    m.grad_norms.insert(m.grad_norms.end(), run.grad_norms.begin(), run.grad_norms.end());
    if (s == 0) m.noise = run.noise;
  }
  return m;
}

/// INCONCLUSIVE when the runs that diverged left nothing to measure (a median over no run is NaN).
std::string verdict(bool reproduced, bool measured) {
  return !measured ? "INCONCLUSIVE" : reproduced ? "REPRODUCED" : "NOT-REPRODUCED";
}

}  // namespace

json run_a24_experiment(const A24Options& o) {
  if (o.setting < 1 || o.setting > 3) throw std::invalid_argument("the A24 setting must be 1, 2 or 3");
  if (o.steps < 1 || o.seeds < 1 || o.batch < 1 || o.grid_steps < 0 || o.noise_minibatches < 10 ||
      o.noise_batch < 1 || o.probe_batch < 1 || o.smoothness_every < 1)
    throw std::invalid_argument(
        "A24 experiment: every size must be positive (at least 10 noise minibatches)");
  for (const long long t : o.checkpoints)
    if (t < 1 || t > o.steps) throw std::invalid_argument("A24 experiment: checkpoints must lie in 1..steps");
  const auto log = [&o](const std::string& s) {
    if (o.log) o.log(s);
  };

  // Learning rates by grid search: 10 log-spaced values each, short runs, best final loss.
  json grids = json::object();
  double best_lr[2] = {0, 0};
  const OptimizerKind kinds[2] = {OptimizerKind::Adam, OptimizerKind::Sgd};
  const double lo[2] = {-4, -4}, hi[2] = {-1, 0};
  for (int k = 0; k < 2; ++k) {
    json grid = json::array();
    double best = std::numeric_limits<double>::infinity();
    for (int i = 0; i < kGridPoints; ++i) {
      const double lr = std::pow(10.0, lo[k] + (hi[k] - lo[k]) * i / (kGridPoints - 1));
      const long long trial_steps = o.grid_steps > 0 ? o.grid_steps : o.steps;
      const double loss = trial_loss(config_for(o, kinds[k], lr, trial_steps, derive_seed(o.seed, 1)));
      grid.push_back({{"lr", lr}, {"loss", losses_json({loss}).at(0)}});
      if (loss < best) best = loss, best_lr[k] = lr;
    }
    if (!std::isfinite(best)) throw std::runtime_error("A24 experiment: every learning rate diverged");
    grids[std::string(optimizer_label(kinds[k]))] = grid;
    log(std::string(optimizer_label(kinds[k])) + ": best learning rate " + std::to_string(best_lr[k]));
  }

  const PathMeasurements adam = measure_path(o, OptimizerKind::Adam, best_lr[0]);
  log("adam: " + std::to_string(o.seeds) + " runs done");
  const PathMeasurements sgd = measure_path(o, OptimizerKind::Sgd, best_lr[1]);
  log("sgd: " + std::to_string(o.seeds) + " runs done");

  // Medians over the seeds: one diverging run must not decide a comparison.
  const double margin = median(sgd.final_losses) / median(adam.final_losses);
  bool condition_larger = !o.checkpoints.empty(), conditions_measured = true;
  json conditions = json::array();
  for (std::size_t i = 0; i < o.checkpoints.size(); ++i) {
    const double r_sgd = median(sgd.condition_numbers[i]), r_adam = median(adam.condition_numbers[i]);
    conditions.push_back({{"iteration", o.checkpoints[i]},
                          {"sgd_median", r_sgd},
                          {"adam_median", r_adam},
                          {"sgd_per_seed", sgd.condition_numbers[i]},
                          {"adam_per_seed", adam.condition_numbers[i]},
                          {"ratio_sgd_over_adam", r_sgd / r_adam}});
    condition_larger = condition_larger && r_sgd > r_adam;
    conditions_measured = conditions_measured && std::isfinite(r_sgd) && std::isfinite(r_adam);
  }
  const double smooth_adam = median(adam.smoothness), smooth_sgd = median(sgd.smoothness);
  const double rho_adam = spearman(adam.smoothness, adam.grad_norms),
               rho_sgd = spearman(sgd.smoothness, sgd.grad_norms);
  const bool heavy = !adam.noise.is_null() && !sgd.noise.is_null() &&
                     adam.noise.value("heavy_tailed", false) && sgd.noise.value("heavy_tailed", false);

  const TaskDistribution task = setting_task(o.setting);
  return {
      {"setting", o.setting},
      {"task",
       {{"d", task.d}, {"n", task.n}, {"covariates", o.setting == 3 ? "gamma-scaled sphere" : "gaussian"}}},
      {"model", "FULL, L = 3, one head, c = 1/n"},
      {"protocol",
       {{"steps", o.steps},
        {"batch", o.batch},
        {"seeds", o.seeds},
        {"grid_steps", o.grid_steps},
        {"adam", "beta1 = beta2 = 0.9"},
        {"sgd", "momentum 0.9"},
        {"clip", 1}}},
      {"learning_rate_grid", grids},
      {"learning_rates", {{"adam", best_lr[0]}, {"sgd", best_lr[1]}}},
      {"diverged_runs", {{"adam", adam.diverged}, {"sgd", sgd.diverged}}},
      {"phenomena",
       {{"adam_beats_sgd",
         {{"verdict", verdict(margin >= kWideMargin, !std::isnan(margin))},
          {"rule", "median over seeds of the final evaluation loss, SGD / Adam >= 2"},
          {"adam_final_losses", losses_json(adam.final_losses)},
          {"sgd_final_losses", losses_json(sgd.final_losses)},
          {"ratio_sgd_over_adam", margin}}},
        {"heavy_tailed_gradient_noise",
         {{"verdict", verdict(heavy, !adam.noise.is_null() && !sgd.noise.is_null())},
          {"rule",
           "median over coordinates of the excess kurtosis of minibatch gradient noise > the 99th percentile "
           "of the "
           "same statistic for Gaussian noise, on both paths"},
          {"adam_path", adam.noise},
          {"sgd_path", sgd.noise}}},
        {"robust_condition_number_larger_for_sgd",
         {{"verdict", verdict(condition_larger, conditions_measured)},
          {"rule",
           "R = max/median |diag Hessian| on a probe batch, median over seeds: R(SGD) > R(Adam) at every "
           "checkpoint"},
          {"checkpoints", conditions},
          {"paper_ratios", o.setting == 1   ? json({1.76, 1.58})
                           : o.setting == 2 ? json({3.14, 5.98})
                                            : json({9.57, 6.53})}}},
        {"directional_smoothness_smaller_for_adam",
         {{"verdict",
           verdict(smooth_adam < smooth_sgd, std::isfinite(smooth_adam) && std::isfinite(smooth_sgd))},
          {"rule",
           "median over sampled steps of (g(t+1) - g(t)).delta / |delta|^2 on a probe batch: Adam < SGD"},
          {"adam_median", smooth_adam},
          {"sgd_median", smooth_sgd},
          {"samples", adam.smoothness.size() + sgd.smoothness.size()}}},
        {"smoothness_grows_with_gradient_norm",
         {{"verdict",
           verdict(rho_adam > 0 && rho_sgd > 0, std::isfinite(rho_adam) && std::isfinite(rho_sgd))},
          {"rule", "Spearman correlation of directional smoothness and gradient norm > 0 on both paths"},
          {"spearman_adam", rho_adam},
          {"spearman_sgd", rho_sgd}}}}}};
}

}  // namespace ltv
