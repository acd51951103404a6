// results.json (src/ltv/verify/results_json.hpp): the round trip of an obligation's result, the
// validation of a results document, and the file helpers.
#include "ltv/verify/results_json.hpp"
#include "ltv/io/files.hpp"

#include "support/temp_dir.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using ltv::test::TempDir;
using ltv::ObligationResult;
using ltv::TierReport;
using nlohmann::json;


/// Text over an alphabet with JSON's special characters and multi-byte UTF-8 (Σ, ᵀ, ≤).
rc::Gen<std::string> text() {
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::element<std::string>(
                          "a", "Z", "0", " ", "\"", "\\", "\n", "\t", "/", "{", "}", "Σ", "ᵀ", "≤", "'")),
                      [](const std::vector<std::string>& pieces) {
                        std::string s;
                        for (const auto& p : pieces) s += p;
                        return s;
                      });
}

rc::Gen<std::optional<std::string>> optional_text() {
  return rc::gen::oneOf(
      rc::gen::just(std::optional<std::string>()),
      rc::gen::map(text(), [](const std::string& s) { return std::optional<std::string>(s); }));
}

rc::Gen<std::optional<double>> optional_digits() {
  return rc::gen::oneOf(
      rc::gen::element(std::optional<double>(),
                       std::optional<double>(std::numeric_limits<double>::infinity()),
                       std::optional<double>(-std::numeric_limits<double>::infinity())),
      rc::gen::map(rc::gen::arbitrary<double>(), [](double d) { return std::optional<double>(d); }));
}

rc::Gen<ObligationResult> obligation_result() {
  return rc::gen::exec([] {
    ObligationResult r;
    r.id = *text();
    r.paper = *text();
    r.title = *text();
    r.kind = *rc::gen::element<std::string>("identity", "inequality", "population", "statistical");
    r.statement = *text();
    r.printed_form = {*rc::gen::element(ltv::Source::Verbatim, ltv::Source::Reconstructed, ltv::Source::Ltv), *text(),
                      *text(), *text()};
    const int conventions = *rc::gen::inRange(0, 3);
    for (int i = 0; i < conventions; ++i) r.conventions.push_back({*text(), *text(), *text()});
    const int ranges = *rc::gen::inRange(0, 3);
    for (int i = 0; i < ranges; ++i) r.scope.checked.emplace_back("range " + std::to_string(i), *text());
    r.scope.limit = *text();
    r.scope.not_reached = *rc::gen::container<std::vector<std::string>>(text());
    r.scope.paper_setting = *text();
    r.scope.paper_setting_reached = *rc::gen::element(std::optional<bool>(), std::optional<bool>(true),
                                                      std::optional<bool>(false));
    if (*rc::gen::arbitrary<bool>())
      r.second_form = ltv::SecondForm{*rc::gen::element(ltv::FormRole::Correction, ltv::FormRole::Convention,
                                                        ltv::FormRole::Approximation, ltv::FormRole::ExactForm),
                                      *text(), *text(), *text(), *rc::gen::arbitrary<bool>()};
    r.verdict = *rc::gen::element(ltv::Verdict::Holds, ltv::Verdict::HoldsWithCorrection, ltv::Verdict::Convention,
                                  ltv::Verdict::Approximation, ltv::Verdict::ReconstructionFails, ltv::Verdict::Fails,
                                  ltv::Verdict::Reproduced, ltv::Verdict::NotReproduced, ltv::Verdict::Inconclusive);
    r.inconclusive_reason = *text();
    r.cases = *rc::gen::arbitrary<int>();
    r.seed = *rc::gen::arbitrary<std::uint64_t>();
    // Tiers are keyed by name in the document: distinct names.
    for (const ltv::Tier name :
         {ltv::Tier::Double, ltv::Tier::Interval, ltv::Tier::Mpfr, ltv::Tier::Rational})
      if (*rc::gen::arbitrary<bool>()) {
        TierReport t;
        t.tier = name;
        t.bits = *rc::gen::arbitrary<unsigned>();
        t.cases = *rc::gen::arbitrary<int>();
        t.worst_residual = *text();
        t.digits = *optional_digits();
        t.required_digits = *optional_digits();
        t.worst_case = *text();
        r.tiers.push_back(t);
      }
    r.values = json::object();
    r.values["estimate"] = *rc::gen::arbitrary<double>();
    r.values[*text()] = *text();
    r.counterexample = *optional_text();
    r.negative_control.description = *text();
    r.negative_control.rejected = *rc::gen::arbitrary<bool>();
    r.negative_control.counterexample = *optional_text();
    r.reproduce = *text();
    r.seconds = *rc::gen::arbitrary<double>();
    return r;
  });
}

void assert_same(const ObligationResult& a, const ObligationResult& b) {
  RC_ASSERT(a.id == b.id);
  RC_ASSERT(a.paper == b.paper);
  RC_ASSERT(a.title == b.title);
  RC_ASSERT(a.kind == b.kind);
  RC_ASSERT(a.statement == b.statement);
  RC_ASSERT(a.printed_form.source == b.printed_form.source);
  RC_ASSERT(a.printed_form.where == b.printed_form.where);
  RC_ASSERT(a.printed_form.quote == b.printed_form.quote);
  RC_ASSERT(a.printed_form.note == b.printed_form.note);
  RC_ASSERT(a.conventions.size() == b.conventions.size());
  for (std::size_t i = 0; i < a.conventions.size(); ++i) {
    RC_ASSERT(a.conventions[i].name == b.conventions[i].name);
    RC_ASSERT(a.conventions[i].value == b.conventions[i].value);
    RC_ASSERT(a.conventions[i].where == b.conventions[i].where);
  }
  RC_ASSERT(a.scope.checked == b.scope.checked);
  RC_ASSERT(a.scope.limit == b.scope.limit);
  RC_ASSERT(a.scope.not_reached == b.scope.not_reached);
  RC_ASSERT(a.scope.paper_setting == b.scope.paper_setting);
  RC_ASSERT(a.scope.paper_setting_reached == b.scope.paper_setting_reached);
  RC_ASSERT(a.second_form.has_value() == b.second_form.has_value());
  if (a.second_form) {
    RC_ASSERT(a.second_form->role == b.second_form->role);
    RC_ASSERT(a.second_form->statement == b.second_form->statement);
    RC_ASSERT(a.second_form->convention == b.second_form->convention);
    RC_ASSERT(a.second_form->where == b.second_form->where);
    RC_ASSERT(a.second_form->holds == b.second_form->holds);
  }
  RC_ASSERT(a.verdict == b.verdict);
  RC_ASSERT(a.inconclusive_reason == b.inconclusive_reason);
  RC_ASSERT(a.cases == b.cases);
  RC_ASSERT(a.seed == b.seed);
  RC_ASSERT(a.tiers.size() == b.tiers.size());
  for (std::size_t i = 0; i < a.tiers.size(); ++i) {
    RC_ASSERT(a.tiers[i].tier == b.tiers[i].tier);
    RC_ASSERT(a.tiers[i].bits == b.tiers[i].bits);
    RC_ASSERT(a.tiers[i].cases == b.tiers[i].cases);
    RC_ASSERT(a.tiers[i].worst_residual == b.tiers[i].worst_residual);
    RC_ASSERT(a.tiers[i].digits == b.tiers[i].digits);
    RC_ASSERT(a.tiers[i].required_digits == b.tiers[i].required_digits);
    RC_ASSERT(a.tiers[i].worst_case == b.tiers[i].worst_case);
  }
  RC_ASSERT(a.values == b.values);
  RC_ASSERT(a.counterexample == b.counterexample);
  RC_ASSERT(a.negative_control.description == b.negative_control.description);
  RC_ASSERT(a.negative_control.rejected == b.negative_control.rejected);
  RC_ASSERT(a.negative_control.counterexample == b.negative_control.counterexample);
  RC_ASSERT(a.reproduce == b.reproduce);
  RC_ASSERT(a.seconds == b.seconds);
}

/// A small valid results document.
ltv::CheckRun sample_run() {
  ltv::CheckRun run;
  run.options = {5, 20, 256};
  run.working_bits = 257;
  ObligationResult r;
  r.id = "V24.T4.1";
  r.paper = "V24";
  r.title = "Implicit linear model";
  r.kind = "identity";
  r.statement = "x^l = M^l x + y u^l";
  r.verdict = ltv::Verdict::Holds;
  r.cases = 20;
  r.seed = 5;
  TierReport t;
  t.tier = ltv::Tier::Rational;
  t.cases = 20;
  t.worst_residual = "0";
  r.tiers = {t};
  r.negative_control = {"flipped sign", true, "d=1 n=2"};
  r.reproduce = "ltv check --only 'V24.T4.1' --seed 5 --cases 20 --bits 256";
  run.results = {r};
  return run;
}

json sample_document() { return ltv::to_json(sample_run()); }

void check_rejected(const std::string& text, const std::string& expected_words) {
  INFO("document: " << text.substr(0, 200));
  CHECK_THROWS_MATCHES(ltv::parse_results(text), std::invalid_argument,  // bad input: exit status 2
                       Catch::Matchers::Predicate<std::invalid_argument>(
                           [&](const std::invalid_argument& e) {
                             return std::string(e.what()).find(expected_words) != std::string::npos;
                           },
                           "message contains \"" + expected_words + "\""));
}

}  // namespace

TEST_CASE("to_json / obligation_from_json round trip", "[verify][results_json]") {
  rc::prop("every field survives to_json -> text -> parse -> obligation_from_json", [] {
    ObligationResult r = *obligation_result();
    const json j = ltv::to_json(r);
    const ObligationResult direct = ltv::obligation_from_json(j);
    const ObligationResult via_text = ltv::obligation_from_json(json::parse(j.dump(2)));
    // The document keys tiers by name, so they come back ordered by name.
    std::sort(r.tiers.begin(), r.tiers.end(), [](const TierReport& a, const TierReport& b) {
      return ltv::tier_name(a.tier) < ltv::tier_name(b.tier);
    });
    assert_same(direct, r);
    assert_same(via_text, r);
  });
}

TEST_CASE("the document has the keys of the schema", "[verify][results_json]") {
  const json j = sample_document();
  CHECK(j.at("schema") == ltv::kResultsSchema);
  CHECK(std::string(ltv::kResultsSchema) == "ltv-results/2");
  CHECK(j.at("complete") == true);
  for (const char* key : {"version", "git_commit", "build_type", "compiler", "libraries"})
    CHECK(j.at("environment").contains(key));
  CHECK(j.at("options") == json{{"seed", 5}, {"cases", 20}, {"bits_requested", 256}, {"bits", 257}});
  const json& o = j.at("obligations").at(0);
  for (const char* key :
       {"id", "paper", "title", "kind", "statement", "printed_form", "conventions", "scope", "second_form",
        "verdict", "verdict_text", "inconclusive_reason", "cases", "seed", "tiers", "values", "counterexample",
        "negative_control", "reproduce", "seconds"})
    CHECK(o.contains(key));
  CHECK(o.at("verdict") == "HOLDS");
  CHECK(o.at("verdict_text") == "HOLDS");
  CHECK(o.at("second_form").is_null());
  for (const char* key : {"source", "where", "quote", "note"}) CHECK(o.at("printed_form").contains(key));
  for (const char* key : {"checked", "limit", "not_reached", "paper_setting", "paper_setting_reached"})
    CHECK(o.at("scope").contains(key));
  CHECK(o.at("tiers").at("rational").at("worst_residual") == "0");
  CHECK(o.at("tiers").at("rational").at("digits").is_null());
  CHECK(o.at("negative_control") ==
        json{{"description", "flipped sign"}, {"rejected", true}, {"counterexample", "d=1 n=2"}});
  // It parses back.
  CHECK_NOTHROW(ltv::parse_results(j.dump()));
}

TEST_CASE("infinite digits are written as strings", "[verify][results_json]") {
  ObligationResult r = sample_run().results[0];
  r.tiers[0].digits = std::numeric_limits<double>::infinity();
  r.tiers[0].required_digits = -std::numeric_limits<double>::infinity();
  const json j = ltv::to_json(r);
  CHECK(j.at("tiers").at("rational").at("digits") == "inf");
  CHECK(j.at("tiers").at("rational").at("required_digits") == "-inf");
}

TEST_CASE("parse_results rejects broken documents with a message saying what is wrong",
          "[verify][results_json]") {
  const std::string good = sample_document().dump(2);
  SECTION("not JSON") { check_rejected("this is not json", "not valid JSON"); }
  SECTION("empty") { check_rejected("", "not valid JSON"); }
  SECTION("truncated") {
    for (const std::size_t cut : {good.size() / 2, good.size() - 2, std::size_t{1}})
      check_rejected(good.substr(0, cut), "truncated");
  }
  SECTION("a number beyond double's range (nlohmann's out_of_range, not a parse_error)") {
    check_rejected(good.substr(0, good.rfind('}')) + ", \"extra\": 1e3080}", "not valid JSON");
  }
  SECTION("wrong schema") {
    json j = sample_document();
    j["schema"] = "ltv-results/1";
    check_rejected(j.dump(), "schema");
    j.erase("schema");
    check_rejected(j.dump(), "schema");
    check_rejected("[1, 2, 3]", "schema");
  }
  SECTION("a schema that is not a string") {
    json j = sample_document();
    j["schema"] = 1;
    check_rejected(j.dump(), "schema");
  }
  SECTION("no completeness flag") {
    json j = sample_document();
    j.erase("complete");
    check_rejected(j.dump(), "complete");
    j["complete"] = "yes";
    check_rejected(j.dump(), "complete");
  }
  SECTION("missing obligations") {
    json j = sample_document();
    j.erase("obligations");
    check_rejected(j.dump(), "obligations");
    j["obligations"] = json::object();
    check_rejected(j.dump(), "obligations");
  }
  SECTION("a malformed obligation") {
    json j = sample_document();
    j["obligations"][0].erase("verdict");
    check_rejected(j.dump(), "malformed obligation");
    j = sample_document();
    j["obligations"][0]["cases"] = "twenty";
    check_rejected(j.dump(), "malformed obligation");
    j = sample_document();
    j["obligations"][0]["tiers"]["rational"].erase("worst_residual");
    check_rejected(j.dump(), "malformed obligation");
    j = sample_document();
    j["obligations"].push_back(42);
    check_rejected(j.dump(), "malformed obligation");
    j = sample_document();
    j["obligations"][0]["verdict"] = "MAYBE";
    check_rejected(j.dump(), "verdict");
  }
  SECTION("digits that are neither a number, null, \"inf\" nor \"-inf\"") {
    json j = sample_document();
    j["obligations"][0]["tiers"]["rational"]["digits"] = "banana";
    check_rejected(j.dump(), "malformed obligation");
  }
  SECTION("the good document is accepted") { CHECK_NOTHROW(ltv::parse_results(good)); }
}

TEST_CASE("write_file_atomically replaces the content and leaves no temporary file",
          "[verify][results_json]") {
  const TempDir dir;
  const fs::path path = dir.path() / "results.json";
  ltv::write_file_atomically(path, "first version, a little longer than the second\n");
  CHECK(ltv::read_file(path) == "first version, a little longer than the second\n");
  ltv::write_file_atomically(path, "second\n");
  CHECK(ltv::read_file(path) == "second\n");
  CHECK(dir.entries() == std::vector<std::string>{"results.json"});
  // Binary-safe.
  const std::string bytes("a\0b\r\n", 5);
  ltv::write_file_atomically(path, bytes);
  CHECK(ltv::read_file(path) == bytes);
}

TEST_CASE("write_file_atomically fails cleanly", "[verify][results_json]") {
  const TempDir dir;
  SECTION("into a missing directory: the error names the path") {
    const fs::path path = dir.path() / "no" / "such" / "results.json";
    CHECK_THROWS_WITH(ltv::write_file_atomically(path, "x"), Catch::Contains("results.json"));
    CHECK(dir.entries().empty());
  }
  SECTION("over a directory: the old entry stays, no temporary file is left") {
    fs::create_directory(dir.path() / "results.json");
    CHECK_THROWS_AS(ltv::write_file_atomically(dir.path() / "results.json", "x"), std::runtime_error);
    CHECK(dir.entries() == std::vector<std::string>{"results.json"});
    CHECK(fs::is_directory(dir.path() / "results.json"));
  }
}

TEST_CASE("read_file of a missing file names the file", "[verify][results_json]") {
  const TempDir dir;
  const fs::path missing = dir.path() / "missing-results.json";
  CHECK_THROWS_AS(ltv::read_file(missing), std::runtime_error);
  CHECK_THROWS_WITH(ltv::read_file(missing), Catch::Contains(missing.string()));
}
