// V24 Table 1: plans, jobs and the merged table (table1.hpp).
#include "ltv/experiments/table1.hpp"

#include "ltv/core/task.hpp"
#include "ltv/expect/one_layer.hpp"
#include "ltv/experiments/table1_paper.hpp"
#include "ltv/experiments/v24_setting.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/train/evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace {

using json = nlohmann::json;

constexpr int kD = kV24Dimension;
constexpr int kN = kV24ContextLength;
constexpr const char* kFamilies[] = {"GD++", "DIAG", "FULL"};
constexpr const char* kBaselines[] = {"ConstRR", "AdaRR", "TunedRR"};

int column_index(const std::string& label) {
  for (std::size_t c = 0; c < kTable1Columns.size(); ++c)
    if (kTable1Columns[c] == label) return static_cast<int>(c);
  return -1;
}

/// E σ² and E σ⁴ of a column's noise law, exactly.
std::pair<Rational, Rational> noise_moments(const NoiseSpec& noise) {
  if (noise.mode == NoiseMode::Uniform) {  // σ ~ U[0, s): E σ² = s²/3, E σ⁴ = s⁴/5
    const Rational s = convert<Rational>(noise.sigma);
    return {s * s / 3, s * s * s * s / 5};
  }
  Rational m2 = 0, m4 = 0;
  for (const double l : noise.levels) {
    const Rational r = convert<Rational>(l);
    m2 += r * r;
    m4 += r * r * r * r;
  }
  const auto k = static_cast<long>(noise.levels.size());
  return {m2 / k, m4 / k};
}

std::uint64_t job_seed(const Table1Plan& plan, const std::string& key) {
  return derive_seed(plan.seed, stable_hash(key));
}

/// Every evaluation of a column (baselines and trained models alike) uses the same sequences, so
/// that their adjusted losses are paired with the same oracle ridge draws.
EvaluationOptions column_evaluation(const Table1Plan& plan, const std::string& column) {
  EvaluationOptions o;
  o.eval_size = plan.eval_sequences;
  o.tuning_size = plan.tuning_sequences;
  o.seed = job_seed(plan, "evaluation/" + column);
  o.gd_steps = 0;
  o.threads = 1;
  return o;
}

/// The adjusted loss per noise bin: the row's loss minus the oracle ridge's, bin by bin.
json noise_profile(const Evaluation& e, const PredictorScore& row) {
  const auto oracle = std::find_if(e.rows.begin(), e.rows.end(),
                                   [](const PredictorScore& r) { return r.name == "oracle ridge"; });
  json bins = json::array();
  for (std::size_t k = 0; k < e.bins.size(); ++k)
    bins.push_back({{"bin", e.bins[k]},
                    {"sequences", e.bin_counts[k]},
                    {"adjusted", row.per_bin[k] - oracle->per_bin[k]}});
  return bins;
}

const PredictorScore& row_named(const Evaluation& e, const std::string& name) {
  for (const PredictorScore& r : e.rows)
    if (r.name == name) return r;
  throw std::logic_error("table1: the evaluation has no row " + name);
}

json cell(const std::string& model, int layers, const std::string& column, double ours, double se,
          const std::string& method, json details) {
  return {{"model", model}, {"layers", layers},         {"column", column},          {"ours", ours},
          {"standard_error", se}, {"method", method}, {"details", std::move(details)}};
}

// ---- one layer: exact ---------------------------------------------------------------------------

/// The oracle ridge's loss: the mean over contexts of its exact conditional risk given (X, σ),
/// σ² tr(Σ_x (XᵀX + σ²I)⁻¹) with Σ_x = I (w ~ N(0, I), x_q ~ N(0, I)), and its standard error.
std::pair<double, double> oracle_ridge_risk(const TaskDistribution& task, int sequences, std::uint64_t seed) {
  const Sampler sampler(task);
  double sum = 0, sum2 = 0;
  for (int i = 0; i < sequences; ++i) {
    const Sequence s = sampler.sample_at(seed, static_cast<std::uint64_t>(i));
    double risk = 0;
    if (s.sigma > 0) {
      Eigen::MatrixXd G = s.X.transpose() * s.X;
      G.diagonal().array() += s.sigma * s.sigma;
      const Eigen::LLT<Eigen::MatrixXd> llt(G);
      risk = s.sigma * s.sigma * llt.solve(Eigen::MatrixXd::Identity(task.d, task.d)).trace();
    }  // σ = 0 and n >= d: the ridge is OLS, which recovers w exactly
    sum += risk;
    sum2 += risk * risk;
  }
  const double m = sequences, mean = sum / m;
  return {mean, std::sqrt(std::max(0.0, sum2 / m - mean * mean) / (m - 1))};
}

json one_layer_job(const Table1Plan& plan, const Table1Job& job) {
  const TaskDistribution task = v24_column_task(job.column);
  const auto [m2, m4] = noise_moments(task.noise);
  const Mat<Rational> I = Mat<Rational>::Identity(kD, kD);
  const auto [P, Q] = a23_one_layer_optimum<Rational>(I, Rational(kD) + m2, kN);
  OneLayerProblem<Rational> problem{I, Rational(0), kN, Norm::Mean};
  Rational at[3];  // the loss is a polynomial of degree <= 2 in σ²: three values fix it
  for (int s = 0; s < 3; ++s) {
    problem.noise_var = Rational(s);
    at[s] = one_layer_loss(P, Q, problem);
  }
  const Rational c2 = (at[2] - 2 * at[1] + at[0]) / 2, c1 = at[1] - at[0] - c2;
  const Rational exact = at[0] + c1 * m2 + c2 * m4;
  const auto [ridge, ridge_se] = oracle_ridge_risk(task, plan.eval_sequences, job_seed(plan, job.key()));
  const double ours = convert<double>(exact) - ridge;
  const json details = {{"exact_optimum_loss", to_decimal(exact)},
                        {"exact_optimum_loss_double", convert<double>(exact)},
                        {"sigma4_coefficient", to_decimal(c2)},
                        {"noise_moments", {{"E sigma^2", to_decimal(m2)}, {"E sigma^4", to_decimal(m4)}}},
                        {"oracle_ridge_loss", ridge},
                        {"oracle_ridge_standard_error", ridge_se},
                        {"sequences", plan.eval_sequences}};
  const std::string method =
      "exact: A23 Theorem 1 optimum at sigma^2 = E sigma^2 (shared by the three families), minus the "
      "oracle ridge's Monte Carlo risk";
  json cells = json::array();
  for (const std::string& family : plan.families)
    cells.push_back(cell(family, 1, job.column, ours, ridge_se, method, details));
  return cells;
}

// ---- baselines: Monte Carlo ---------------------------------------------------------------------

json baselines_job(const Table1Plan& plan, const Table1Job& job) {
  const Evaluation e = evaluate(v24_column_task(job.column), std::nullopt, column_evaluation(plan, job.column));
  json cells = json::array();
  for (const char* name : kBaselines) {
    const PredictorScore& r = row_named(e, name);
    cells.push_back(cell(name, 0, job.column, r.adjusted, r.adjusted_error,
                         "Monte Carlo, paired with the oracle ridge on the same sequences",
                         {{"constants", r.constants},
                          {"loss", r.loss},
                          {"sequences", plan.eval_sequences},
                          {"tuning_sequences", plan.tuning_sequences},
                          {"noise_profile", noise_profile(e, r)}}));
  }
  return cells;
}

// ---- deeper models: trained ---------------------------------------------------------------------

json trained_job(const Table1Plan& plan, const Table1Job& job, const std::function<void(const std::string&)>& log) {
  std::vector<TrainedV24Model> runs;
  json seeds = json::array();
  for (int s = 0; s < plan.budget.seeds; ++s) {
    runs.push_back(train_v24_model(plan.budget, v24_column_task(job.column), *parse_family_label(job.family),
                                   job.layers, Norm::Mean, job_seed(plan, job.key() + "/seed" + std::to_string(s)),
                                   "table1: " + job.key()));
    seeds.push_back({{"seed", s},
                     {"lr", runs.back().lr},
                     {"final_eval_loss", runs.back().final_loss},
                     {"abandoned_attempts", runs.back().abandoned}});
    if (log) log(job.key() + ": seed " + std::to_string(s) + " done");
  }
  const auto best = std::min_element(runs.begin(), runs.end(), [](const TrainedV24Model& a, const TrainedV24Model& b) {
    return a.final_loss < b.final_loss;
  });
  const Model<double> model = to_model(best->state.config.arch, best->state.theta);
  const Evaluation e = evaluate(v24_column_task(job.column), model, column_evaluation(plan, job.column));
  const PredictorScore& r = row_named(e, "model");
  json history = json::array();
  for (const HistoryPoint& h : best->state.history)
    history.push_back({{"step", h.step}, {"train_loss", h.train_loss}, {"eval_loss", h.eval_loss}});
  json details = {{"lr", best->lr},
                  {"lr_retries", best->retries},
                  {"steps", plan.budget.steps},
                  {"batch", plan.budget.batch},
                  {"seeds", seeds},
                  {"best_seed", best - runs.begin()},
                  {"loss", r.loss},
                  {"sequences", plan.eval_sequences},
                  {"history", history},
                  {"noise_profile", noise_profile(e, r)}};
  return json::array({cell(job.family, job.layers, job.column, r.adjusted, r.adjusted_error,
                           "trained (Adam), best of the seeds, Monte Carlo paired with the oracle ridge",
                           std::move(details))});
}

// ---- output -------------------------------------------------------------------------------------

int row_order(const json& c) {
  const std::string model = c.at("model");
  const int layers = c.at("layers");
  if (layers == 0)
    return 1000 + static_cast<int>(std::find(std::begin(kBaselines), std::end(kBaselines), model) -
                                   std::begin(kBaselines));
  return layers * 10 +
         static_cast<int>(std::find(std::begin(kFamilies), std::end(kFamilies), model) - std::begin(kFamilies));
}

/// (ours − paper) in standard errors of the difference: the paper's value is itself a Monte Carlo
/// estimate on as many sequences (assumed to have our standard error) and is printed rounded — to
/// three decimals (0 included), or to three significant digits below 0.001 (9.91e-05) — a rounding
/// error uniform on ± half a unit of the last printed digit.
double paper_z(double ours, double se, double paper) {
  const double rounding =
      paper == 0 || paper >= 1e-3 ? 0.0005 : 0.5 * std::pow(10.0, std::floor(std::log10(paper)) - 2);
  const double sd = std::sqrt(2 * se * se + rounding * rounding / 3);
  return sd > 0 ? (ours - paper) / sd : std::nan("");
}

}  // namespace

void Table1Plan::validate() const {
  for (const auto* list : {&model_columns, &baseline_columns})
    for (const std::string& c : *list)
      if (column_index(c) < 0)
        throw std::invalid_argument("unknown Table 1 column '" + c + "' (expected 0..7, {1,3} or {1,3,5})");
  for (const int l : layers)
    if (l < 1 || l > 7) throw std::invalid_argument("Table 1 has L = 1..7, not " + std::to_string(l));
  if (families.empty()) throw std::invalid_argument("Table 1 needs at least one model family");
  for (const std::string& f : families)
    if (std::find(std::begin(kFamilies), std::end(kFamilies), f) == std::end(kFamilies))
      throw std::invalid_argument("unknown Table 1 family '" + f + "' (expected GD++, DIAG or FULL)");
  budget.validate();
  if (eval_sequences < 2 || tuning_sequences < 2)
    throw std::invalid_argument("evaluation and tuning need at least 2 sequences each");
}

Table1Plan table1_preset(const std::string& name) {
  Table1Plan p;
  p.preset = name;
  p.families = {"GD++", "DIAG", "FULL"};
  p.baseline_columns.assign(kTable1Columns.begin(), kTable1Columns.end());
  if (name == "quick") {
    p.model_columns = {"5", "{1,3}"};
    p.layers = {1, 2, 3, 4};
  } else if (name == "paper") {
    p.model_columns.assign(kTable1Columns.begin(), kTable1Columns.end());
    p.layers = {1, 2, 3, 4, 5, 6, 7};
    p.budget = {200000, 2048, 1e-4, false, 0, 0, 5};
  } else {
    throw std::invalid_argument("unknown preset '" + name + "' (expected quick or paper)");
  }
  return p;
}

json to_json(const Table1Plan& p) {
  return {{"preset", p.preset},
          {"model_columns", p.model_columns},
          {"baseline_columns", p.baseline_columns},
          {"layers", p.layers},
          {"families", p.families},
          {"budget", to_json(p.budget)},
          {"eval_sequences", p.eval_sequences},
          {"tuning_sequences", p.tuning_sequences},
          {"seed", p.seed}};
}

std::string Table1Job::key() const {
  switch (kind) {
    case Kind::OneLayer:
      return "one-layer/" + column;
    case Kind::Baselines:
      return "baselines/" + column;
    case Kind::Trained:
      return "trained/" + family + "/L" + std::to_string(layers) + "/" + column;
  }
  return {};
}

std::vector<Table1Job> table1_jobs(const Table1Plan& plan) {
  plan.validate();
  std::vector<Table1Job> jobs;
  const bool one_layer = std::find(plan.layers.begin(), plan.layers.end(), 1) != plan.layers.end();
  std::vector<std::string> exact_columns{"0"};
  if (one_layer)
    for (const std::string& c : plan.model_columns)
      if (c != "0") exact_columns.push_back(c);
  for (const std::string& c : exact_columns) jobs.push_back({Table1Job::Kind::OneLayer, "", 1, c});
  for (const std::string& c : plan.baseline_columns) jobs.push_back({Table1Job::Kind::Baselines, "", 0, c});
  for (const int l : plan.layers)
    if (l >= 2)
      for (const std::string& f : plan.families)
        for (const std::string& c : plan.model_columns) jobs.push_back({Table1Job::Kind::Trained, f, l, c});
  // Most expensive first: trained by depth, then the baselines (tuning), then the exact cells.
  const auto cost = [](const Table1Job& j) {
    return j.kind == Table1Job::Kind::Trained ? 10.0 * j.layers : j.kind == Table1Job::Kind::Baselines ? 2.0 : 1.0;
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](const Table1Job& a, const Table1Job& b) { return cost(a) > cost(b); });
  return jobs;
}

json run_table1_job(const Table1Plan& plan, const Table1Job& job, const std::function<void(const std::string&)>& log) {
  const auto start = std::chrono::steady_clock::now();
  json cells;
  switch (job.kind) {
    case Table1Job::Kind::OneLayer:
      cells = one_layer_job(plan, job);
      break;
    case Table1Job::Kind::Baselines:
      cells = baselines_job(plan, job);
      break;
    case Table1Job::Kind::Trained:
      cells = trained_job(plan, job, log);
      break;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {{"key", job.key()}, {"cells", cells}, {"seconds", seconds}};
}

json table1_document(const Table1Plan& plan, const std::vector<json>& job_results) {
  std::vector<json> cells;
  double seconds = 0;
  for (const json& r : job_results) {
    seconds += r.at("seconds").get<double>();
    for (const json& c : r.at("cells")) cells.push_back(c);
  }
  std::sort(cells.begin(), cells.end(), [](const json& a, const json& b) {
    const int ra = row_order(a), rb = row_order(b);
    if (ra != rb) return ra < rb;
    return column_index(a.at("column")) < column_index(b.at("column"));
  });
  // The scale: the paper's σ_max = 0 one-layer value against the exact one (no Monte Carlo there:
  // the oracle ridge is OLS and recovers w exactly when n >= d).
  const auto anchor = std::find_if(cells.begin(), cells.end(), [](const json& c) {
    return c.at("layers") == 1 && c.at("column") == "0";
  });
  if (anchor == cells.end()) throw std::logic_error("table1_document: the scale anchor cell is missing");
  const double paper_anchor = *table1_paper_value(anchor->at("model").get<std::string>(), 1, "0");
  const double anchor_ours = anchor->at("ours").get<double>();
  const double ratio = paper_anchor / anchor_ours;
  const double factor = std::abs(ratio - 0.5) < std::abs(ratio - 1.0) ? 0.5 : 1.0;
  json out_cells = json::array();
  for (json& c : cells) {
    const double ours = factor * c.at("ours").get<double>();
    const double se = factor * c.at("standard_error").get<double>();
    const auto paper = table1_paper_value(c.at("model").get<std::string>(), c.at("layers"), c.at("column").get<std::string>());
    json p = paper ? json(*paper) : json(nullptr);
    json r = (paper && *paper != 0) ? json(ours / *paper) : json(nullptr);
    c["value"] = ours;
    c["value_standard_error"] = se;
    c["paper"] = p;
    c["ratio"] = r;
    // z compares like with like: a Monte Carlo baseline with the paper's Monte Carlo baseline. (An exact
    // cell's error is only the ridge's; a trained cell is a different model from the paper's.)
    c["z"] = paper && c.at("layers") == 0 ? json(paper_z(ours, se, *paper)) : json(nullptr);
    out_cells.push_back(std::move(c));
  }
  std::ostringstream why;
  why.precision(4);
  why << "paper's L = 1, sigma_max = 0 value " << paper_anchor << " / exact E(y_hat - y_q)^2 at the optimum "
      << anchor_ours << " = " << ratio;
  return {{"schema", "ltv-table1/1"},
          {"plan", to_json(plan)},
          {"loss_scale",
           {{"factor", factor},
            {"scale", factor == 0.5 ? "(1/2) E(y_hat - <w, x_q>)^2" : "E(y_hat - <w, x_q>)^2"},
            {"established_by", why.str()}}},
          {"columns", json(kTable1Columns)},
          {"cells", out_cells},
          {"compute_seconds", seconds}};
}

}  // namespace ltv
