// experiments/: V24 Table 1 — the exact one-layer cells against their closed form, the jobs of a
// plan, and the merged document (scale, ratios, determinism) on tiny budgets.
#include "ltv/experiments/table1.hpp"
#include "ltv/experiments/table1_paper.hpp"
#include "ltv/report/table1.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace {

using json = nlohmann::json;

ltv::Table1Plan tiny_plan() {
  ltv::Table1Plan p = ltv::table1_preset("quick");
  p.model_columns = {"5", "{1,3}"};
  p.baseline_columns = {"0", "5"};
  p.layers = {1, 2};
  p.families = {"DIAG"};
  p.budget.steps = 4;
  p.budget.batch = 16;
  p.eval_sequences = 300;
  p.tuning_sequences = 100;
  return p;
}

std::vector<json> run_all(const ltv::Table1Plan& plan) {
  std::vector<json> out;
  for (const auto& job : ltv::table1_jobs(plan)) out.push_back(ltv::run_table1_job(plan, job));
  return out;
}

const json& find_cell(const json& doc, const std::string& model, int layers, const std::string& column) {
  for (const json& c : doc.at("cells"))
    if (c.at("model") == model && c.at("layers") == layers && c.at("column") == column) return c;
  FAIL("no cell " << model << " L" << layers << " " << column);
  throw;
}

}  // namespace

TEST_CASE("the exact one-layer cell is d(d+1+Eσ²)/(n+d+1+Eσ²), and its σ⁴ coefficient is exactly 0") {
  ltv::Table1Plan plan = tiny_plan();
  plan.families = {"GD++", "DIAG", "FULL"};
  const double d = 10, n = 20;
  for (const auto& [column, m2] : std::vector<std::pair<std::string, double>>{
           {"0", 0}, {"1", 1.0 / 3}, {"5", 25.0 / 3}, {"7", 49.0 / 3}, {"{1,3}", 5}, {"{1,3,5}", 35.0 / 3}}) {
    INFO("column " << column);
    const json r = ltv::run_table1_job(plan, {ltv::Table1Job::Kind::OneLayer, "", 1, column});
    REQUIRE(r.at("cells").size() == 3);  // one value shared by the three families
    const json& details = r.at("cells")[0].at("details");
    CHECK(details.at("sigma4_coefficient") == "0");
    const double closed_form = d * (d + 1 + m2) / (n + d + 1 + m2);
    CHECK(details.at("exact_optimum_loss_double").get<double>() == Approx(closed_form).epsilon(1e-15));
    if (column == "0") {
      CHECK(details.at("exact_optimum_loss") == "110/31");
      CHECK(r.at("cells")[0].at("standard_error").get<double>() == 0);  // no noise: the ridge is exact
    }
  }
}

TEST_CASE("a plan's jobs: unique keys, the scale anchor always, the most expensive first") {
  const auto jobs = ltv::table1_jobs(tiny_plan());
  std::set<std::string> keys;
  for (const auto& j : jobs) keys.insert(j.key());
  CHECK(keys.size() == jobs.size());
  CHECK(keys.count("one-layer/0") == 1);  // not a model column of the plan, but it fixes the scale
  CHECK(keys.count("trained/DIAG/L2/5") == 1);
  CHECK(keys.count("baselines/0") == 1);
  CHECK(jobs.front().kind == ltv::Table1Job::Kind::Trained);
  const auto quick = ltv::table1_jobs(ltv::table1_preset("quick"));
  CHECK(quick.size() == 3 + 10 + 3 * 3 * 2);  // exact columns 0, 5, {1,3}; baselines; L = 2..4 trained
}

TEST_CASE("bad plans are rejected with the reason") {
  ltv::Table1Plan p = tiny_plan();
  p.model_columns = {"8"};
  CHECK_THROWS_WITH(p.validate(), Catch::Contains("unknown Table 1 column '8'"));
  p = tiny_plan();
  p.layers = {8};
  CHECK_THROWS_WITH(p.validate(), Catch::Contains("L = 1..7"));
  p = tiny_plan();
  p.families = {"SPARSE"};
  CHECK_THROWS_WITH(p.validate(), Catch::Contains("unknown Table 1 family"));
  CHECK_THROWS_WITH(ltv::table1_preset("fast"), Catch::Contains("unknown preset"));
}

TEST_CASE("the merged table: the ½ scale from the anchor, the paper's values and ratios, any job order") {
  const ltv::Table1Plan plan = tiny_plan();
  std::vector<json> results = run_all(plan);
  const json doc = ltv::table1_document(plan, results);
  CHECK(doc.at("loss_scale").at("factor") == 0.5);
  const json& anchor = find_cell(doc, "DIAG", 1, "0");
  CHECK(anchor.at("value").get<double>() == Approx(0.5 * 110.0 / 31).epsilon(1e-15));
  CHECK(anchor.at("paper") == 1.767);
  const json& trained = find_cell(doc, "DIAG", 2, "5");
  CHECK(trained.at("details").at("history").size() >= 1);
  CHECK(trained.at("details").at("noise_profile").size() == 8);  // σ ~ U(0, 5): eight bins
  CHECK(trained.at("ratio").get<double>() ==
        Approx(trained.at("value").get<double>() / *ltv::table1_paper_value("DIAG", 2, "5")));
  CHECK(find_cell(doc, "AdaRR", 0, "0").at("ratio").is_null());  // the paper's 0: no ratio
  const json& tuned = find_cell(doc, "TunedRR", 0, "5");
  CHECK(tuned.at("paper") == 0.049);
  const double sd = std::sqrt(2 * std::pow(tuned.at("value_standard_error").get<double>(), 2) + 0.0005 * 0.0005 / 3);
  CHECK(tuned.at("z").get<double>() == Approx((tuned.at("value").get<double>() - 0.049) / sd));
  CHECK(anchor.at("z").is_null());   // z only where the paper's number is a Monte Carlo baseline too
  CHECK(trained.at("z").is_null());

  std::mt19937 rng(7);
  std::shuffle(results.begin(), results.end(), rng);
  const json again = ltv::table1_document(plan, results);
  CHECK(ltv::table1_csv(again) == ltv::table1_csv(doc));
  CHECK(ltv::table1_markdown(again) == ltv::table1_markdown(doc));

  const std::string csv = ltv::table1_csv(doc);
  CHECK_THAT(csv, Catch::StartsWith("model,layers,column,paper,ours,standard_error,ratio,z,method\n"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(doc.at("cells").size()) + 1);
  CHECK_THAT(ltv::table1_markdown(doc), Catch::Contains("| 2 | DIAG |") && Catch::Contains("(1/2) E"));
}

TEST_CASE("a job's result depends on its key and the seed, not on what else runs") {
  const ltv::Table1Plan plan = tiny_plan();
  const ltv::Table1Job job{ltv::Table1Job::Kind::Trained, "DIAG", 2, "5"};
  json a = ltv::run_table1_job(plan, job), b = ltv::run_table1_job(plan, job);
  a.erase("seconds");
  b.erase("seconds");
  CHECK(a == b);
  ltv::Table1Plan other = plan;
  other.seed = 2;
  json c = ltv::run_table1_job(other, job);
  c.erase("seconds");
  CHECK(c != a);  // the comparison above can fail
}

TEST_CASE("the paper's table: 24 rows, lookups by model, depth and column") {
  CHECK(*ltv::table1_paper_value("FULL", 7, "{1,3,5}") == 0.035);
  CHECK(*ltv::table1_paper_value("ConstRR", 0, "5") == 0.365);
  CHECK_FALSE(ltv::table1_paper_value("FULL", 8, "5").has_value());
  CHECK_FALSE(ltv::table1_paper_value("FULL", 1, "9").has_value());
}
