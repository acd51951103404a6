// V24's mechanisms, decided (v24.hpp).
#include "ltv/experiments/v24.hpp"

#include "ltv/stats/decision.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace v24_impl {
namespace {

using nlohmann::json;
using stats::Estimate;
using stats::Rule;
using stats::Side;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDiagonalHeavy = 0.5;

double mean(const std::vector<double>& x) {
  double s = 0;
  for (const double v : x) s += v;
  return x.empty() ? kNaN : s / static_cast<double>(x.size());
}

std::vector<double> numbers(const json& j) { return j.get<std::vector<double>>(); }

/// The results of one column: its trained models by name ("DIAG", "initial DIAG", ...) and depth,
/// and its baselines.
struct Column {
  const json* baselines = nullptr;
  std::map<std::pair<std::string, int>, const json*> models;  ///< (family, L) -> model job result
};

/// Per-sequence squared errors of a predictor on the evaluation sequences (σ < 0) or on the
/// profile sequences of level σ.
std::vector<double> errors_of(const Column& col, const std::string& name, int layers, double sigma) {
  const bool initial = name.rfind("initial ", 0) == 0;
  const std::string family = initial ? name.substr(8) : name;
  const auto m = col.models.find({family, layers});
  if (m != col.models.end()) {
    const json& r = m->second->at(initial ? "initial" : "trained");
    if (sigma < 0) return numbers(r.at("errors"));
    for (const json& p : r.at("profile"))
      if (std::abs(p.at("sigma").get<double>() - sigma) < 1e-12) return numbers(p.at("errors"));
    throw std::logic_error("V24: no profile at sigma " + std::to_string(sigma));
  }
  if (sigma >= 0 || col.baselines == nullptr || !col.baselines->at("errors").contains(name))
    throw std::logic_error("V24: no per-sequence errors of " + name);
  return numbers(col.baselines->at("errors").at(name));
}

/// The paired differences e_a − e_b over the comparison's sequences.
std::vector<double> paired(const Column& col, const V24Comparison& c, const std::string& a) {
  std::vector<double> d;
  const std::vector<double> sigmas = c.sigmas.empty() ? std::vector<double>{-1} : c.sigmas;
  for (const double s : sigmas) {
    const std::vector<double> ea = errors_of(col, a, c.layers, s), eb = errors_of(col, c.b, c.layers, s);
    if (ea.size() != eb.size()) throw std::logic_error("V24: unpaired errors in " + c.id);
    for (std::size_t i = 0; i < ea.size(); ++i) d.push_back(ea[i] - eb[i]);
  }
  return d;
}

json comparison_claim(const std::map<std::string, Column>& columns, const V24Comparison& c) {
  const Column& col = columns.at(c.column);
  const std::string where = c.sigmas.empty() ? "the column's evaluation sequences" : "the profile sequences at the listed noise levels, pooled";
  const Estimate claim = stats::mean_interval(paired(col, c, c.a)), control = stats::mean_interval(paired(col, c, c.control_a));
  if (c.kind == V24Comparison::Kind::Lower)
    return stats::decide_claim(c.id,
                               {c.claim, "the mean over " + where + " of (y_hat_" + c.a + " - y_q)^2 - (y_hat_" + c.b +
                                             " - y_q)^2",
                                Side::Below, 0},
                               claim, c.control_a + " in place of " + c.a, control);
  const double scale = mean(errors_of(col, c.b, c.layers, -1)) - mean(errors_of(col, "oracle ridge", c.layers, -1));
  return stats::decide_claim(c.id,
                             {c.claim, "|mean paired difference of squared errors, " + c.a + " - " + c.b + "| relative to " +
                                           c.b + "'s adjusted loss",
                              Side::Below, c.margin},
                             stats::magnitude_relative_to(claim, scale), c.control_a + " in place of " + c.a,
                             stats::magnitude_relative_to(control, scale));
}

Estimate from_json(const json& e) {
  const auto num = [](const json& v) {
    if (v.is_string()) return v == "inf" ? std::numeric_limits<double>::infinity()
                                         : v == "-inf" ? -std::numeric_limits<double>::infinity() : kNaN;
    return v.get<double>();
  };
  return {num(e.at("value")), num(e.at("interval")[0]), num(e.at("interval")[1]), e.at("level").get<double>(),
          e.at("samples").get<int>(), e.at("method").get<std::string>()};
}

Estimate value_itself(double v, const std::string& what) {
  return {v, v, v, 1, 1, what + ": the value itself (one trained model, no sampling interval)"};
}

/// A trained model's summary for the document, adjusted by the column's oracle ridge.
json model_summary(const json& r, const Column& col) {
  const double oracle = mean(numbers(col.baselines->at("errors").at("oracle ridge")));
  std::map<double, double> oracle_profile;
  for (const json& p : col.baselines->at("profile")) oracle_profile[p.at("sigma")] = p.at("mse").at("oracle ridge");
  json per_layer = json::array(), initial_per_layer = json::array(), profile = json::array();
  for (const json& v : r.at("trained").at("mse_per_layer")) per_layer.push_back(v.get<double>() - oracle);
  for (const json& v : r.at("initial").at("mse_per_layer")) initial_per_layer.push_back(v.get<double>() - oracle);
  for (const json& p : r.at("trained").at("profile")) {
    json adjusted = json::array();
    const double o = oracle_profile.at(p.at("sigma"));
    for (const json& v : p.at("mse_per_layer")) adjusted.push_back(v.get<double>() - o);
    profile.push_back({{"sigma", p.at("sigma")}, {"adjusted_per_layer", adjusted}});
  }
  json s = {{"column", r.at("column")},
            {"family", r.at("family")},
            {"layers", r.at("layers")},
            {"final_loss", r.at("final_loss")},
            {"seeds", r.at("seeds")},
            {"adjusted", per_layer.back()},
            {"adjusted_per_layer", per_layer},
            {"initial_adjusted_per_layer", initial_per_layer},
            {"profile", profile},
            {"off_diagonal_share", r.at("trained").at("off_diagonal_share")},
            {"initial_off_diagonal_share", r.at("initial").at("off_diagonal_share")},
            {"history", r.at("history")}};
  if (r.contains("omega")) s["omega"] = r.at("omega");
  return s;
}

json baselines_summary(const json& r) {
  const double oracle = mean(numbers(r.at("errors").at("oracle ridge")));
  json adjusted = json::object(), profile = json::array();
  for (const auto& [name, e] : r.at("errors").items())
    if (name != "oracle ridge") adjusted[name] = mean(numbers(e)) - oracle;
  for (const json& p : r.at("profile")) {
    json row = {{"sigma", p.at("sigma")}};
    for (const auto& [name, v] : p.at("mse").items())
      if (name != "oracle ridge") row[name] = v.get<double>() - p.at("mse").at("oracle ridge").get<double>();
    profile.push_back(row);
  }
  return {{"column", r.at("column")}, {"constants", r.at("constants")}, {"adjusted", adjusted}, {"profile", profile}};
}

/// Per level, the slope of log(relative distance to the oracle ridge) on log n over the runs.
Estimate distance_slope(const std::vector<const json*>& runs, std::size_t level, const char* which) {
  std::vector<double> x, y;
  for (const json* r : runs) {
    const json& d = r->at(which).at(level).at("relative_distance");
    if (d.is_null() || !(d.get<double>() > 0)) continue;
    x.push_back(std::log(r->at("n").get<double>()));
    y.push_back(std::log(d.get<double>()));
  }
  return stats::slope_interval(x, y);
}

}  // namespace
}  // namespace v24_impl

nlohmann::json v24_document(const V24Plan& plan, const std::vector<nlohmann::json>& results) {
  using namespace v24_impl;
  const std::vector<V24Job> jobs = v24_jobs(plan);
  if (jobs.size() != results.size())
    throw std::invalid_argument("V24: " + std::to_string(results.size()) + " results for " +
                                std::to_string(jobs.size()) + " jobs");
  std::map<std::string, Column> columns;
  std::map<std::string, std::vector<const json*>> mixture;  // family -> runs
  json diverged = json::array();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const json& r = results[i];
    if (r.value("job", "") != jobs[i].key())
      throw std::invalid_argument("V24: result " + std::to_string(i) + " is not job " + jobs[i].key());
    const auto note_divergences = [&](const json& attempts) {
      for (const json& a : attempts)
        if (a.contains("diverged_at_step")) diverged.push_back({{"job", jobs[i].key()}, {"attempt", a}});
    };
    switch (jobs[i].kind) {
      case V24Job::Kind::Model:
        columns[jobs[i].column].models[{v24_family_name(jobs[i].family), jobs[i].layers}] = &r;
        for (const json& s : r.at("seeds")) note_divergences(s.at("abandoned_attempts"));
        break;
      case V24Job::Kind::Baselines:
        columns[jobs[i].column].baselines = &r;
        break;
      case V24Job::Kind::Mixture:
        mixture[v24_family_name(jobs[i].family)].push_back(&r);
        note_divergences(r.at("abandoned_attempts"));
        break;
    }
  }
  json models = json::array(), baselines = json::array(), claims = json::array();
  for (const auto& [name, col] : columns) {
    baselines.push_back(baselines_summary(*col.baselines));
    for (const auto& [key, r] : col.models) models.push_back(model_summary(*r, col));
  }
  for (const V24Comparison& c : plan.comparisons) claims.push_back(comparison_claim(columns, c));
  for (const auto& [name, col] : columns)
    for (const auto& [key, r] : col.models) {
      const std::string suffix = "." + key.first + ".L" + std::to_string(key.second);
      if (name == plan.readout_column)
        claims.push_back(stats::decide_claim(
            "fig5.readout_improves" + suffix,
            {"each layer's readout improves on the previous layer's (V24 Fig. 5, noise U(0, 5))",
             "the largest over the layers of the mean change of the squared error of the readout -y_{n+1}^K from layer "
             "K-1 to K",
             Side::Below, 0},
            from_json(r->at("trained").at("worst_change")), "the same architecture at its initial parameters",
            from_json(r->at("initial").at("worst_change"))));
      if (name == plan.weights_column && key.first == "FULL")
        claims.push_back(stats::decide_claim(
            "fig4.full_diagonal_heavy.L" + std::to_string(key.second),
            {"trained FULL weights are very diagonal heavy (V24 Fig. 4, noise {1,3})",
             "the share of the squared Frobenius mass of every P and Q off their diagonals", Side::Below,
             kDiagonalHeavy},
            value_itself(r->at("trained").at("off_diagonal_share"), "the trained weights"),
            "the weights at their initial parameters",
            value_itself(r->at("initial").at("off_diagonal_share"), "the initial weights")));
    }
  json mixture_doc = json::array();
  for (auto& [family, runs] : mixture) {
    std::sort(runs.begin(), runs.end(), [](const json* a, const json* b) { return a->at("n") < b->at("n"); });
    for (const json* r : runs)
      mixture_doc.push_back({{"family", family},
                             {"n", r->at("n")},
                             {"final_loss", r->at("final_loss")},
                             {"omega", r->at("omega")},
                             {"trained", r->at("trained")},
                             {"construction", r->at("construction")},
                             {"solution", r->at("solution")}});
  }
  if (mixture.count("DIAG") && mixture.count("GD++")) {
    const double levels[2] = {plan.mixture.sigma1, plan.mixture.sigma2};
    for (std::size_t j = 0; j < 2; ++j) {
      std::ostringstream sigma;
      sigma << levels[j];
      claims.push_back(stats::decide_claim(
          "t5_2.diag_approaches_ridge.sigma" + sigma.str(),
          {"two DIAG layers can solve a two-level noise mixture as n grows (V24 Theorem 5.2; V24 trains no such model: "
           "ltv's test that trained models find such a solution)",
           "the least-squares slope of log(sum (y_hat - y_hat_ridge)^2 / sum y_hat_ridge^2) at sigma = " + sigma.str() +
               " on log n, trained two-layer DIAG",
           Side::Below, 0},
          distance_slope(mixture.at("DIAG"), j, "trained"), "two-layer GD++ (no noise estimate) in place of DIAG",
          distance_slope(mixture.at("GD++"), j, "trained")));
    }
  }
  json construction_slopes = json::array();
  if (mixture.count("DIAG"))
    for (std::size_t j = 0; j < 2; ++j)
      construction_slopes.push_back(stats::to_json(distance_slope(mixture.at("DIAG"), j, "construction")));
  return {{"plan", to_json(plan)},
          {"loss_scale", "E(y_hat - <w, x_q>)^2 (V24's tables halve it)"},
          {"models", models},
          {"baselines", baselines},
          {"mixture", mixture_doc},
          {"construction_slopes", construction_slopes},
          {"diverged_runs", diverged},
          {"claims", claims}};
}

}  // namespace ltv
