// End-to-end tests of the `ltv` command line: the built binary (LTV_BINARY, set by CMake) is run
// with its output redirected into a fresh temporary directory.
#include "ltv/verify/results_json.hpp"

#include "support/cli_runner.hpp"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ltv::test::Outcome;
using ltv::test::run_ltv;
using ltv::test::slurp;
using ltv::test::spit;
using ltv::test::TempDir;

/// The document without its "seconds" fields (the only ones that may differ between runs).
json without_seconds(json j) {
  if (j.is_object()) {
    j.erase("seconds");
    for (auto& [key, value] : j.items()) value = without_seconds(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = without_seconds(value);
  }
  return j;
}

constexpr const char* kCheckBase = "check --only 'V24.T4.1' --cases 20";
constexpr const char* kCheck = "check --only 'V24.T4.1' --cases 20 --seed 11";

}  // namespace

TEST_CASE("ltv --help", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("--help", dir);
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("check") && Catch::Contains("report"));
  const auto sub = run_ltv("check --help", dir);
  CHECK(sub.status == 0);
  CHECK_THAT(sub.out, Catch::Contains("--only") && Catch::Contains("--seed") && Catch::Contains("--json"));
}

TEST_CASE("ltv without a subcommand fails", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("", dir);
  CHECK(o.status != 0);
  CHECK_THAT(o.err, Catch::Contains("subcommand"));
}

TEST_CASE("ltv check --list", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("check --list", dir);
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("V24.T4.1"));
  // Listing runs nothing and writes nothing.
  CHECK_FALSE(fs::exists(dir.path() / "results.json"));
  const auto only = run_ltv("check --list --only 'V24.T4.*'", dir);
  CHECK(only.status == 0);
  CHECK_THAT(only.out, Catch::Contains("V24.T4.1"));
}

TEST_CASE("ltv check writes results.json — report renders it", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv(std::string(kCheck) + " --json r.json", dir);
  INFO("stdout:\n" << o.out << "\nstderr:\n" << o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("V24.T4.1"));
  const json results = json::parse(slurp(dir.path() / "r.json"));
  CHECK(results.at("schema") == "ltv-results/2");
  CHECK(results.at("complete") == true);
  CHECK(results.at("options").at("cases") == 20);
  CHECK(results.at("options").at("seed") == 11);
  REQUIRE(results.at("obligations").size() == 1);
  const json& entry = results.at("obligations").at(0);
  for (const char* key : {"id", "paper", "kind", "verdict", "cases", "tiers", "values", "counterexample",
                          "negative_control", "reproduce"})
    CHECK(entry.contains(key));
  for (const char* key : {"description", "rejected", "counterexample"})
    CHECK(entry.at("negative_control").contains(key));
  CHECK(entry.at("id") == "V24.T4.1");
  CHECK(entry.at("paper") == "V24");
  CHECK(entry.at("kind") == "identity");
  CHECK(entry.at("verdict") == "HOLDS");
  CHECK(entry.at("cases") == 20);
  CHECK(entry.at("tiers").at("rational").at("worst_residual") == "0");
  CHECK(entry.at("negative_control").at("rejected") == true);
  CHECK(entry.at("negative_control").at("counterexample").is_string());
  CHECK_THAT(entry.at("reproduce").get<std::string>(),
             Catch::Contains("--only 'V24.T4.1'") && Catch::Contains("--seed 11"));
  CHECK_NOTHROW(ltv::parse_results(slurp(dir.path() / "r.json")));

  SECTION("the same seed gives the same document, apart from the timings") {
    const auto again = run_ltv(std::string(kCheck) + " --json r2.json", dir);
    REQUIRE(again.status == 0);
    const json second = json::parse(slurp(dir.path() / "r2.json"));
    CHECK(without_seconds(results) == without_seconds(second));
  }

  SECTION("a different seed gives different cases (so the comparison above means something)") {
    const auto other = run_ltv(std::string(kCheckBase) + " --seed 12 --json r3.json", dir);
    REQUIRE(other.status == 0);
    json third = json::parse(slurp(dir.path() / "r3.json"));
    CHECK(third.at("options").at("seed") == 12);
    // Align the fields that name the seed; the cases drawn must still differ.
    third["options"]["seed"] = 11;
    third["obligations"][0]["seed"] = 11;
    third["obligations"][0]["reproduce"] = entry.at("reproduce");
    CHECK(without_seconds(results) != without_seconds(third));
  }

  SECTION("report --results r.json --out dir writes dir/report.md with the obligation IDs") {
    const auto report = run_ltv("report --results r.json --out rep", dir);
    INFO("stderr: " << report.err);
    CHECK(report.status == 0);
    REQUIRE(fs::exists(dir.path() / "rep" / "report.md"));
    CHECK_THAT(slurp(dir.path() / "rep" / "report.md"), Catch::Contains("V24.T4.1"));
  }

  SECTION("report on a truncated results file fails and leaves the report alone") {
    const std::string text = slurp(dir.path() / "r.json");
    spit(dir.path() / "cut.json", text.substr(0, text.size() / 2));
    const auto fresh = run_ltv("report --results cut.json --out fresh", dir);
    CHECK(fresh.status == 2);  // bad input, not an internal error
    CHECK_THAT(fresh.err, Catch::Contains("truncated") || Catch::Contains("not valid JSON"));
    CHECK_FALSE(fs::exists(dir.path() / "fresh" / "report.md"));
    fs::create_directories(dir.path() / "old");
    spit(dir.path() / "old" / "report.md", "previous report\n");
    const auto over = run_ltv("report --results cut.json --out old", dir);
    CHECK(over.status == 2);
    CHECK(slurp(dir.path() / "old" / "report.md") == "previous report\n");
  }

  SECTION("report on a results file that is JSON but malformed is bad input too, and writes nothing") {
    const std::string text = slurp(dir.path() / "r.json");
    spit(dir.path() / "huge.json", text.substr(0, text.rfind('}')) + ", \"extra\": 1e3080}\n");
    json odd = results;
    odd["experiments"] = {{"a24", 7}, {"table1", "none"}};
    spit(dir.path() / "odd.json", odd.dump());
    for (const char* input : {"huge.json", "odd.json"}) {
      const auto bad = run_ltv(std::string("report --results ") + input + " --out rep", dir);
      INFO(input << ": " << bad.err);
      CHECK(bad.status == 2);
      CHECK_THAT(bad.err, Catch::Contains(input));
    }
    CHECK_FALSE(fs::exists(dir.path() / "rep"));
  }

  SECTION("report checks its output place before it renders") {
    spit(dir.path() / "plain", "x");
    const auto blocked = run_ltv("report --results r.json --out plain/rep", dir);
    CHECK(blocked.status == 2);
    CHECK_THAT(blocked.err, Catch::Contains("is not a directory"));
    fs::create_directories(dir.path() / "rep");
    spit(dir.path() / "rep" / "figures", "in the way");
    CHECK(run_ltv("report --results r.json --out rep", dir).status == 2);
    CHECK(slurp(dir.path() / "rep" / "figures") == "in the way");
  }

  SECTION("report exits 1 when the formulas cannot be typeset (the exit-status table of README.md)") {
    const auto untypeset = run_ltv("report --results r.json --out rep --katex no/katex/here", dir);
    CHECK(untypeset.status == 1);
    CHECK_THAT(untypeset.out, Catch::Contains("NOT typeset"));
  }
}

TEST_CASE("ltv check rejects bad options with a clear message", "[cli]") {
  const TempDir dir;
  // Each bad command line, and what its message must name.
  const std::pair<const char*, const char*> rejected[] = {
      {"check --only NOPE", "NOPE"},         // --only matching nothing
      {"check --cases 0", "--cases"},
      {"check --bits 5", "--bits"},
      {"check --cases many", "--cases"},     // not a number
      {"check --frobnicate", "frobnicate"},  // an unknown flag
  };
  for (const auto& [args, named] : rejected) {
    INFO("ltv " << args);
    const auto o = run_ltv(args, dir);
    CHECK(o.status != 0);
    CHECK_THAT(o.err, Catch::Contains(named));
  }
  // Before a subcommand, CLI11 reports the missing subcommand first; the status is what counts.
  CHECK(run_ltv("--frobnicate", dir).status != 0);
  // None of these wrote a results file.
  CHECK_FALSE(fs::exists(dir.path() / "results.json"));
}

TEST_CASE("ltv check reports an unwritable results path before it checks anything", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("check --cases 1 --json no/such/dir/r.json", dir);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("no/such/dir/r.json") && Catch::Contains("does not exist"));
  CHECK_THAT(o.err, !Catch::Contains("[1/"));  // no obligation started
  fs::create_directories(dir.path() / "taken");
  CHECK(run_ltv("check --cases 1 --json taken", dir).status == 2);
  spit(dir.path() / "huge.json", "{\"x\": 1e3080}");
  CHECK(run_ltv("check --cases 1 --json huge.json", dir).status == 2);
  CHECK(slurp(dir.path() / "huge.json") == "{\"x\": 1e3080}");
}

TEST_CASE("ltv check on a full disk keeps the results file it had and exits 5", "[cli]") {
  const TempDir dir;
  REQUIRE(run_ltv(std::string(kCheck) + " --json r.json", dir).status == 0);
  const std::string before = slurp(dir.path() / "r.json");
  // The disk fills at once, or part-way through the first write of results.json (a short write).
  for (const unsigned long long room : {0ULL, 100ULL}) {
    INFO(room << " bytes of room");
    const auto o = run_ltv(std::string(kCheckBase) + " --seed 12 --json r.json", dir, ltv::test::full_disk_after(room));
    CHECK(o.status == 5);
    CHECK_THAT(o.err, Catch::Contains("No space left on device") && Catch::Contains("r.json is left as it was"));
    CHECK(slurp(dir.path() / "r.json") == before);
    CHECK_FALSE(fs::exists(dir.path() / ".r.json.tmp"));
  }
}

TEST_CASE("ltv check killed by SIGKILL at random moments leaves a results file that reads, and a rerun completes it",
          "[cli]") {
  // results.json is rewritten after every obligation: a kill at any moment leaves the file of an
  // earlier moment, whole, and as far as it goes the same as the uninterrupted run's.
  const std::string run = "check --only V24.* --cases 10 --seed 3 --json ";  // no file of dir matches V24.*
  const TempDir dir;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_ltv(run + "straight.json", dir).status == 0);
  const double straight_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const json straight = without_seconds(json::parse(slurp(dir.path() / "straight.json")));
  const auto& all = straight.at("obligations");

  constexpr int kKills = 10;
  std::mt19937_64 rng(20261203);  // raw engine output only: its sequence is fixed by the standard
  int partial = 0;
  for (int k = 0; k < kKills; ++k) {
    INFO("kill " << k);
    const pid_t pid = ltv::test::spawn_ltv(dir, ltv::test::split(run + "r.json"));
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % static_cast<std::uint64_t>(straight_ms * 1000)));
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    if (!fs::exists(dir.path() / "r.json")) continue;  // killed before its first write
    const json now = without_seconds(ltv::parse_results(slurp(dir.path() / "r.json")));
    const auto& done = now.at("obligations");
    REQUIRE(done.size() <= all.size());
    CHECK(done == json(std::vector<json>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(done.size()))));
    CHECK(now.at("complete") == (done.size() == all.size()));
    partial += done.size() < all.size();
  }
  WARN(kKills << " kills, " << partial << " left a partial results file");
  REQUIRE(run_ltv(run + "r.json", dir).status == 0);
  CHECK(without_seconds(json::parse(slurp(dir.path() / "r.json"))) == straight);
}

TEST_CASE("ltv report names a missing results file", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("report --results does-not-exist.json --out rep", dir);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("does-not-exist.json"));
  CHECK_FALSE(fs::exists(dir.path() / "rep"));
}

TEST_CASE("ltv theory one-layer reports the exact theory of the A23 optimum", "[cli]") {
  const TempDir dir;
  const auto o = run_ltv("theory one-layer --d 2 --n 4 --cov-eigs 1,0.5 --json", dir);
  INFO("stdout:\n" << o.out << "\nstderr:\n" << o.err);
  REQUIRE(o.status == 0);
  const json j = json::parse(o.out);
  for (const char* key : {"loss", "grad_norm", "hessian_eig_min", "hessian_eig_max", "P", "Q"})
    CHECK(j.contains(key));
  CHECK(j.at("bits") == 257);
  CHECK(j.at("hessian_null_dimension") == j.at("symmetry_orbit_dimension"));
  // Full precision: the decimal strings carry all 257 bits.
  CHECK(j.at("loss").get<std::string>().size() > 70);

  for (const char* bad :
       {"theory one-layer --d 2 --n 4 --cov-eigs 1", "theory one-layer --d 2 --n 4 --cov-eigs 1,zero",
        "theory one-layer --d 2 --n 4 --cov-eigs 1,-2", "theory one-layer --d 2 --cov-eigs 1,2",
        "theory one-layer --d 2 --n 4 --cov-eigs 1,2 --noise-var -1"}) {
    const auto r = run_ltv(bad, dir);
    INFO(bad << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("ltv theory stationary reports the best point of A23's family S", "[cli]") {
  const TempDir dir;
  const auto o =
      run_ltv("theory stationary --family relaxed --layers 1 --d 2 --n 4 --cov-eigs 1,0.5 --json", dir);
  INFO("stdout:\n" << o.out << "\nstderr:\n" << o.err);
  REQUIRE(o.status == 0);
  const json j = json::parse(o.out);
  for (const char* key : {"loss", "grad_norm", "a", "b", "hessian_eig_min", "hessian_eig_max"})
    CHECK(j.contains(key));
  CHECK(j.at("a").size() == 1);
  CHECK(j.at("b").at(0).is_null());  // the only layer's B never reaches the prediction
  CHECK(j.at("loss").get<std::string>().size() > 70);
  CHECK_THAT(o.err, Catch::Contains("Hessian"));  // progress on stderr

  const auto sparse = run_ltv(
      "theory stationary --family sparse --layers 2 --d 1 --n 3 --cov-eigs 2 --json --no-hessian", dir);
  REQUIRE(sparse.status == 0);
  const json s = json::parse(sparse.out);
  CHECK_FALSE(s.contains("b"));
  CHECK_FALSE(s.contains("hessian_eig_min"));

  // Beyond the matching engine: the Wishart engine (the default) says so, and answers.
  const auto deep = run_ltv("theory stationary --family sparse --layers 5 --d 2 --n 6 --cov-eigs 1,0.25 --json", dir);
  REQUIRE(deep.status == 0);
  const json w = json::parse(deep.out);
  CHECK(w.at("engine") == "wishart");
  CHECK(w.at("global_minimum_over_S").get<std::string>().rfind("certified", 0) == 0);
  CHECK(w.at("orderings").at("count") == 120);
  CHECK(w.at("hessian_isotypic").size() == 3);

  for (const char* bad : {"theory stationary --family dense --layers 1 --d 1 --n 3 --cov-eigs 1",
                          "theory stationary --family relaxed --layers 3 --d 1 --n 3 --cov-eigs 1 --engine matching",
                          "theory stationary --family sparse --layers 5 --d 1 --n 3 --cov-eigs 1 --engine matching",
                          "theory stationary --family sparse --layers 1 --d 1 --n 3 --cov-eigs 1 --engine fast",
                          "theory stationary --family sparse --layers 1 --d 2 --n 3 --cov-eigs 1",
                          "theory stationary --family sparse --layers 1 --d 1 --n 3 --cov-eigs 0"}) {
    const auto r = run_ltv(bad, dir);
    INFO(bad << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK_FALSE(r.err.empty());
  }
}
