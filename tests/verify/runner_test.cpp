// The obligation machinery (src/ltv/verify/): selecting obligations by glob, running them,
// running a property and shrinking its counterexample, and deciding a verdict from the outcomes.
#include "ltv/verify/runner.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/decide.hpp"
#include "ltv/verify/property.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using ltv::CaseEvidence;
using ltv::ObligationResult;
using ltv::PropertyOutcome;
using ltv::StatementOutcomes;
using ltv::TierReport;
using ltv::Verdict;

ltv::Obligation obligation(const std::string& id) {
  ltv::Obligation o;
  o.id = id;
  o.paper = id.substr(0, id.find('.'));
  o.title = "title of " + id;
  o.kind = ltv::Kind::Identity;
  o.tiers = {ltv::Tier::Rational};
  o.statement = "statement of " + id;
  o.printed_form.source = ltv::Source::Verbatim;
  o.run = [id](const ltv::Obligation&, const ltv::RunOptions& options) {
    ObligationResult r;
    r.id = id;
    r.seed = options.seed;
    r.values["bits_seen"] = ltv::working_bits();
    return r;
  };
  return o;
}

std::vector<std::string> ids(const std::vector<ltv::Obligation>& obligations) {
  std::vector<std::string> out;
  for (const auto& o : obligations) out.push_back(o.id);
  return out;
}

TierReport tier(ltv::Tier name, const std::string& residual) {
  TierReport t;
  t.tier = name;
  t.cases = 20;
  t.worst_residual = residual;
  return t;
}

PropertyOutcome passed(int cases, const std::string& residual) {
  PropertyOutcome p;
  p.passed = true;
  p.cases = cases;
  p.tiers = {tier(ltv::Tier::Rational, residual)};
  return p;
}

PropertyOutcome failed(const std::string& counterexample, const std::string& why) {
  PropertyOutcome p;
  p.passed = false;
  p.cases = 3;
  p.counterexample = counterexample;
  p.failure = why;
  p.tiers = {tier(ltv::Tier::Rational, "1/2")};
  return p;
}

PropertyOutcome gave_up() {
  PropertyOutcome p;
  p.gave_up = true;
  p.cases = 1;
  p.failure = "too many discarded cases";
  return p;
}

StatementOutcomes outcomes(PropertyOutcome printed, PropertyOutcome negative) {
  StatementOutcomes s;
  s.statement = "printed statement";
  s.printed = std::move(printed);
  s.negative_description = "a wrong variant";
  s.negative = std::move(negative);
  return s;
}

const ltv::RunOptions kOptions{7, 20, 256};

/// Ids over a small alphabet that includes the glob metacharacters' neighbours.
rc::Gen<std::string> id_string() {
  return rc::gen::container<std::string>(rc::gen::element('V', '2', '4', '.', 'T', 'A', 'a', '1'));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// glob_match, select_obligations

TEST_CASE("glob_match", "[verify][runner]") {
  CHECK(ltv::glob_match("V24.T4.1", "V24.T4.1"));
  CHECK_FALSE(ltv::glob_match("V24.T4.1", "V24.T4.10"));
  CHECK_FALSE(ltv::glob_match("V24.T4.10", "V24.T4.1"));
  CHECK(ltv::glob_match("*", "V24.T4.1"));
  CHECK(ltv::glob_match("*", ""));
  CHECK(ltv::glob_match("", ""));
  CHECK_FALSE(ltv::glob_match("", "V24"));
  CHECK(ltv::glob_match("V24.T4.?", "V24.T4.1"));
  CHECK_FALSE(ltv::glob_match("V24.T4.?", "V24.T4.10"));
  CHECK_FALSE(ltv::glob_match("?", ""));
  CHECK(ltv::glob_match("V24.*", "V24.T4.1"));
  CHECK(ltv::glob_match("V24.*", "V24."));
  CHECK_FALSE(ltv::glob_match("V24.*", "A23.T1"));
  CHECK_FALSE(ltv::glob_match("V24.*", "V24"));
  CHECK_FALSE(ltv::glob_match("v24.*", "V24.T4.1"));  // case-sensitive
  CHECK(ltv::glob_match("*T4*", "V24.T4.1"));
  CHECK(ltv::glob_match("V*.1", "V24.T4.1"));
  CHECK(ltv::glob_match("*.1", "V24.1.T4.1"));  // backtracking past an earlier ".1"
  CHECK_FALSE(ltv::glob_match("*.1", "V24.1.T4"));
  CHECK(ltv::glob_match("A*B*C", "AxxBxxBxxC"));
  CHECK_FALSE(ltv::glob_match("A*B*C", "AxxCxxB"));
  CHECK_FALSE(ltv::glob_match("A23*", "V24.T4.1"));
  CHECK_FALSE(ltv::glob_match("NOPE", "V24.T4.1"));
}

TEST_CASE("glob_match properties", "[verify][runner]") {
  rc::prop("an id matches itself, '*', its prefix + '*', '*' + its suffix, and itself with a '?'", [] {
    const std::string id = *id_string();
    RC_ASSERT(ltv::glob_match(id, id));
    RC_ASSERT(ltv::glob_match("*", id));
    const auto cut = *rc::gen::inRange<std::size_t>(0, id.size() + 1);
    RC_ASSERT(ltv::glob_match(id.substr(0, cut) + "*", id));
    RC_ASSERT(ltv::glob_match("*" + id.substr(cut), id));
    RC_ASSERT(ltv::glob_match(id.substr(0, cut) + "*" + id.substr(cut), id));
    if (!id.empty()) {
      const auto at = *rc::gen::inRange<std::size_t>(0, id.size());
      std::string q = id;
      q[at] = '?';
      RC_ASSERT(ltv::glob_match(q, id));
      std::string wrong = id;
      wrong[at] = '#';  // not in the alphabet
      RC_ASSERT(!ltv::glob_match(wrong, id));
      RC_ASSERT(!ltv::glob_match(id + "?", id));
    }
  });
}

TEST_CASE("select_obligations", "[verify][runner]") {
  const std::vector<ltv::Obligation> all{obligation("V24.T4.1"), obligation("V24.DIAG"), obligation("A23.T1"),
                                         obligation("V24.T4.10")};
  CHECK(ids(ltv::select_obligations(all, "")) == ids(all));
  CHECK(ids(ltv::select_obligations(all, "*")) == ids(all));
  CHECK(ids(ltv::select_obligations(all, "V24.*")) ==
        std::vector<std::string>{"V24.T4.1", "V24.DIAG", "V24.T4.10"});
  CHECK(ids(ltv::select_obligations(all, "V24.T4.1")) == std::vector<std::string>{"V24.T4.1"});
  CHECK(ids(ltv::select_obligations(all, "*T?")) == std::vector<std::string>{"A23.T1"});
  CHECK(ltv::select_obligations(all, "NOPE").empty());
}

TEST_CASE("run_obligations runs each at the requested precision and restores it", "[verify][runner]") {
  const ltv::ScopedBits outer(64);
  const unsigned before = ltv::working_bits();
  const std::vector<ltv::Obligation> all{obligation("V24.T4.1"), obligation("A23.T1")};
  std::vector<std::string> events;
  ltv::RunProgress progress;
  progress.started = [&](const ltv::Obligation& o, int i, int total) {
    events.push_back("start " + o.id + " " + std::to_string(i) + "/" + std::to_string(total));
  };
  progress.finished = [&](const ObligationResult& r, int i, int total) {
    events.push_back("end " + r.id + " " + std::to_string(i) + "/" + std::to_string(total));
  };
  const auto run = ltv::run_obligations(all, kOptions, progress);
  CHECK(run.working_bits == 257u);
  CHECK(run.options.seed == kOptions.seed);
  REQUIRE(run.results.size() == 2);
  CHECK(run.results[0].id == "V24.T4.1");
  CHECK(run.results[1].id == "A23.T1");
  for (const auto& r : run.results) {
    CHECK(r.seed == kOptions.seed);
    CHECK(r.values.at("bits_seen") == 257u);
    CHECK(r.seconds >= 0);
  }
  CHECK(events == std::vector<std::string>{"start V24.T4.1 0/2", "end V24.T4.1 0/2", "start A23.T1 1/2",
                                           "end A23.T1 1/2"});
  CHECK(ltv::working_bits() == before);

  // An obligation that throws is an internal error; the precision is still restored.
  ltv::Obligation broken = obligation("X.BROKEN");
  broken.run = [](const ltv::Obligation&, const ltv::RunOptions&) -> ObligationResult {
    throw std::logic_error("internal");
  };
  CHECK_THROWS_AS(ltv::run_obligations({broken}, kOptions), std::logic_error);
  CHECK(ltv::working_bits() == before);
}

// ---------------------------------------------------------------------------------------------
// run_property

TEST_CASE("run_property: a property that always holds passes with exactly `cases` cases",
          "[verify][property]") {
  for (const int cases : {1, 17, 200}) {
    const ltv::RunOptions options{3, cases, 256};
    int calls = 0;
    const auto out = ltv::run_property<int>(
        "X.T1", "printed", rc::gen::inRange(0, 1000),
        [&](int) {
          ++calls;
          return CaseEvidence{};
        },
        options);
    CHECK(out.passed);
    CHECK_FALSE(out.gave_up);
    CHECK(out.cases == cases);
    CHECK(calls == cases);
    CHECK_FALSE(out.counterexample);
  }
}

TEST_CASE("run_property: a failure is shrunk to the smallest counterexample", "[verify][property]") {
  const auto check = [](int x) {
    CaseEvidence e;
    if (x > 10) e.failure = "x = " + std::to_string(x) + " exceeds 10";
    return e;
  };
  const auto out = ltv::run_property<int>("X.T1", "printed", rc::gen::inRange(0, 100000), check, kOptions);
  CHECK_FALSE(out.passed);
  CHECK_FALSE(out.gave_up);
  REQUIRE(out.counterexample);
  CHECK(*out.counterexample == "11");
  CHECK_THAT(out.failure, Catch::Contains("x = 11 exceeds 10"));
  CHECK(out.cases < kOptions.cases);
  // Deterministic: the same options give the same outcome.
  const auto again = ltv::run_property<int>("X.T1", "printed", rc::gen::inRange(0, 100000), check, kOptions);
  CHECK(again.counterexample == out.counterexample);
  CHECK(again.cases == out.cases);
}

TEST_CASE("run_property: too many discards is 'gave up'", "[verify][property]") {
  const auto out = ltv::run_property<int>(
      "X.T1", "printed", rc::gen::inRange(0, 1000),
      [](int) -> CaseEvidence {
        RC_DISCARD("never applicable");
        return {};
      },
      kOptions);
  CHECK_FALSE(out.passed);
  CHECK(out.gave_up);
  CHECK_FALSE(out.counterexample);
}

TEST_CASE("run_property: per-tier evidence keeps the worst case", "[verify][property]") {
  // Each case x gives a double-tier residual x and 100 - x digits; the rational tier residual 0.
  const auto check = [](int x) {
    CaseEvidence e;
    ltv::TierEvidence exact;
    exact.tier = ltv::Tier::Rational;
    exact.residual = "0";
    ltv::TierEvidence dbl;
    dbl.tier = ltv::Tier::Double;
    dbl.bits = 53;
    dbl.residual = std::to_string(x);
    dbl.residual_size = x;
    dbl.digits = 100 - x;
    dbl.required_digits = 10;
    e.tiers = {exact, dbl};
    return e;
  };
  const auto out = ltv::run_property<int>("X.T1", "printed", rc::gen::inRange(0, 90), check, kOptions);
  REQUIRE(out.passed);
  REQUIRE(out.tiers.size() == 2);
  const auto& dbl = out.tiers[0];  // reports are ordered by tier: double first
  const auto& exact = out.tiers[1];
  CHECK(dbl.tier == ltv::Tier::Double);
  CHECK(exact.tier == ltv::Tier::Rational);
  CHECK(dbl.cases == kOptions.cases);
  CHECK(exact.cases == kOptions.cases);
  CHECK(dbl.bits == 53u);
  CHECK(exact.worst_residual == "0");
  CHECK_FALSE(exact.digits);
  REQUIRE(dbl.digits);
  // The worst residual, the worst digits and the worst case all belong to the largest x drawn.
  const int worst = std::stoi(dbl.worst_residual);
  CHECK(*dbl.digits == 100 - worst);
  CHECK(dbl.worst_case == dbl.worst_residual);
  CHECK(dbl.required_digits == 10);
}

TEST_CASE("property_seed separates obligations and properties", "[verify][property]") {
  CHECK(ltv::property_seed(1, "V24.T4.1", "printed") == ltv::property_seed(1, "V24.T4.1", "printed"));
  CHECK(ltv::property_seed(1, "V24.T4.1", "printed") != ltv::property_seed(1, "V24.T4.1", "negative"));
  CHECK(ltv::property_seed(1, "V24.T4.1", "printed") != ltv::property_seed(1, "V24.DIAG", "printed"));
  CHECK(ltv::property_seed(1, "V24.T4.1", "printed") != ltv::property_seed(2, "V24.T4.1", "printed"));
}

// ---------------------------------------------------------------------------------------------
// decide

TEST_CASE("decide: printed form holds -> HOLDS", "[verify][decide]") {
  const auto r = ltv::decide(obligation("V24.T4.1"), kOptions,
                             outcomes(passed(20, "0"), failed("case 7", "residual 1/2")));
  CHECK(r.verdict == Verdict::Holds);
  CHECK(r.id == "V24.T4.1");
  CHECK(r.paper == "V24");
  CHECK(r.title == "title of V24.T4.1");
  CHECK(r.kind == "identity");
  CHECK(r.statement == "printed statement");
  CHECK(r.cases == 20);
  CHECK(r.seed == 7u);
  REQUIRE(r.tiers.size() == 1);
  CHECK(r.tiers[0].worst_residual == "0");
  CHECK_FALSE(r.counterexample);
  CHECK_FALSE(r.second_form);
  CHECK(r.negative_control.description == "a wrong variant");
  CHECK(r.negative_control.rejected);
  CHECK(r.negative_control.counterexample == std::optional<std::string>("case 7"));
  CHECK(r.reproduce == ltv::reproduce_command("V24.T4.1", kOptions));
  CHECK_THAT(r.reproduce, Catch::Contains("--only 'V24.T4.1'") && Catch::Contains("--seed 7") &&
                              Catch::Contains("--cases 20") && Catch::Contains("--bits 256"));
}

/// A second form of the given role, as an obligation would declare it.
ltv::SecondForm second(ltv::FormRole role) {
  return {role, "the second form", role == ltv::FormRole::Convention ? "the paper's code uses Qᵀ" : "",
          role == ltv::FormRole::Convention ? "its code, model.py" : "", false};
}

StatementOutcomes with_second(ltv::FormRole role, PropertyOutcome outcome) {
  auto s = outcomes(failed("d=1 n=2", "residual 1/2"), failed("case 3", "residual 1"));
  s.second = second(role);
  s.second_outcome = std::move(outcome);
  return s;
}

TEST_CASE("decide: verbatim printed fails, corrected holds -> HOLDS-WITH-CORRECTION", "[verify][decide]") {
  const auto r = ltv::decide(obligation("A23.L1"), kOptions, with_second(ltv::FormRole::Correction, passed(20, "0")));
  CHECK(r.verdict == Verdict::HoldsWithCorrection);
  CHECK(r.counterexample == std::optional<std::string>("d=1 n=2"));  // to the printed form, kept
  REQUIRE(r.second_form);
  CHECK(r.second_form->statement == "the second form");
  CHECK(r.second_form->holds);
  CHECK(r.statement == "printed statement");
  CHECK(r.values.at("printed_form_failure") == "residual 1/2");
  // Cases and evidence are those of the form that holds.
  CHECK(r.cases == 20);
  REQUIRE(r.tiers.size() == 1);
  CHECK(r.tiers[0].worst_residual == "0");
  CHECK(r.negative_control.rejected);
}

TEST_CASE("decide: the printed form holds under a convention of the paper's -> CONVENTION", "[verify][decide]") {
  const auto r = ltv::decide(obligation("A23.L1"), kOptions, with_second(ltv::FormRole::Convention, passed(20, "0")));
  CHECK(r.verdict == Verdict::Convention);
  REQUIRE(r.second_form);
  CHECK(r.second_form->convention == "the paper's code uses Qᵀ");
  CHECK(r.second_form->where == "its code, model.py");
  // A convention that does not rescue the printed form is no excuse: FAILS.
  const auto f = ltv::decide(obligation("A23.L1"), kOptions,
                             with_second(ltv::FormRole::Convention, failed("d=2", "residual 1/4")));
  CHECK(f.verdict == Verdict::Fails);
}

TEST_CASE("decide: a failing reconstruction is ours, not the paper's -> RECONSTRUCTION-FAILS", "[verify][decide]") {
  auto o = obligation("V24.T4.1");
  o.printed_form.source = ltv::Source::Reconstructed;
  const auto fixed = ltv::decide(o, kOptions, with_second(ltv::FormRole::Correction, passed(20, "0")));
  CHECK(fixed.verdict == Verdict::ReconstructionFails);
  const auto broken = ltv::decide(o, kOptions, outcomes(failed("d=1", "residual 1"), failed("c", "w")));
  CHECK(broken.verdict == Verdict::ReconstructionFails);
  // The same failure of a verbatim form is the paper's.
  const auto verbatim = ltv::decide(obligation("V24.T4.1"), kOptions, outcomes(failed("d=1", "residual 1"), failed("c", "w")));
  CHECK(verbatim.verdict == Verdict::Fails);
}

TEST_CASE("decide: an approximation the paper names, meeting its rule -> APPROXIMATION", "[verify][decide]") {
  auto o = obligation("V24.S5.3");
  o.approximate = true;
  CHECK(ltv::decide(o, kOptions, outcomes(passed(20, "0"), failed("c", "w"))).verdict == Verdict::Approximation);
  CHECK(ltv::decide(o, kOptions, outcomes(failed("case", "error 0.3 > 0.01"), failed("c", "w"))).verdict ==
        Verdict::Fails);
}

TEST_CASE("decide: printed and corrected both fail -> FAILS", "[verify][decide]") {
  const auto r = ltv::decide(obligation("A23.L1"), kOptions,
                             with_second(ltv::FormRole::Correction, failed("d=2 n=1", "residual 1/4")));
  CHECK(r.verdict == Verdict::Fails);
  CHECK(r.counterexample == std::optional<std::string>("d=1 n=2"));
  REQUIRE(r.second_form);
  CHECK_FALSE(r.second_form->holds);
  CHECK(r.values.at("printed_form_failure") == "residual 1/2");
  CHECK(r.values.at("second_form_failure") == "residual 1/4");

  // Without a corrected form, a failing printed form also FAILS.
  const auto plain = ltv::decide(obligation("A23.L1"), kOptions,
                                 outcomes(failed("d=1 n=2", "residual 1/2"), failed("case 3", "residual 1")));
  CHECK(plain.verdict == Verdict::Fails);
  CHECK(plain.counterexample == std::optional<std::string>("d=1 n=2"));
  CHECK_FALSE(plain.second_form);
}

TEST_CASE("decide: gave up -> INCONCLUSIVE", "[verify][decide]") {
  const auto r = ltv::decide(obligation("V24.T4.2"), kOptions, outcomes(gave_up(), failed("c", "w")));
  CHECK(r.verdict == Verdict::Inconclusive);
  CHECK_FALSE(r.counterexample);
  CHECK_THAT(r.inconclusive_reason, Catch::Contains("too many discarded cases"));
}

TEST_CASE("decide: a corrected form that gives up -> INCONCLUSIVE, not FAILS", "[verify][decide]") {
  const auto r = ltv::decide(obligation("A23.L1"), kOptions, with_second(ltv::FormRole::Correction, gave_up()));
  CHECK(r.verdict == Verdict::Inconclusive);
  CHECK_THAT(r.inconclusive_reason, Catch::Contains("correction gave up"));
}

TEST_CASE("decide: a negative control that is not rejected -> INCONCLUSIVE", "[verify][decide]") {
  const auto accepted =
      ltv::decide(obligation("V24.T4.1"), kOptions, outcomes(passed(20, "0"), passed(20, "0")));
  CHECK(accepted.verdict == Verdict::Inconclusive);
  CHECK_THAT(accepted.inconclusive_reason, Catch::Contains("a wrong variant") && Catch::Contains("not rejected"));
  CHECK_FALSE(accepted.negative_control.rejected);
  CHECK_FALSE(accepted.negative_control.counterexample);
  const auto undecided = ltv::decide(obligation("V24.T4.1"), kOptions, outcomes(passed(20, "0"), gave_up()));
  CHECK_FALSE(undecided.negative_control.rejected);
  CHECK(undecided.verdict == Verdict::Inconclusive);
  const auto rejected = ltv::decide(obligation("V24.T4.1"), kOptions,
                                    outcomes(passed(20, "0"), failed("case 9", "residual 1")));
  CHECK(rejected.verdict == Verdict::Holds);
  CHECK(rejected.negative_control.rejected);
  CHECK(rejected.negative_control.counterexample == std::optional<std::string>("case 9"));
}

TEST_CASE("run_obligations gates a verdict an obligation set after decide", "[verify][decide][runner]") {
  // An obligation that overrides its verdict to HOLDS although its control was accepted.
  ltv::Obligation o = obligation("X.OVERRIDE");
  o.run = [](const ltv::Obligation& self, const ltv::RunOptions& options) {
    ObligationResult r = ltv::decide(self, options, outcomes(passed(20, "0"), passed(20, "0")));
    r.verdict = Verdict::Holds;
    r.inconclusive_reason.clear();
    return r;
  };
  const auto run = ltv::run_obligations({o}, kOptions);
  REQUIRE(run.results.size() == 1);
  CHECK(run.results[0].verdict == Verdict::Inconclusive);
  CHECK_THAT(run.results[0].inconclusive_reason, Catch::Contains("not rejected"));
}

TEST_CASE("verdict_text carries the scope's unreached part", "[verify][decide]") {
  ObligationResult r;
  r.verdict = Verdict::Holds;
  CHECK(ltv::verdict_text(r) == "HOLDS");
  r.scope.limit = "L ≤ 2";
  CHECK(ltv::verdict_text(r) == "HOLDS");  // nothing missing, nothing to say
  r.scope.not_reached = {"L = 3"};
  CHECK(ltv::verdict_text(r) == "HOLDS (L ≤ 2; L = 3 not reached)");
  r.scope.limit.clear();
  r.scope.not_reached.push_back("d = 5");
  CHECK(ltv::verdict_text(r) == "HOLDS (L = 3, d = 5 not reached)");
}
