// End-to-end tests of `ltv reproduce table1` and of results files shared between commands: the
// outputs, continuing after an interruption from the finished jobs, and bad input.
#include "support/cli_runner.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using ltv::test::run_ltv;
using ltv::test::slurp;
using ltv::test::spit;
using ltv::test::TempDir;

namespace {

const std::string kTiny =
    "reproduce table1 --columns '5,{1,3}' --layers 1,2 --families DIAG --steps 5 --batch 16 --eval-sequences 300 "
    "--tuning-sequences 100";

}  // namespace

TEST_CASE("reproduce table1 writes CSV, JSON and Markdown and adds the table to results.json", "[cli]") {
  const TempDir dir;
  spit(dir.path() / "results.json", R"({"obligations": [], "kept": true})");
  const auto o = run_ltv(kTiny + " --out t --results results.json", dir);
  INFO(o.err);
  REQUIRE(o.status == 0);
  for (const char* f : {"table1.csv", "table1.json", "table1.md"}) CHECK(fs::exists(dir.path() / "t" / f));
  CHECK_THAT(slurp(dir.path() / "t" / "table1.csv"), Catch::Contains("DIAG,2,\"{1,3}\",0.201,"));
  CHECK_THAT(o.out, Catch::Contains("| 1 | DIAG |") && Catch::Contains("(1/2) E"));
  const json results = json::parse(slurp(dir.path() / "results.json"));
  CHECK(results.at("kept") == true);  // what other commands wrote stays
  CHECK(results.at("experiments").at("table1").at("cells").size() == 2 * 2 + 3 * 2 + 1);

  SECTION("the same command again reuses every finished job and writes the same table") {
    const std::string before = slurp(dir.path() / "t" / "table1.csv");
    spit(dir.path() / "t" / "table1.csv", "stale");
    const auto again = run_ltv(kTiny + " --out t", dir);
    CHECK(again.status == 0);
    CHECK(slurp(dir.path() / "t" / "table1.csv") == before);
    CHECK_THAT(again.err, !Catch::Contains("seed 0 done"));  // nothing was trained again
  }
  SECTION("a different plan does not reuse the jobs") {
    const auto other = run_ltv(kTiny + " --out t --seed 5", dir);
    CHECK(other.status == 0);
    CHECK_THAT(other.err, Catch::Contains("seed 0 done"));
  }
  SECTION("a later ltv check keeps the experiments") {
    REQUIRE(run_ltv("check --only V24.LA.3 --cases 1 --json results.json", dir).status == 0);
    CHECK(json::parse(slurp(dir.path() / "results.json")).at("experiments").contains("table1"));
  }
}

TEST_CASE("reproduce table1 rejects bad input with a clear message", "[cli]") {
  const TempDir dir;
  const auto column = run_ltv("reproduce table1 --columns 9 --out t", dir);
  CHECK(column.status == 2);
  CHECK_THAT(column.err, Catch::Contains("unknown Table 1 column '9'"));
  const auto layers = run_ltv("reproduce table1 --layers 8 --out t", dir);
  CHECK(layers.status == 2);
  const auto preset = run_ltv("reproduce table1 --preset slow", dir);
  CHECK(preset.status == 2);
  CHECK_THAT(preset.err, Catch::Contains("--preset"));
  spit(dir.path() / "broken.json", "{ not json");
  const auto results = run_ltv(kTiny + " --out t --results broken.json", dir);
  CHECK(results.status == 2);
  CHECK_THAT(results.err, Catch::Contains("broken.json exists but is not JSON"));
  CHECK(slurp(dir.path() / "broken.json") == "{ not json");
  spit(dir.path() / "odd.json", R"({"experiments": [1, 2]})");
  const auto odd = run_ltv(kTiny + " --out t --results odd.json", dir);
  CHECK(odd.status == 2);
  CHECK_THAT(odd.err, Catch::Contains("odd.json cannot take /experiments/table1"));
  spit(dir.path() / "plain", "x");
  const auto out = run_ltv(kTiny + " --out plain/t", dir);
  CHECK(out.status == 2);
  CHECK_THAT(out.err, Catch::Contains("is not a directory"));
  const auto results_dir = run_ltv(kTiny + " --out t --results no/such/r.json", dir);
  CHECK(results_dir.status == 2);
  CHECK_THAT(results_dir.err, Catch::Contains("does not exist"));
  CHECK_FALSE(fs::exists(dir.path() / "t" / "jobs"));  // no job was run
}

TEST_CASE("experiment v24 runs its ci preset into results.json, and rejects bad options", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("experiment v24 --preset ci --jobs 2 --results results.json", dir);
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(fs::exists(dir.path() / "v24" / "v24.json"));
  CHECK_THAT(o.out, Catch::Contains("fig5.readout_improves.DIAG.L2") && Catch::Contains("runs diverged"));
  const json doc = json::parse(slurp(dir.path() / "results.json")).at("experiments").at("v24");
  CHECK(doc.at("plan").at("preset") == "ci");
  CHECK_FALSE(doc.at("models").at(0).contains("trained"));  // the per-sequence errors stay in the job files
  const auto mixture = run_ltv("experiment v24 --preset ci --study mixture --out m --results r2.json", dir);
  REQUIRE(mixture.status == 0);
  CHECK(json::parse(slurp(dir.path() / "m" / "v24.json")).at("models").empty());
  const auto study = run_ltv("experiment v24 --study weights", dir);
  CHECK(study.status == 2);
  CHECK_THAT(study.err, Catch::Contains("--study"));
  const auto preset = run_ltv("experiment v24 --preset fast", dir);
  CHECK(preset.status == 2);
}
