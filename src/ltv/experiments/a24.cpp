// A24's optimizer phenomena, decided (a24.hpp).
#include "ltv/experiments/a24.hpp"

#include "ltv/core/random.hpp"
#include "ltv/stats/decision.hpp"
#include "ltv/stats/estimate.hpp"
#include "ltv/stats/summary.hpp"

#include <boost/random/uniform_int_distribution.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace ltv {
namespace a24_impl {
namespace {

using nlohmann::json;
using stats::Estimate;
using stats::Rule;
using stats::Side;

constexpr double kInf = std::numeric_limits<double>::infinity();

/// One training run as the decisions see it.
struct Run {
  int seed = 0;
  double final_loss = kInf;  ///< kInf when it diverged
  bool diverged = false;
  std::map<long long, double> condition;  ///< step -> R
  std::vector<double> smoothness, gradient_norms;
};

/// The runs of one configuration and optimizer at the kept rate, by seed.
struct Path {
  double lr = 0;
  std::vector<Run> runs;
};

Run parse_run(const json& r) {
  Run run;
  run.seed = r.at("seed_index");
  run.diverged = !r.at("diverged").is_null();
  if (!run.diverged) run.final_loss = r.at("final_loss");
  for (const json& c : r.at("condition_numbers")) run.condition[c.at("step")] = c.at("R");
  for (const json& s : r.at("smoothness")) {
    run.smoothness.push_back(s.at(1));
    run.gradient_norms.push_back(s.at(2));
  }
  return run;
}

double median_loss(const std::vector<Run>& runs) {
  std::vector<double> v;
  for (const Run& r : runs) v.push_back(r.final_loss);
  return stats::median(v);
}

/// The jobs' results, indexed.
class Results {
 public:
  Results(const A24Plan& plan, const std::vector<json>& results) {
    const std::vector<A24Job> jobs = a24_jobs(plan);
    if (jobs.size() != results.size())
      throw std::invalid_argument("A24: " + std::to_string(results.size()) + " results for " +
                                  std::to_string(jobs.size()) + " jobs");
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (results[i].value("job", "") != jobs[i].key())
        throw std::invalid_argument("A24: result " + std::to_string(i) + " is not job " + jobs[i].key());
      if (jobs[i].kind == A24Job::Kind::Noise) {
        noise_[jobs[i].config] = &results[i];
      } else {
        by_rate_[{jobs[i].config, jobs[i].optimizer}][jobs[i].lr].push_back(parse_run(results[i]));
        if (!results[i].at("diverged").is_null())
          diverged_.push_back({{"config", jobs[i].config},
                               {"optimizer", optimizer_label(jobs[i].optimizer)},
                               {"lr", jobs[i].lr},
                               {"seed_index", jobs[i].seed_index},
                               {"step", results[i].at("diverged").at("step")},
                               {"reason", results[i].at("diverged").at("reason")}});
        curves_[jobs[i].config][std::string(optimizer_label(jobs[i].optimizer))][std::to_string(jobs[i].lr)]
            .push_back(results[i].at("loss_curve"));
      }
    }
  }

  bool has(const std::string& config) const { return noise_.count(config) > 0; }
  const json& noise(const std::string& config) const { return *noise_.at(config); }
  const json& diverged() const { return diverged_; }

  /// The runs at the kept rate: the published one, or the grid's rate of lowest median final loss
  /// (a diverged run counts as an infinite loss; ties go to the smaller rate).
  Path path(const std::string& config, OptimizerKind k) const {
    const auto& rates = by_rate_.at({config, k});
    Path best;
    double best_median = kInf;
    for (const auto& [lr, runs] : rates) {
      const double m = median_loss(runs);
      if (best.runs.empty() || m < best_median) best = {lr, runs}, best_median = m;
    }
    return best;
  }

  json grid(const std::string& config, OptimizerKind k) const {
    json out = json::array();
    for (const auto& [lr, runs] : by_rate_.at({config, k})) {
      int diverged = 0;
      for (const Run& r : runs) diverged += r.diverged;
      const double m = median_loss(runs);
      out.push_back({{"lr", lr}, {"median_final_loss", std::isfinite(m) ? json(m) : json("diverged")},
                     {"diverged_runs", diverged}});
    }
    return out;
  }

  /// The loss curves (step, loss on the run's evaluation set) of every seed at one rate.
  const json& curves(const std::string& config, OptimizerKind k, double lr) const {
    return curves_.at(config).at(std::string(optimizer_label(k))).at(std::to_string(lr));
  }

 private:
  std::map<std::string, const json*> noise_;
  std::map<std::pair<std::string, OptimizerKind>, std::map<double, std::vector<Run>>> by_rate_;
  std::map<std::string, json> curves_;
  json diverged_ = json::array();
};

class Decider {
 public:
  explicit Decider(const A24Plan& plan) : plan_(plan) {}

  stats::BootstrapOptions options(const std::string& id) const {
    stats::BootstrapOptions o;
    o.seed = derive_seed(plan_.seed, stable_hash("a24/" + id));
    return o;
  }

  /// The claim and its control decided by the same rule, as the document's entry.
  json entry(const std::string& id, const std::string& study, const Rule& rule, const Estimate& claim,
             const std::string& control_description, const Estimate& control, json extra = json::object()) const {
    json j = stats::decide_claim(id, rule, claim, control_description, control);
    j["study"] = study;
    for (auto& [k, v] : extra.items()) j[k] = v;
    return j;
  }

 private:
  const A24Plan& plan_;
};

/// Per-seed pairs (same seed index) of two paths.
template <class F>
std::vector<double> paired(const Path& a, const Path& b, F f) {
  std::vector<double> out;
  for (std::size_t i = 0; i < a.runs.size() && i < b.runs.size(); ++i) {
    const double v = f(a.runs[i], b.runs[i]);
    if (!std::isnan(v)) out.push_back(v);
  }
  return out;
}

/// A uniformly random permutation (Fisher–Yates on Boost.Random's specified output).
void shuffle(std::vector<double>& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i)
    std::swap(v[i - 1], v[boost::random::uniform_int_distribution<std::size_t>(0, i - 1)(rng)]);
}

/// The mean over seeds with Student's t interval (a percentile bootstrap over 6 seeds would be too
/// narrow: its coverage falls well short of the level).
Estimate seed_mean(const std::vector<double>& x) { return stats::mean_interval(x); }

/// The share of seeds where `a` ends lower than `b`, among the seeds where they differ (a diverged
/// run loses; a tie, e.g. two diverged runs, counts for neither, as in the sign test).
Estimate wins(const Path& a, const Path& b) {
  int won = 0, pairs = 0;
  for (std::size_t i = 0; i < a.runs.size() && i < b.runs.size(); ++i) {
    const double x = a.runs[i].final_loss, y = b.runs[i].final_loss;
    if (x == y) continue;
    ++pairs;
    won += x < y;
  }
  return stats::proportion_interval(won, pairs);
}

/// log(R(SGD)/R(Adam)) of one seed, averaged over the checkpoints both runs reached.
double log_condition_gap(const Run& sgd, const Run& adam) {
  if (sgd.diverged || adam.diverged) return stats::kUndefined;
  double s = 0;
  int count = 0;
  for (const auto& [step, r] : sgd.condition)
    if (adam.condition.count(step)) s += std::log(r / adam.condition.at(step)), ++count;
  return count ? s / count : stats::kUndefined;
}

json settings_claims(const A24Plan& plan, const Results& res, const Decider& dec, const std::string& c) {
  json claims = json::array();
  const Path adam = res.path(c, OptimizerKind::Adam), sgd = res.path(c, OptimizerKind::Sgd);
  const std::string study = "settings";

  // Adam beats SGD.
  {
    const Rule rule{"Adam's final loss is lower than SGD's (A24 Fig. 1, Sec. 3.2)",
                    "the share of seeds whose final loss is lower with Adam (a diverged run loses, ties left out)", Side::Above, 0.5};
    const std::vector<double> ratios = paired(sgd, adam, [](const Run& s, const Run& a) {
      return std::isfinite(s.final_loss) && std::isfinite(a.final_loss) ? std::log(s.final_loss / a.final_loss)
                                                                        : stats::kUndefined;
    });
    const Estimate effect = seed_mean(ratios);  // mean log(loss(SGD)/loss(Adam)), seeds where neither diverged
    claims.push_back(dec.entry(c + ".adam_beats_sgd", study, rule, wins(adam, sgd),
                               "Adam's runs against themselves (two identical optimizers)", wins(adam, adam),
                               {{"effect", stats::to_json(effect)}}));
  }

  // Heavy-tailed noise at initialisation.
  {
    const json& n = res.noise(c);
    const int k = n.at("hill_k");
    const double reference = n.at("gaussian_reference").at("median_hill_alpha");
    const auto log_ratio = [k, reference](const std::vector<double>& v) {
      return std::log(stats::hill_estimate(v, k) / reference);
    };
    const std::string name = "log(Hill tail index / its median for Gaussian noise of the same covariance)";
    const Rule rule{"the stochastic-gradient noise at initialisation is heavy-tailed (A24 Fig. 3)", name, Side::Below, 0};
    claims.push_back(dec.entry(
        c + ".heavy_tailed_noise", study, rule,
        stats::bootstrap(n.at("norms").get<std::vector<double>>(), log_ratio, name, dec.options(c + ".noise")),
        "a sample of Gaussian noise with the observed covariance in place of the observed noise",
        stats::bootstrap(n.at("gaussian_reference").at("control_norms").get<std::vector<double>>(), log_ratio, name,
                         dec.options(c + ".noise.control")),
        {{"excess_kurtosis", n.at("excess_kurtosis")},
         {"gaussian_excess_kurtosis", n.at("gaussian_reference").at("median_excess_kurtosis")},
         {"gaussian_median_hill_alpha", reference}}));
  }

  // The robust condition number at each checkpoint.
  for (const long long t : plan.budget.checkpoints) {
    const auto ratio_at = [t](const Run& s, const Run& a) {
      return !s.diverged && !a.diverged && s.condition.count(t) && a.condition.count(t)
                 ? s.condition.at(t) / a.condition.at(t)
                 : stats::kUndefined;
    };
    const std::string id = c + ".condition_number_" + std::to_string(t);
    const std::string name = "mean over seeds of R(SGD) / R(Adam) at step " + std::to_string(t);
    const Rule rule{"the robust condition number is larger along SGD's path (A24 Table 2)", name, Side::Above, 1};
    json extra = {{"step", t}};
    const json paper = a24_paper_condition_ratios(c);
    const Estimate e = seed_mean(paired(sgd, adam, ratio_at));
    if (!paper.is_null() && paper.contains(std::to_string(t))) {
      const double mean = paper.at(std::to_string(t)).at("mean");
      extra["paper"] = paper.at(std::to_string(t));
      extra["paper_mean_within_interval"] = e.defined() && mean >= e.lower && mean <= e.upper;
    }
    claims.push_back(dec.entry(id, study, rule, e, "Adam against Adam (two identical optimizers)",
                               seed_mean(paired(adam, adam, ratio_at)), extra));
  }

  // Directional smoothness.
  {
    const auto difference = [](const Run& s, const Run& a) {
      return s.diverged || a.diverged ? stats::kUndefined : stats::median(s.smoothness) - stats::median(a.smoothness);
    };
    const std::string name = "mean over seeds of median smoothness(SGD) - median smoothness(Adam)";
    const Rule rule{"Adam's directional smoothness is smaller than SGD's (A24 Fig. 2)", name, Side::Above, 0};
    const std::string id = c + ".directional_smoothness";
    claims.push_back(dec.entry(id, study, rule, seed_mean(paired(sgd, adam, difference)),
                               "Adam against Adam (two identical optimizers)",
                               seed_mean(paired(adam, adam, difference))));
  }

  // Generalized smoothness: smoothness grows with the gradient norm along Adam's path.
  {
    std::vector<double> rho, shuffled;
    Rng rng(derive_seed(plan.seed, stable_hash("a24/" + c + ".shuffle")));
    for (const Run& r : adam.runs) {
      if (r.diverged) continue;
      rho.push_back(stats::spearman(r.smoothness, r.gradient_norms));
      std::vector<double> norms = r.gradient_norms;
      shuffle(norms, rng);
      shuffled.push_back(stats::spearman(r.smoothness, norms));
    }
    std::erase_if(rho, [](double v) { return std::isnan(v); });
    std::erase_if(shuffled, [](double v) { return std::isnan(v); });
    const std::string name = "mean over Adam's seeds of Spearman(directional smoothness, gradient norm)";
    const Rule rule{"smoothness grows with the gradient norm along Adam's path (A24 Fig. 6)", name, Side::Above, 0};
    const std::string id = c + ".generalized_smoothness";
    claims.push_back(dec.entry(id, study, rule, seed_mean(rho),
                               "the gradient norms shuffled within each run",
                               seed_mean(shuffled)));
  }
  return claims;
}

std::vector<double> log_losses(const Path& p) {
  std::vector<double> out;
  for (const Run& r : p.runs)
    if (!r.diverged) out.push_back(std::log(r.final_loss));
  return out;
}

std::vector<double> log_condition_gaps(const Results& res, const std::string& c) {
  return paired(res.path(c, OptimizerKind::Sgd), res.path(c, OptimizerKind::Adam), log_condition_gap);
}

/// log α̂(b) − log α̂(a) of two noise samples, stratified bootstrap.
Estimate tail_difference(const Decider& dec, const std::string& id, const json& a, const json& b,
                         const std::string& name) {
  const int k = a.at("hill_k");
  return stats::bootstrap_groups(
      {a.at("norms").get<std::vector<double>>(), b.at("norms").get<std::vector<double>>()},
      [k](const std::vector<std::vector<double>>& g) {
        return std::log(stats::hill_estimate(g[1], k)) - std::log(stats::hill_estimate(g[0], k));
      },
      name, dec.options(id));
}

json covariate_claims(const Results& res, const Decider& dec) {
  json claims = json::array();
  const std::string study = "covariates", sphere = "sphere", gamma = "setting_3";
  {
    const std::string name = "log Hill tail index (gamma-scaled) - log Hill tail index (sphere)";
    const Rule rule{"heavy-tailed covariates give heavier-tailed gradient noise (A24 Sec. 4.1)", name, Side::Below, 0};
    claims.push_back(dec.entry("covariates.noise_heavier_with_gamma", study, rule,
                               tail_difference(dec, "covariates.noise", res.noise(sphere), res.noise(gamma), name),
                               "the sphere's noise against itself",
                               tail_difference(dec, "covariates.noise.control", res.noise(sphere), res.noise(sphere),
                                               name)));
  }
  {
    const std::string name =
        "mean log(R(SGD)/R(Adam)) over seeds and checkpoints, gamma-scaled minus sphere";
    const Rule rule{"the condition-number gap is larger with heavy-tailed covariates (A24 Fig. 7)", name, Side::Above,
                    0};
    const auto s = log_condition_gaps(res, sphere), g = log_condition_gaps(res, gamma);
    claims.push_back(dec.entry("covariates.condition_gap_larger_with_gamma", study, rule,
                               stats::difference_interval(s, g),
                               "the sphere against itself",
                               stats::difference_interval(s, s)));
  }
  for (const OptimizerKind k : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
    const std::string opt(optimizer_label(k));
    const std::string name = "mean log final loss (" + opt + "), gamma-scaled minus sphere (diverged runs left out)";
    const Rule rule{"with spherical covariates " + opt + " converges faster than with gamma-scaled ones (A24 Sec. 4.1)",
                    name, Side::Above, 0};
    const auto s = log_losses(res.path(sphere, k)), g = log_losses(res.path(gamma, k));
    claims.push_back(dec.entry("covariates.faster_with_sphere_" + opt, study, rule,
                               stats::difference_interval(s, g),
                               "the sphere against itself",
                               stats::difference_interval(s, s)));
  }
  return claims;
}

/// The slope in L of per-seed values (each depth's values a group) with its t interval.
Estimate depth_slope(const std::vector<int>& depths, const std::vector<std::vector<double>>& values) {
  std::vector<double> x, y;
  for (std::size_t i = 0; i < values.size(); ++i)
    for (const double v : values[i]) x.push_back(depths[i]), y.push_back(v);
  return stats::slope_interval(x, y);
}

/// The same values with the depths shuffled among all runs (the group sizes kept).
std::vector<std::vector<double>> shuffled_groups(const std::vector<std::vector<double>>& groups, std::uint64_t seed) {
  std::vector<double> all;
  for (const auto& g : groups) all.insert(all.end(), g.begin(), g.end());
  Rng rng(seed);
  shuffle(all, rng);
  std::vector<std::vector<double>> out;
  std::size_t at = 0;
  for (const auto& g : groups) {
    out.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(at), all.begin() + static_cast<std::ptrdiff_t>(at + g.size()));
    at += g.size();
  }
  return out;
}

json depth_claims(const A24Plan& plan, const Results& res, const Decider& dec, const std::vector<int>& depths) {
  json claims = json::array();
  const std::string study = "depth";
  const auto name_of = [](int L) { return "depth_" + std::to_string(L); };
  const auto slope_claim = [&](const std::string& id, const Rule& rule, const std::vector<std::vector<double>>& groups) {
    claims.push_back(dec.entry(id, study, rule, depth_slope(depths, groups), "the depths shuffled among the runs",
                               depth_slope(depths, shuffled_groups(groups, derive_seed(plan.seed, stable_hash("a24/" + id))))));
  };
  {
    std::vector<std::vector<double>> gaps;
    for (const int L : depths)
      gaps.push_back(paired(res.path(name_of(L), OptimizerKind::Sgd), res.path(name_of(L), OptimizerKind::Adam),
                            [](const Run& s, const Run& a) {
                              return std::isfinite(s.final_loss) && std::isfinite(a.final_loss)
                                         ? std::log(s.final_loss / a.final_loss)
                                         : stats::kUndefined;
                            }));
    slope_claim("depth.loss_gap_grows",
                {"the loss gap between SGD and Adam grows with depth (A24 Sec. 4.2)",
                 "slope in L of log(loss(SGD)/loss(Adam)) per seed", Side::Above, 0},
                gaps);
  }
  for (const OptimizerKind k : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
    const std::string opt(optimizer_label(k));
    std::vector<std::vector<double>> losses;
    for (const int L : depths) losses.push_back(log_losses(res.path(name_of(L), k)));
    slope_claim("depth.loss_falls_" + opt,
                {"the final loss of " + opt + " decreases with depth (A24 Sec. 4.2)",
                 "slope in L of log final loss (" + opt + ", diverged runs left out)", Side::Below, 0},
                losses);
  }
  {
    const std::string name = "log Hill tail index (L = 8) - log Hill tail index (L = 2)";
    const Rule rule{"deeper models have heavier-tailed gradient noise (A24 Sec. 4.2)", name, Side::Below, 0};
    const json& shallow = res.noise(name_of(depths.front()));
    claims.push_back(dec.entry("depth.noise_heavier_deeper", study, rule,
                               tail_difference(dec, "depth.noise", shallow, res.noise(name_of(depths.back())), name),
                               "L = 2 against itself",
                               tail_difference(dec, "depth.noise.control", shallow, shallow, name)));
  }
  {
    std::vector<double> deeper;
    for (std::size_t i = 1; i < depths.size(); ++i) {
      const auto g = log_condition_gaps(res, name_of(depths[i]));
      deeper.insert(deeper.end(), g.begin(), g.end());
    }
    const auto shallow = log_condition_gaps(res, name_of(depths.front()));
    const std::string name = "mean log(R(SGD)/R(Adam)) over seeds and checkpoints, L in {4, 6, 8} minus L = 2";
    const Rule rule{"the condition-number gap is more pronounced in deeper models (A24 Fig. 8)", name, Side::Above, 0};
    claims.push_back(dec.entry("depth.condition_gap_deeper", study, rule,
                               stats::difference_interval(shallow, deeper),
                               "L = 2 against itself",
                               stats::difference_interval(shallow, shallow)));
  }
  return claims;
}

json run_json(const Run& r) {
  json j = {{"seed_index", r.seed}, {"final_loss", r.diverged ? json("diverged") : json(r.final_loss)}};
  json conditions = json::object();
  for (const auto& [step, value] : r.condition) conditions[std::to_string(step)] = value;
  j["condition_numbers"] = conditions;
  j["median_smoothness"] = r.smoothness.empty() ? json(nullptr) : json(stats::median(r.smoothness));
  return j;
}

}  // namespace
}  // namespace a24_impl

nlohmann::json a24_paper_condition_ratios(const std::string& config) {
  if (config == "setting_1") return {{"750", {{"mean", 1.76}, {"sd", 0.40}}}, {"1250", {{"mean", 1.58}, {"sd", 0.41}}}};
  if (config == "setting_2") return {{"750", {{"mean", 3.14}, {"sd", 0.97}}}, {"1250", {{"mean", 5.98}, {"sd", 2.86}}}};
  if (config == "setting_3") return {{"750", {{"mean", 9.57}, {"sd", 13.3}}}, {"1250", {{"mean", 6.53}, {"sd", 3.55}}}};
  return nullptr;
}

nlohmann::json a24_document(const A24Plan& plan, const std::vector<nlohmann::json>& results) {
  using namespace a24_impl;
  const Results res(plan, results);
  const Decider dec(plan);
  json configs = json::object(), claims = json::array();
  for (const A24Config& c : plan.configs) {
    json entry = {{"learning_rate_source", plan.grid.empty() ? c.lr_source : "grid search"}};
    for (const OptimizerKind k : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
      const std::string opt(optimizer_label(k));
      const Path p = res.path(c.name, k);
      entry["learning_rates"][opt] = p.lr;
      if (!plan.grid.empty()) entry["grid"][opt] = res.grid(c.name, k);
      json runs = json::array();
      for (const Run& r : p.runs) runs.push_back(run_json(r));
      entry["runs"][opt] = runs;
      entry["loss_curves"][opt] = res.curves(c.name, k, p.lr);
    }
    const json& n = res.noise(c.name);
    entry["noise"] = {{"excess_kurtosis", n.at("excess_kurtosis")},
                      {"hill_k", n.at("hill_k")},
                      {"hill_alpha", stats::hill_estimate(n.at("norms").get<std::vector<double>>(), n.at("hill_k"))},
                      {"gaussian_median_hill_alpha", n.at("gaussian_reference").at("median_hill_alpha")},
                      {"minibatches", n.at("minibatches")}};
    configs[c.name] = entry;
    if (study_of(c) == A24Study::Settings)
      for (json& claim : settings_claims(plan, res, dec, c.name)) claims.push_back(std::move(claim));
  }
  if (res.has("sphere") && res.has("setting_3"))
    for (json& claim : covariate_claims(res, dec)) claims.push_back(std::move(claim));
  const std::vector<int> depths{2, 4, 6, 8};
  bool all_depths = true;
  for (const int L : depths) all_depths = all_depths && res.has("depth_" + std::to_string(L));
  if (all_depths)
    for (json& claim : depth_claims(plan, res, dec, depths)) claims.push_back(std::move(claim));
  return {{"plan", to_json(plan)}, {"configs", configs}, {"diverged_runs", res.diverged()}, {"claims", claims}};
}

}  // namespace ltv
