// The V24 mechanism experiment's plan (v24_plan.hpp).
#include "ltv/experiments/v24_plan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ltv {
namespace {

using CompareKind = V24Comparison::Kind;

bool trained(const V24Plan& p, const std::string& column, int layers, const std::string& name) {
  for (const V24Models& m : p.models)
    if (m.column == column && m.layers == layers)
      for (const Family f : m.families)
        if (v24_family_name(f) == name || "initial " + v24_family_name(f) == name) return true;
  return false;
}

bool is_baseline(const std::string& name) { return name == "ConstRR" || name == "AdaRR" || name == "TunedRR"; }

V24Comparison compare(std::string id, std::string claim, std::string column, int layers, CompareKind kind, std::string a,
                      std::string b, std::string control, std::vector<double> sigmas = {}) {
  return {std::move(id), std::move(claim), std::move(column), layers, kind, std::move(a), std::move(b),
          std::move(control), 0.2, std::move(sigmas)};
}

/// The comparisons of the quick preset, at depths `uniform_layers` (column 5) and
/// `categorical_layers` ({1,3}).
std::vector<V24Comparison> core_comparisons(const std::string& uniform, int uniform_layers,
                                            const std::string& categorical, int categorical_layers) {
  return {
      compare("table1.diag_matches_full", "DIAG matches FULL (V24 Table 1 and Fig. 1, uniform noise)", uniform,
              uniform_layers, CompareKind::Matches, "DIAG", "FULL", "GD++"),
      compare("table1.gdpp_matches_constrr", "GD++ performs like ConstRR (V24 Table 1, Figs. 1-2)", uniform,
              uniform_layers, CompareKind::Matches, "GD++", "ConstRR", "DIAG"),
      compare("fig3.full_lower_in_distribution", "on {1,3}, FULL has the lower in-distribution error (V24 Fig. 3)",
              categorical, categorical_layers, CompareKind::Lower, "FULL", "DIAG", "initial FULL"),
      compare("fig3.diag_extrapolates", "on {1,3}, DIAG extrapolates better to noise levels not seen in training (V24 Fig. 3)",
              categorical, categorical_layers, CompareKind::Lower, "DIAG", "FULL", "initial DIAG", {4, 5, 6}),
  };
}

}  // namespace

std::string v24_family_name(Family f) { return f == Family::Gdpp ? "GD++" : std::string(family_label(f)); }

void V24Plan::validate() const {
  budget.validate();
  if (eval_sequences < 2 || tuning_sequences < 2 || profile_sequences < 2)
    throw std::invalid_argument("V24: evaluation, tuning and profiles need at least 2 sequences each");
  if (!(profile_step > 0)) throw std::invalid_argument("V24: the profile step must be positive");
  for (const V24Models& m : models) {
    v24_column_noise(m.column);
    if (m.layers < 1 || m.layers > 64) throw std::invalid_argument("V24: layers must be 1..64");
    for (const Family f : m.families)
      if (f != Family::Full && f != Family::Diag && f != Family::Gdpp)
        throw std::invalid_argument("V24: models are GD++, DIAG or FULL");
  }
  for (const V24Comparison& c : comparisons) {
    for (const std::string* name : {&c.a, &c.b, &c.control_a})
      if (!is_baseline(*name) && !trained(*this, c.column, c.layers, *name))
        throw std::invalid_argument("V24: comparison " + c.id + " needs " + *name + " at L = " +
                                    std::to_string(c.layers) + " on column " + c.column + ", which the plan does not train");
    const std::vector<double> grid = profile_sigmas(c.column);
    for (const double s : c.sigmas)
      if (std::none_of(grid.begin(), grid.end(), [s](double g) { return std::abs(g - s) < 1e-12; }))
        throw std::invalid_argument("V24: comparison " + c.id + " uses a noise level off the profile grid");
  }
  if (!mixture.n_values.empty()) {
    mixture.budget.validate();
    if (mixture.d < 1 || mixture.eval_sequences < 2 || !(mixture.sigma1 >= 0) || !(mixture.sigma2 > mixture.sigma1))
      throw std::invalid_argument("V24 mixture: needs d >= 1, 0 <= sigma1 < sigma2, 2 evaluation sequences");
    for (const int n : mixture.n_values)
      if (n < 2 || n > 1000000) throw std::invalid_argument("V24 mixture: n must be 2..10^6");
  }
}

std::vector<double> V24Plan::profile_sigmas(const std::string& column) const {
  const NoiseSpec noise = v24_column_noise(column);
  const double top = noise.mode == NoiseMode::Uniform
                         ? noise.sigma + 1
                         : std::max(6.0, *std::max_element(noise.levels.begin(), noise.levels.end()) + 1);
  std::vector<double> grid;
  for (int k = 0; k * profile_step <= top + 1e-12; ++k) grid.push_back(k * profile_step);
  return grid;
}

V24Plan v24_preset(const std::string& name) {
  V24Plan p;
  p.preset = name;
  const std::vector<Family> three{Family::Gdpp, Family::Diag, Family::Full}, two{Family::Diag, Family::Full};
  if (name == "quick") {
    p.budget = {6000, 1024, 3e-3, true, 200, 1, 1};
    p.models = {{"5", 3, three}, {"{1,3}", 4, two}};
    p.comparisons = core_comparisons("5", 3, "{1,3}", 4);
    p.mixture.n_values = {20, 40, 80, 160, 320};
    p.mixture.budget = {2000, 512, 3e-3, true, 100, 1, 1};
  } else if (name == "ci") {
    p.budget = {40, 64, 3e-3, true, 4, 1, 1};
    p.models = {{"2", 2, three}, {"{1,3}", 2, two}};
    p.comparisons = core_comparisons("2", 2, "{1,3}", 2);
    p.readout_column = "2";
    p.eval_sequences = 400;
    p.tuning_sequences = 200;
    p.profile_sequences = 50;
    p.profile_step = 1;
    p.mixture.n_values = {10, 20, 40};
    p.mixture.budget = {40, 64, 3e-3, true, 4, 1, 1};
    p.mixture.eval_sequences = 400;
  } else if (name == "paper") {
    p.budget = {200000, 2048, 1e-4, false, 0, 0, 5};
    p.models = {{"5", 3, three}, {"5", 5, three}, {"5", 7, three}, {"{1,3}", 4, two}, {"{1,3}", 5, two},
                {"{1,3}", 7, two}, {"7", 5, two}};
    p.comparisons = core_comparisons("5", 7, "{1,3}", 4);
    p.comparisons.push_back(compare("table1.deep_beats_tunedrr.{1,3}",
                                    "LTs with 5 or more layers match or beat TunedRR (V24 Sec. 6; its table: FULL, {1,3})",
                                    "{1,3}", 5, CompareKind::Lower, "FULL", "TunedRR", "initial FULL"));
    p.comparisons.push_back(compare("table1.deep_beats_tunedrr.7",
                                    "LTs with 5 or more layers match or beat TunedRR (V24 Sec. 6; its table: sigma_max = 7)",
                                    "7", 5, CompareKind::Lower, "FULL", "TunedRR", "initial FULL"));
    p.eval_sequences = 100000;
    p.tuning_sequences = 20000;
    p.profile_sequences = 10000;
    p.mixture.n_values = {20, 40, 80, 160, 320, 640, 1280};
    p.mixture.budget = {20000, 2048, 1e-3, true, 500, 1, 3};
    p.mixture.eval_sequences = 20000;
  } else {
    throw std::invalid_argument("unknown preset '" + name + "' (expected quick, ci or paper)");
  }
  p.validate();
  return p;
}

V24Plan restrict_to(V24Plan plan, const std::vector<V24Study>& studies) {
  const auto has = [&](V24Study s) { return std::find(studies.begin(), studies.end(), s) != studies.end(); };
  if (!has(V24Study::Mechanisms)) {
    plan.models.clear();
    plan.comparisons.clear();
  }
  if (!has(V24Study::Mixture)) plan.mixture.n_values.clear();
  return plan;
}

std::string_view study_label(V24Study s) { return s == V24Study::Mechanisms ? "mechanisms" : "mixture"; }

nlohmann::json to_json(const V24Plan& p) {
  nlohmann::json models = nlohmann::json::array(), comparisons = nlohmann::json::array();
  for (const V24Models& m : p.models) {
    nlohmann::json families = nlohmann::json::array();
    for (const Family f : m.families) families.push_back(v24_family_name(f));
    models.push_back({{"column", m.column}, {"layers", m.layers}, {"families", families}});
  }
  for (const V24Comparison& c : p.comparisons)
    comparisons.push_back({{"id", c.id},
                           {"column", c.column},
                           {"layers", c.layers},
                           {"kind", c.kind == CompareKind::Lower ? "lower" : "matches"},
                           {"a", c.a},
                           {"b", c.b},
                           {"control_a", c.control_a},
                           {"margin", c.margin},
                           {"sigmas", c.sigmas}});
  return {{"preset", p.preset},
          {"budget", to_json(p.budget)},
          {"models", models},
          {"comparisons", comparisons},
          {"mixture",
           {{"d", p.mixture.d},
            {"n_values", p.mixture.n_values},
            {"levels", {p.mixture.sigma1, p.mixture.sigma2}},
            {"budget", to_json(p.mixture.budget)},
            {"eval_sequences", p.mixture.eval_sequences}}},
          {"eval_sequences", p.eval_sequences},
          {"tuning_sequences", p.tuning_sequences},
          {"profile_sequences", p.profile_sequences},
          {"profile_step", p.profile_step},
          {"readout_column", p.readout_column},
          {"weights_column", p.weights_column},
          {"seed", p.seed}};
}

std::string V24Job::key() const {
  switch (kind) {
    case Kind::Model:
      return "model/" + column + "/" + v24_family_name(family) + "/L" + std::to_string(layers);
    case Kind::Baselines:
      return "baselines/" + column;
    case Kind::Mixture:
      return "mixture/" + v24_family_name(family) + "/n" + std::to_string(n);
  }
  return {};
}

std::vector<V24Job> v24_jobs(const V24Plan& plan) {
  plan.validate();
  std::vector<V24Job> jobs;
  std::vector<std::string> columns;
  for (const V24Models& m : plan.models) {
    for (const Family f : m.families) jobs.push_back({V24Job::Kind::Model, m.column, f, m.layers, 0});
    if (std::find(columns.begin(), columns.end(), m.column) == columns.end()) columns.push_back(m.column);
  }
  for (const std::string& c : columns) jobs.push_back({V24Job::Kind::Baselines, c, Family::Full, 0, 0});
  for (const int n : plan.mixture.n_values)
    for (const Family f : {Family::Diag, Family::Gdpp}) jobs.push_back({V24Job::Kind::Mixture, "", f, 2, n});
  const auto cost = [&plan](const V24Job& j) {
    switch (j.kind) {
      case V24Job::Kind::Model:
        return static_cast<double>(plan.budget.steps) * plan.budget.batch * plan.budget.seeds * j.layers *
               (j.family == Family::Full ? 1.3 : 1.0);
      case V24Job::Kind::Baselines:
        return 50.0 * plan.tuning_sequences;
      case V24Job::Kind::Mixture:
        return static_cast<double>(plan.mixture.budget.steps) * plan.mixture.budget.batch * plan.mixture.budget.seeds *
               2 * j.n / kV24ContextLength;
    }
    return 0.0;
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](const V24Job& a, const V24Job& b) { return cost(a) > cost(b); });
  return jobs;
}

}  // namespace ltv
