// What one job of the V24 mechanism experiment does (v24_run.hpp).
#include "ltv/experiments/v24_run.hpp"

#include "ltv/baselines/baselines.hpp"
#include "ltv/core/random.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/stats/decision.hpp"
#include "ltv/theory/noise_mixture.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ltv {
namespace v24_run_impl {
namespace {

using nlohmann::json;

std::uint64_t stream(const V24Plan& plan, const std::string& name) { return derive_seed(plan.seed, stable_hash(name)); }

/// The readouts ŷ^K = −y_{n+1}^K, K = 0..L, of a model on each sequence: [K][i].
std::vector<std::vector<double>> layer_readouts(const Model<double>& model, const std::vector<Sequence>& seqs) {
  std::vector<std::vector<double>> out(static_cast<std::size_t>(model.num_layers()) + 1,
                                       std::vector<double>(seqs.size()));
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const std::vector<Mat<double>> z = forward_tokens(model, make_tokens<double>(seqs[i].X, seqs[i].y, seqs[i].xq));
    for (std::size_t k = 0; k < z.size(); ++k) out[k][i] = prediction(z[k]);
  }
  return out;
}

std::vector<double> squared_errors(const std::vector<Sequence>& seqs, const std::vector<double>& predictions) {
  std::vector<double> e(seqs.size());
  for (std::size_t i = 0; i < seqs.size(); ++i) e[i] = std::pow(predictions[i] - seqs[i].yq, 2);
  return e;
}

double mean(const std::vector<double>& x) {
  double s = 0;
  for (const double v : x) s += v;
  return x.empty() ? std::numeric_limits<double>::quiet_NaN() : s / static_cast<double>(x.size());
}

/// The readouts of one model on the evaluation sequences: per layer the mean squared error, and
/// the largest per-layer paired change e_K − e_{K−1} (K = 1..L) with each interval at the
/// Bonferroni level 1 − 0.05/L, so that every layer improves when the largest upper end is below 0.
json readout_summary(const std::vector<std::vector<double>>& readouts, const std::vector<Sequence>& seqs,
                     std::vector<double>& final_errors) {
  std::vector<std::vector<double>> errors;
  json per_layer = json::array();
  for (const std::vector<double>& r : readouts) {
    errors.push_back(squared_errors(seqs, r));
    per_layer.push_back(mean(errors.back()));
  }
  const int layers = static_cast<int>(readouts.size()) - 1;
  const double level = 1 - (1 - stats::kDefaultLevel) / std::max(1, layers);
  stats::Estimate worst{-std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                        -std::numeric_limits<double>::infinity(), stats::kDefaultLevel, static_cast<int>(seqs.size()), ""};
  json changes = json::array();
  for (int k = 1; k <= layers; ++k) {
    std::vector<double> d(seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) d[i] = errors[k][i] - errors[k - 1][i];
    const stats::Estimate e = stats::mean_interval(d, level);
    changes.push_back(stats::to_json(e));
    worst.value = std::max(worst.value, e.value);
    worst.lower = std::max(worst.lower, e.lower);
    worst.upper = std::max(worst.upper, e.upper);
    if (!e.defined()) worst.lower = worst.upper = std::numeric_limits<double>::quiet_NaN();
  }
  worst.method = "the largest over the layers K = 1.." + std::to_string(layers) +
                 " of the mean paired change of the squared error from layer K-1 to K, interval from the largest ends of "
                 "Student's t intervals at the Bonferroni level 1 - 0.05/L, over " + std::to_string(seqs.size()) +
                 " sequences";
  final_errors = errors.back();
  return {{"mse_per_layer", per_layer}, {"changes", changes}, {"worst_change", stats::to_json(worst)}};
}

/// The share of the squared Frobenius mass of every P and Q that lies on their diagonals' complement.
double off_diagonal_share(const Model<double>& m) {
  double off = 0, all = 0;
  for (const Layer<double>& layer : m.layers)
    for (const Head<double>& h : layer.heads)
      for (const Mat<double>* M : {&h.P, &h.Q}) {
        all += M->squaredNorm();
        off += M->squaredNorm() - M->diagonal().squaredNorm();
      }
  return all > 0 ? off / all : std::numeric_limits<double>::quiet_NaN();
}

/// Per layer ω = (ω_xx, ω_xy, ω_yx, ω_yy) of a one-head DIAG or GD++ model in V24's c = 1 convention.
json layer_omegas(const Model<double>& m, int n) {
  const double c = attention_scale<double>(m.norm, n);
  const int d = m.d;
  json out = json::array();
  for (const Layer<double>& layer : m.layers) {
    const Head<double>& h = layer.heads.front();
    out.push_back({{"xx", c * h.P(0, 0) * h.Q(0, 0)},
                   {"xy", c * h.P(0, 0) * h.Q(d, d)},
                   {"yx", c * h.P(d, d) * h.Q(0, 0)},
                   {"yy", c * h.P(d, d) * h.Q(d, d)}});
  }
  return out;
}

TaskDistribution fixed_noise(TaskDistribution t, double sigma) {
  t.noise = {NoiseMode::Fixed, sigma, {}};
  return t;
}

/// Everything measured of one model (trained or at θ⁰).
json measure_model(const V24Plan& plan, const std::string& column, const Model<double>& model,
                   const std::vector<Sequence>& eval) {
  std::vector<double> final_errors;
  json out = readout_summary(layer_readouts(model, eval), eval, final_errors);
  out["errors"] = final_errors;
  json profile = json::array();
  const TaskDistribution task = v24_column_task(column);
  for (const double sigma : plan.profile_sigmas(column)) {
    const std::vector<Sequence> seqs =
        sample_batch(fixed_noise(task, sigma), plan.profile_sequences, stream(plan, "v24/profile/" + column));
    const std::vector<std::vector<double>> r = layer_readouts(model, seqs);
    json per_layer = json::array();
    for (const std::vector<double>& k : r) per_layer.push_back(mean(squared_errors(seqs, k)));
    profile.push_back({{"sigma", sigma}, {"mse_per_layer", per_layer}, {"errors", squared_errors(seqs, r.back())}});
  }
  out["profile"] = profile;
  out["off_diagonal_share"] = off_diagonal_share(model);
  return out;
}

json model_job(const V24Plan& plan, const V24Job& job) {
  const TaskDistribution task = v24_column_task(job.column);
  std::vector<TrainedV24Model> runs;
  json seeds = json::array();
  for (int s = 0; s < plan.budget.seeds; ++s) {
    runs.push_back(train_v24_model(plan.budget, task, job.family, job.layers, Norm::Mean,
                                   stream(plan, "v24/" + job.key() + "/seed" + std::to_string(s)), "v24: " + job.key()));
    seeds.push_back({{"seed", s}, {"lr", runs.back().lr}, {"final_eval_loss", runs.back().final_loss},
                     {"abandoned_attempts", runs.back().abandoned}});
  }
  const auto best = std::min_element(runs.begin(), runs.end(), [](const TrainedV24Model& a, const TrainedV24Model& b) {
    return a.final_loss < b.final_loss;
  });
  const Architecture& arch = best->state.config.arch;
  const Model<double> model = to_model(arch, best->state.theta);
  const Model<double> initial = to_model(arch, start_training(best->state.config).theta);
  const std::vector<Sequence> eval = sample_batch(task, plan.eval_sequences, stream(plan, "v24/evaluation/" + job.column));
  json history = json::array();
  for (const HistoryPoint& h : best->state.history) history.push_back({{"step", h.step}, {"eval_loss", h.eval_loss}});
  json r = {{"job", job.key()},
            {"column", job.column},
            {"family", v24_family_name(job.family)},
            {"layers", job.layers},
            {"seeds", seeds},
            {"best_seed", best - runs.begin()},
            {"final_loss", best->final_loss},
            {"history", history},
            {"theta", std::vector<double>(best->state.theta.data(), best->state.theta.data() + best->state.theta.size())},
            {"trained", measure_model(plan, job.column, model, eval)},
            {"initial", measure_model(plan, job.column, initial, eval)}};
  if (job.family != Family::Full) r["omega"] = layer_omegas(model, task.n);
  return r;
}

json baselines_job(const V24Plan& plan, const V24Job& job) {
  const TaskDistribution task = v24_column_task(job.column);
  const std::vector<Sequence> tuning =
      sample_batch(task, plan.tuning_sequences, stream(plan, "v24/tuning/" + job.column));
  const double rho = tune_const_ridge(tuning);
  const RidgeTuning tuned = tune_ada_ridge(tuning);
  const auto predict = [&](const std::vector<Sequence>& s) {
    return std::vector<std::pair<std::string, std::vector<double>>>{
        {"oracle ridge", oracle_ridge_predictions(s)},
        {"ConstRR", const_ridge_predictions(s, rho)},
        {"AdaRR", ada_ridge_predictions(s)},
        {"TunedRR", ada_ridge_predictions(s, tuned.multiplier, tuned.threshold)}};
  };
  const std::vector<Sequence> eval = sample_batch(task, plan.eval_sequences, stream(plan, "v24/evaluation/" + job.column));
  json errors = json::object();
  for (const auto& [name, p] : predict(eval)) errors[name] = squared_errors(eval, p);
  json profile = json::array();
  for (const double sigma : plan.profile_sigmas(job.column)) {
    const std::vector<Sequence> seqs =
        sample_batch(fixed_noise(task, sigma), plan.profile_sequences, stream(plan, "v24/profile/" + job.column));
    json means = json::object();
    for (const auto& [name, p] : predict(seqs)) means[name] = mean(squared_errors(seqs, p));
    profile.push_back({{"sigma", sigma}, {"mse", means}});
  }
  return {{"job", job.key()},
          {"column", job.column},
          {"constants", {{"ConstRR rho", rho}, {"TunedRR multiplier", tuned.multiplier},
                         {"TunedRR threshold", std::isfinite(tuned.threshold) ? json(tuned.threshold) : json("inf")}}},
          {"errors", errors},
          {"profile", profile}};
}

/// Per level: Σ(ŷ − ŷ_ρ)² / Σ ŷ_ρ² and the mean squared errors of ŷ and of the oracle ridge.
json distance_to_ridge(const std::vector<Sequence>& seqs, const std::vector<double>& y, const std::vector<double>& ridge,
                       const V24Mixture& m) {
  json out = json::array();
  for (const double sigma : {m.sigma1, m.sigma2}) {
    double num = 0, den = 0, loss = 0, ridge_loss = 0;
    int count = 0;
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      if (seqs[i].sigma != sigma) continue;
      num += std::pow(y[i] - ridge[i], 2);
      den += ridge[i] * ridge[i];
      loss += std::pow(y[i] - seqs[i].yq, 2);
      ridge_loss += std::pow(ridge[i] - seqs[i].yq, 2);
      ++count;
    }
    out.push_back({{"sigma", sigma},
                   {"sequences", count},
                   {"relative_distance", den > 0 ? json(num / den) : json(nullptr)},
                   {"mse", count > 0 ? json(loss / count) : json(nullptr)},
                   {"oracle_mse", count > 0 ? json(ridge_loss / count) : json(nullptr)}});
  }
  return out;
}

json mixture_job(const V24Plan& plan, const V24Job& job) {
  const V24Mixture& m = plan.mixture;
  TaskDistribution task;
  task.d = m.d;
  task.n = job.n;
  task.cov = Eigen::MatrixXd::Identity(m.d, m.d) / job.n;
  task.noise = {NoiseMode::Categorical, 0, {m.sigma1, m.sigma2}};
  std::vector<TrainedV24Model> runs;
  for (int s = 0; s < m.budget.seeds; ++s)
    runs.push_back(train_v24_model(m.budget, task, job.family, 2, Norm::Sum,
                                   stream(plan, "v24/" + job.key() + "/seed" + std::to_string(s)), "v24: " + job.key()));
  const auto best = std::min_element(runs.begin(), runs.end(), [](const TrainedV24Model& a, const TrainedV24Model& b) {
    return a.final_loss < b.final_loss;
  });
  const Model<double> model = to_model(best->state.config.arch, best->state.theta);
  const MixtureOmegas solution = noise_mixture_solution(m.sigma1, m.sigma2, job.n);
  const std::vector<Sequence> eval =
      sample_batch(task, m.eval_sequences, stream(plan, "v24/mixture/evaluation/n" + std::to_string(job.n)));
  const std::vector<double> ridge = oracle_ridge_predictions(eval);
  const auto final_readout = [&eval](const Model<double>& mdl) { return layer_readouts(mdl, eval).back(); };
  json abandoned = json::array();
  for (const TrainedV24Model& r : runs)
    for (const json& a : r.abandoned) abandoned.push_back(a);
  return {{"job", job.key()},
          {"family", v24_family_name(job.family)},
          {"n", job.n},
          {"final_loss", best->final_loss},
          {"lr", best->lr},
          {"abandoned_attempts", abandoned},
          {"omega", layer_omegas(model, job.n)},
          {"trained", distance_to_ridge(eval, final_readout(model), ridge, m)},
          {"construction", distance_to_ridge(eval, final_readout(noise_mixture_model(m.d, solution)), ridge, m)},
          {"solution", {{"yx", solution.yx}, {"yy", solution.yy}, {"n_yy", job.n * solution.yy}}}};
}

}  // namespace
}  // namespace v24_run_impl

nlohmann::json run_v24_job(const V24Plan& plan, const V24Job& job) {
  using namespace v24_run_impl;
  switch (job.kind) {
    case V24Job::Kind::Model:
      return model_job(plan, job);
    case V24Job::Kind::Baselines:
      return baselines_job(plan, job);
    case V24Job::Kind::Mixture:
      return mixture_job(plan, job);
  }
  return {};
}

std::uintmax_t v24_job_bytes(const V24Plan& plan) {
  std::size_t grid = 0;
  for (const V24Models& m : plan.models) grid = std::max(grid, plan.profile_sigmas(m.column).size());
  const double numbers = 4.0 * plan.eval_sequences + 2.0 * grid * plan.profile_sequences + 10000;
  return static_cast<std::uintmax_t>(25 * numbers) + 64 * 1024;
}

}  // namespace ltv
