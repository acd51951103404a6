// A23's Theorems 3 and 4 trained, decided (a23.hpp).
#include "ltv/experiments/a23.hpp"

#include "ltv/stats/decision.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

namespace ltv {
namespace a23_impl {
namespace {

using nlohmann::json;
using stats::Estimate;
using stats::Rule;
using stats::Side;

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The range over rotations of a per-rotation value, as the interval a tolerance rule decides on.
Estimate range_over_rotations(const std::vector<double>& values, const std::string& what) {
  Estimate e;
  e.samples = static_cast<int>(values.size());
  e.method = "the range over " + std::to_string(values.size()) + " rotations of " + what;
  e.level = 1;
  if (values.empty()) {
    e.value = e.lower = e.upper = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  e.lower = *std::min_element(values.begin(), values.end());
  e.upper = e.value = *std::max_element(values.begin(), values.end());
  return e;
}

/// The worst relative error of trained scalars against the theory's, matched by sorting both
/// (`sorted`) or in layer order; `reverse` matches the theory's in the opposite order (the control).
double worst_relative_error(std::vector<double> trained, std::vector<double> theory, bool sorted, bool reverse) {
  if (trained.size() != theory.size() || trained.empty()) return kInf;
  if (sorted) {
    std::sort(trained.begin(), trained.end());
    std::sort(theory.begin(), theory.end());
  }
  if (reverse) std::reverse(theory.begin(), theory.end());
  double worst = 0;
  for (std::size_t i = 0; i < trained.size(); ++i)
    worst = std::max(worst, std::abs(trained[i] - theory[i]) / std::abs(theory[i]));
  return worst;
}

double worst_of(const json& values) {
  double worst = 0;
  for (const json& v : values) worst = std::max(worst, v.get<double>());
  return worst;
}

/// App. D for one depth: per rotation the test losses and the paired differences, and over the
/// rotations the mean of the per-rotation mean differences with its t interval. Reported, not
/// decided: A23 states no outcome for this comparison.
json versus_gd_summary(const A23Config& c, std::vector<const json*> runs, json& diverged) {
  std::sort(runs.begin(), runs.end(), [](const json* x, const json* y) { return x->at("rotation") < y->at("rotation"); });
  json per_rotation = json::array();
  std::vector<double> minus_gd, minus_pgd;
  for (const json* r : runs) {
    if (!r->at("diverged").is_null()) {
      diverged.push_back({{"config", c.name}, {"rotation", r->at("rotation")}, {"divergence", r->at("diverged")}});
      continue;
    }
    const json& v = r->at("versus_gd");
    minus_gd.push_back(v.at("transformer_minus_gd").at("value"));
    minus_pgd.push_back(v.at("transformer_minus_pgd").at("value"));
    per_rotation.push_back({{"rotation", r->at("rotation")}, {"final_loss", r->at("final_loss")}, {"comparison", v}});
  }
  return {{"config", c.name},
          {"layers", c.layers},
          {"n", c.n},
          {"rotations", per_rotation},
          {"transformer_minus_gd", stats::to_json(stats::mean_interval(minus_gd))},
          {"transformer_minus_pgd", stats::to_json(stats::mean_interval(minus_pgd))}};
}

}  // namespace
}  // namespace a23_impl

nlohmann::json a23_document(const A23Plan& plan, const std::vector<nlohmann::json>& results) {
  using namespace a23_impl;
  const std::vector<A23Job> jobs = a23_jobs(plan);
  if (jobs.size() != results.size())
    throw std::invalid_argument("A23: " + std::to_string(results.size()) + " results for " +
                                std::to_string(jobs.size()) + " jobs");
  std::map<std::string, const json*> theory;
  std::map<std::string, std::vector<const json*>> runs;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (results[i].value("job", "") != jobs[i].key())
      throw std::invalid_argument("A23: result " + std::to_string(i) + " is not job " + jobs[i].key());
    if (jobs[i].kind == A23Job::Kind::Theory)
      theory[jobs[i].config] = &results[i];
    else
      runs[jobs[i].config].push_back(&results[i]);
  }
  json configs = json::object(), claims = json::array(), diverged = json::array(), versus = json::array();
  for (const A23Config& c : plan.configs) {
    if (c.versus_gd) {
      versus.push_back(versus_gd_summary(c, runs[c.name], diverged));
      continue;
    }
    const json& t = *theory.at(c.name);
    const bool sparse = c.family == Family::Sparse;
    const auto a_star = t.at("a_star").get<std::vector<double>>(), b_star = t.at("b_star").get<std::vector<double>>();
    std::vector<double> dist, dist_wrong, a_error, a_control, b_error, b_control;
    json per_rotation = json::array();
    std::vector<const json*> ordered = runs[c.name];
    std::sort(ordered.begin(), ordered.end(),
              [](const json* x, const json* y) { return x->at("rotation") < y->at("rotation"); });
    for (const json* r : ordered) {
      const bool failed = !r->at("diverged").is_null();
      if (failed) diverged.push_back({{"config", c.name}, {"rotation", r->at("rotation")}, {"divergence", r->at("diverged")}});
      const auto a = r->at("a").get<std::vector<double>>(), b = r->at("b").get<std::vector<double>>();
      const double d = failed ? kInf : std::max(worst_of(r->at("dist").at("A")), worst_of(r->at("dist").at("B")));
      const double ea = failed ? kInf : worst_relative_error(a, a_star, sparse, false);
      dist.push_back(d);
      dist_wrong.push_back(failed ? kInf : worst_of(r->at("dist_wrong_family")));
      a_error.push_back(ea);
      a_control.push_back(failed ? kInf : worst_relative_error(a, a_star, sparse, true));
      json row = {{"rotation", r->at("rotation")}, {"a", a}, {"worst_dist", d}, {"worst_relative_a_error", ea},
                  {"final_loss", r->at("final_loss")}, {"curve", r->at("curve")}};
      if (!sparse) {
        const double eb = failed ? kInf : worst_relative_error(b, b_star, false, false);
        b_error.push_back(eb);
        b_control.push_back(failed ? kInf : worst_relative_error(b, b_star, false, true));
        row["b"] = b;
        row["worst_relative_b_error"] = eb;
      }
      per_rotation.push_back(row);
    }
    configs[c.name] = {{"family", family_label(c.family)},
                       {"layers", c.layers},
                       {"n", c.n},
                       {"a_star", a_star},
                       {"b_star", b_star},
                       {"exact_loss_theory", t.at("exact_loss")},
                       {"rotations", per_rotation}};
    const std::string theorem = sparse ? "A23 Theorem 3" : "A23 Theorem 4";
    const std::string on_family = sparse ? "Dist(Sigma^1/2 A_l Sigma^1/2, I)" : "Dist(Sigma^1/2 A_l Sigma^1/2, I) and Dist(B_l, I)";
    claims.push_back(stats::decide_claim(c.name + ".on_family",
                            {"training reaches the family S: every A_l a multiple of Sigma^-1" +
                                 std::string(sparse ? "" : ", every B_l of I") + " (" + theorem + ")",
                             "the worst final " + on_family + " over the layers", Side::Below, kA23DistTolerance},
                            range_over_rotations(dist, "the worst Dist"),
                            "the same matrices against the wrong family a_l Sigma",
                            range_over_rotations(dist_wrong, "the worst Dist(Sigma^-1/2 A_l Sigma^-1/2, I)")));
    claims.push_back(stats::decide_claim(c.name + ".a_matches",
                            {"the trained a_l are the exact best point a* of S (" + theorem + ")",
                             "the worst relative error of a_l from a*" +
                                 std::string(sparse ? " (sorted: the layers commute)" : " (in layer order)"),
                             Side::Below, c.tolerance},
                            range_over_rotations(a_error, "the worst relative a_l error"),
                            "a* matched in the reverse order", range_over_rotations(a_control, "the same, reversed")));
    if (!sparse)
      claims.push_back(stats::decide_claim(c.name + ".b_matches",
                              {"the trained b_l (l < L-1) are the exact best point b* of S (" + theorem + ")",
                               "the worst relative error of b_l from b* (in layer order)", Side::Below, c.tolerance},
                              range_over_rotations(b_error, "the worst relative b_l error"),
                              "b* matched in the reverse order", range_over_rotations(b_control, "the same, reversed")));
  }
  return {{"plan", to_json(plan)},
          {"configs", configs},
          {"versus_gd", versus},
          {"diverged_runs", diverged},
          {"claims", claims}};
}

}  // namespace ltv
