// experiments/: the V24 mechanism experiment end to end on the ci preset (every claim decided with
// its control, what each model's summary must satisfy whatever the training did), the plan's checks,
// and Theorem 5.2's construction approaching the oracle ridge as n grows.
#include "ltv/experiments/v24.hpp"
#include "ltv/experiments/v24_run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

namespace {

using nlohmann::json;

std::vector<json> run_all(const ltv::V24Plan& plan) {
  std::vector<json> results;
  for (const ltv::V24Job& job : ltv::v24_jobs(plan)) results.push_back(ltv::run_v24_job(plan, job));
  return results;
}

const json& ci_document() {
  static const json doc = [] {
    const ltv::V24Plan plan = ltv::v24_preset("ci");
    return ltv::v24_document(plan, run_all(plan));
  }();
  return doc;
}

}  // namespace

TEST_CASE("every V24 claim is decided with its negative control through the same rule") {
  const json& doc = ci_document();
  std::set<std::string> ids;
  for (const json& c : doc.at("claims")) {
    INFO(c.dump());
    ids.insert(c.at("id").get<std::string>());
    CHECK(c.contains("control"));
    CHECK(c.at("control").at("estimate").at("samples").get<int>() >= 1);
    CHECK(c.at("estimate").at("samples").get<int>() >= 1);
    if (c.at("control").at("verdict") == "REPRODUCED") CHECK(c.at("verdict") == "INCONCLUSIVE");
  }
  for (const char* id : {"table1.diag_matches_full", "table1.gdpp_matches_constrr", "fig3.full_lower_in_distribution",
                         "fig3.diag_extrapolates", "fig5.readout_improves.DIAG.L2", "fig5.readout_improves.FULL.L2",
                         "fig5.readout_improves.GD++.L2", "fig4.full_diagonal_heavy.L2", "t5_2.diag_approaches_ridge.sigma1",
                         "t5_2.diag_approaches_ridge.sigma3"})
    CHECK(ids.count(id) == 1);
  CHECK(doc.at("diverged_runs").empty());
}

TEST_CASE("a V24 model's summary: readouts from layer 0 (predicting 0), profiles on the grid, diagonal families") {
  const json& doc = ci_document();
  const ltv::V24Plan plan = ltv::v24_preset("ci");
  REQUIRE(doc.at("models").size() == 5);
  for (const json& m : doc.at("models")) {
    INFO(m.at("family") << " on " << m.at("column"));
    const auto trained = m.at("adjusted_per_layer").get<std::vector<double>>();
    const auto initial = m.at("initial_adjusted_per_layer").get<std::vector<double>>();
    REQUIRE(trained.size() == 3);  // K = 0, 1, 2
    CHECK(trained.front() == initial.front());  // before any layer both predict 0
    CHECK(trained.back() == m.at("adjusted").get<double>());
    CHECK(m.at("profile").size() == plan.profile_sigmas(m.at("column")).size());
    const double share = m.at("off_diagonal_share"), initial_share = m.at("initial_off_diagonal_share");
    if (m.at("family") == "FULL") {
      // Gaussian initial entries: E share = 1 - 1/(d+1) = 10/11
      CHECK(initial_share == Approx(10.0 / 11).margin(0.05));
    } else {
      CHECK(share == 0);  // DIAG and GD++ are diagonal by construction
      CHECK(initial_share == 0);
      CHECK(m.at("omega").size() == 2);
    }
  }
  CHECK(plan.profile_sigmas("{1,3}") == std::vector<double>{0, 1, 2, 3, 4, 5, 6});  // V24 Fig. 3's range
  CHECK(plan.profile_sigmas("2") == std::vector<double>{0, 1, 2, 3});              // sigma_max + 1
}

TEST_CASE("Theorem 5.2's construction approaches the oracle ridge as n grows (the mixture study's reference)") {
  const json& doc = ci_document();
  REQUIRE(doc.at("construction_slopes").size() == 2);
  for (const json& s : doc.at("construction_slopes")) CHECK(s.at("value").get<double>() < -0.3);
  for (const json& r : doc.at("mixture")) {
    const double n = r.at("n");
    CHECK(r.at("solution").at("n_yy").get<double>() == Approx(-1.0 / 11));  // -1/(1 + 1 + 9)
    CHECK(r.at("solution").at("yx").get<double>() == Approx(-11.0 / 20));    // -(1 + 1 + 9)/((1 + 1)(1 + 9))
    CHECK(r.at("solution").at("yy").get<double>() == Approx(-1.0 / (11 * n)));
  }
}

TEST_CASE("the V24 plan rejects what it cannot run") {
  ltv::V24Plan p = ltv::v24_preset("ci");
  p.comparisons.front().a = "FULL";
  p.comparisons.front().layers = 5;  // no model at L = 5
  CHECK_THROWS_WITH(p.validate(), Catch::Contains("which the plan does not train"));
  p = ltv::v24_preset("ci");
  p.comparisons.back().sigmas = {0.25};
  CHECK_THROWS_WITH(p.validate(), Catch::Contains("off the profile grid"));
  p = ltv::v24_preset("ci");
  p.models.front().column = "9x";
  CHECK_THROWS_AS(p.validate(), std::invalid_argument);
  CHECK_THROWS_AS(ltv::v24_preset("fast"), std::invalid_argument);
  CHECK_THROWS_AS(ltv::v24_document(ltv::v24_preset("ci"), {}), std::invalid_argument);
  CHECK_THROWS_AS(ltv::v24_column_noise("{1,x}"), std::invalid_argument);
  const ltv::V24Plan mixture_only = ltv::restrict_to(ltv::v24_preset("quick"), {ltv::V24Study::Mixture});
  CHECK(mixture_only.models.empty());
  CHECK(ltv::v24_jobs(mixture_only).size() == 2 * mixture_only.mixture.n_values.size());
}
