// Every obligation of the catalogue, run under Catch2/CTest exactly as `ltv check` runs it: the
// same Obligation objects, the same RapidCheck properties. Each test asserts what makes a check
// trustworthy — a verdict, the negative control rejected with a shrunk counterexample, the exact
// tier's residual exactly 0 where the statement (or its correction) holds, and the float tiers
// within their derived tolerance — plus the verdict ltv establishes for that statement.
#include "catalogue.hpp"

#include "ltv/scalar/precision.hpp"
#include "ltv/verify/runner.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>

namespace {

/// The verdicts ltv establishes (docs/catalogue.md explains each discrepancy).
const std::map<std::string, ltv::Verdict> kExpected = {
    {"V24.T4.1", ltv::Verdict::Holds},
    {"V24.STATS", ltv::Verdict::Holds},
    {"V24.L4.4", ltv::Verdict::HoldsWithCorrection},
    {"V24.DIAG", ltv::Verdict::Holds},
    {"V24.GDPP", ltv::Verdict::Holds},
    {"V24.S5.2", ltv::Verdict::Holds},
    {"V24.S5.3", ltv::Verdict::Approximation},
    {"V24.LA.2", ltv::Verdict::Holds},
    {"V24.LA.3", ltv::Verdict::Holds},
    {"V24.T5.1", ltv::Verdict::Holds},
    {"V24.T5.2", ltv::Verdict::HoldsWithCorrection},
    {"V24.T4.2", ltv::Verdict::Holds},
    {"A23.L1", ltv::Verdict::Convention},
    {"A23.T1", ltv::Verdict::Holds},
    {"A23.T2", ltv::Verdict::Holds},
    {"A23.T3", ltv::Verdict::Holds},
    {"A23.T4", ltv::Verdict::Holds},
    {"A23.T5", ltv::Verdict::Holds},
    {"A23.L4", ltv::Verdict::Holds},
    {"EXP.WISHART", ltv::Verdict::Holds},
    {"EXP.MC", ltv::Verdict::Holds},
    {"EXP.ONE_LAYER", ltv::Verdict::Holds},
    {"TRAIN.GRAD", ltv::Verdict::Holds},
};

/// `min_cases`: the cases the obligation must have checked; 0 means --cases (a statistical
/// obligation's case count belongs to its decision rule instead).
ltv::ObligationResult check_obligation(const std::string& id, int min_cases = 0) {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), id);
  REQUIRE(selected.size() == 1);
  const ltv::RunOptions options{20261125, 200, 256};
  const ltv::CheckRun run = ltv::run_obligations(selected, options);
  const ltv::ObligationResult& r = run.results.at(0);
  INFO(id << ": " << ltv::verdict_name(r.verdict) << ", " << r.values.dump());

  const int required_cases = min_cases > 0 ? min_cases : options.cases;
  CHECK(r.verdict == kExpected.at(id));
  CHECK(r.cases >= required_cases);
  CHECK(r.negative_control.rejected);
  CHECK(r.negative_control.counterexample.has_value());
  if (r.verdict == ltv::Verdict::HoldsWithCorrection || r.verdict == ltv::Verdict::Convention) {
    CHECK(r.counterexample.has_value());
    REQUIRE(r.second_form.has_value());
    CHECK(r.second_form->holds);
  }
  if (r.verdict == ltv::Verdict::Convention) {
    CHECK_FALSE(r.second_form->convention.empty());
    CHECK_FALSE(r.second_form->where.empty());
  }
  // Every result says where its printed form comes from and what it covered.
  CHECK_FALSE(r.scope.checked.empty());
  if (r.printed_form.source != ltv::Source::Ltv) {
    CHECK_FALSE(r.printed_form.where.empty());
    CHECK_FALSE(r.conventions.empty());
  }
  if (r.printed_form.source == ltv::Source::Verbatim) CHECK_FALSE(r.printed_form.quote.empty());
  if (r.printed_form.source == ltv::Source::Reconstructed) CHECK_FALSE(r.printed_form.note.empty());
  for (const auto& t : r.tiers) {
    INFO("tier " << t.tier);
    CHECK(t.cases >= required_cases);
    // An approximation's exact residual is its measured error, which its rule bounds; every other
    // exact residual is the rational number 0.
    if (t.tier == ltv::Tier::Rational && r.verdict != ltv::Verdict::Approximation)
      CHECK(t.worst_residual == "0");
    if (t.digits) {
      REQUIRE(t.required_digits.has_value());
      CHECK(*t.digits >= *t.required_digits);
    }
    // At least the requested precision (V24.T5.1 derives a higher one from its target accuracy).
    if (t.tier == ltv::Tier::Mpfr) CHECK(t.bits >= ltv::ScopedBits(256).bits());
  }
  return r;
}

}  // namespace

TEST_CASE("the catalogue lists every obligation once, each with an expected verdict") {
  const auto all = ltv::proofs::catalogue();
  std::map<std::string, int> seen;
  for (const auto& o : all) ++seen[o.id];
  for (const auto& [id, count] : seen) {
    INFO(id);
    CHECK(count == 1);
    CHECK(kExpected.count(id) == 1);
  }
  CHECK(seen.size() == kExpected.size());
}

TEST_CASE("V24.T4.1") { check_obligation("V24.T4.1"); }
TEST_CASE("V24.STATS") { check_obligation("V24.STATS"); }
TEST_CASE("V24.L4.4") { check_obligation("V24.L4.4"); }
TEST_CASE("V24.DIAG") { check_obligation("V24.DIAG"); }
TEST_CASE("V24.GDPP") { check_obligation("V24.GDPP"); }
TEST_CASE("V24.S5.2") { check_obligation("V24.S5.2"); }
TEST_CASE("V24.S5.3") { check_obligation("V24.S5.3"); }
TEST_CASE("V24.LA.2") { check_obligation("V24.LA.2"); }
TEST_CASE("V24.LA.3") { check_obligation("V24.LA.3"); }

TEST_CASE("V24.LA.3: both claims certified, c = 4356/4761 enclosed, interval negative controls refuted") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "V24.LA.3");
  const auto r = ltv::run_obligations(selected, {3, 50, 256}).results.at(0);
  INFO(r.values.dump());
  CHECK(r.values.at("claim1_ratio_over_kappa").at("certified") == true);
  CHECK(r.values.at("claim2_excess_over_eps2").at("certified") == true);
  CHECK(r.values.at("tightest_c").at("closed_form_inside_enclosure") == true);
  CHECK(r.values.at("negative_interval_c_9_10").at("refuted") == true);
  CHECK(r.values.at("negative_interval_gamma_nu_half_claim2").at("refuted") == true);
}

TEST_CASE("V24.T5.1") {
  // 5 kappas x 8 accuracies x 4 contexts; the grid's count, not --cases.
  check_obligation("V24.T5.1", 160);
}

TEST_CASE("V24.T5.1: 100+ digits, layer counts within the explicit bound, one more layer per squaring") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "V24.T5.1");
  const auto r = ltv::run_obligations(selected, {5, 20, 256}).results.at(0);
  INFO(r.values.dump());
  CHECK(r.values.at("final_correct_digits").get<double>() >= 100);
  const auto& grid = r.values.at("grid");
  REQUIRE(grid.size() == 40);
  for (const auto& row : grid) {
    CHECK(row.at("preconditioning_layers").get<int>() <= row.at("bound_preconditioning_layers").get<int>());
    CHECK(row.at("correct_digits").get<double>() >= 0);
  }
  for (const auto& [kappa, table] : r.values.at("digit_tables").items()) {
    INFO(kappa);
    int doubling_rows = 0;
    for (const auto& row : table)
      if (row.contains("digit_ratio")) {
        ++doubling_rows;
        // Lemma A.3's e' <= 2e²: the digits at least double, less log10 2.
        CHECK(row.at("adversarial_digits").get<double>() >=
              2 * row.at("digits_before").get<double>() - std::log10(2.0) - 1e-6);
      }
    CHECK(doubling_rows >= 5);
  }
  for (const auto& c : r.values.at("rounding_cross_check"))
    CHECK(std::stod(c.at("max_relative_change").get<std::string>()) <= 1e-10);

  // The negative control, plain GD: the forward confirms its counts where it runs, the same rule
  // rejects them, and squaring eps breaks the log log part on every kappa.
  const auto& control = r.values.at("negative_control");
  CHECK(control.at("unconfirmed").empty());
  CHECK(control.at("forward_points").get<int>() >= 5);
  for (const auto& kappa : control.at("grid")) {
    INFO(kappa.at("kappa"));
    bool loglog = false;
    for (const auto& row : kappa.at("rows")) {
      loglog = loglog || row.at("violates_loglog").get<bool>();
      CHECK(row.at("layers").get<std::int64_t>() > row.at("construction_layers").get<std::int64_t>());
    }
    CHECK(loglog);
  }
}

TEST_CASE("V24.T5.2") {
  // 9 lengths x 2 noise levels x 32 sequences; the rule's draw count, not --cases.
  check_obligation("V24.T5.2", 576);
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "V24.T5.2");
  const auto r = ltv::run_obligations(selected, {7, 20, 256}).results.at(0);
  CHECK(r.values.at("derivation_check").at("holds") == true);
  CHECK(r.values.at("corrected").at("converges") == true);
  CHECK(r.values.at("printed").at("converges") == false);
  CHECK(r.values.at("negative_control_no_factor_n").at("converges") == false);
}
TEST_CASE("A23.L1") { check_obligation("A23.L1"); }
TEST_CASE("V24.T4.2") {
  // 3 dimensions x 5 ratios x 400 draws; the rule's count, not --cases.
  check_obligation("V24.T4.2", 6000);
}

TEST_CASE("V24.T4.2: the threshold is derived, the family is stated, each control fails its rule") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "V24.T4.2");
  const auto r = ltv::run_obligations(selected, {3, 200, 256}).results.at(0);
  INFO(r.values.dump());
  // n/d = 2048 is the first power of two whose limit-law tail is <= 1% at every d.
  for (const auto& [d, tails] : r.values.at("threshold").at("limit_law_tail").items()) {
    INFO(d);
    CHECK(tails.at("at_threshold").get<double>() <= 0.01);
  }
  CHECK(r.values.at("threshold").at("limit_law_tail").at("d=2").at("at_half_threshold").get<double>() > 0.01);
  const auto& family = r.values.at("family");
  CHECK(family.at("alpha") == 0.01);
  CHECK(family.at("tests").at("threshold").size() == 3);
  CHECK(family.at("tests").at("rate").size() == 2);
  CHECK(family.at("tests").at("accepted") == true);
  // The limit law E n sup cos² = d + 4, at the largest n of every d (400 draws: within 4 SE).
  for (const auto& p : r.values.at("quadratic_target").at("points"))
    if (p.at("n").get<int>() == 2048 * p.at("d").get<int>())
      CHECK(std::abs(p.at("mean_n_cos2_over_d_plus_4").get<double>() - 1) <=
            4 * p.at("mean_n_cos2_over_d_plus_4_se").get<double>());
  const auto& near = r.values.at("negative_controls").at("near_threshold").at("rule");
  CHECK(near.at("threshold_holds") == false);
  const auto& cubic = r.values.at("negative_controls").at("cubic").at("rule");
  CHECK(cubic.at("rate_holds") == false);
}

TEST_CASE("A23.T1") { check_obligation("A23.T1"); }

TEST_CASE("A23.T1: certified global minimum — noise extension — the Hessian's null space is the orbit") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "A23.T1");
  const auto r = ltv::run_obligations(selected, {5, 50, 256}).results.at(0);
  const auto& certified = r.values.at("certified_global_minimum");
  CHECK(certified.at("holds") == true);
  CHECK(certified.at("cases") == 50);
  CHECK(certified.at("negative_control_rejected") == true);
  for (const auto& row : certified.at("identity_covariance")) {
    INFO(row.dump());
    CHECK(row.at("certified") == true);
  }
  CHECK(certified.at("identity_covariance").size() == 2);
  CHECK(certified.at("one_head_d1_second_minimiser").at("same_tensor_as_optimum") == true);
  CHECK(certified.at("one_head_d1_second_minimiser").at("same_loss_as_optimum") == true);
  CHECK(r.values.at("noise_extension_certified").at("holds") == true);
  CHECK(r.values.at("noise_extension_tr_sigma_plus_noise_var").at("holds") == true);
  for (const auto& row : r.values.at("hessian_at_optimum")) {
    INFO(row.dump());
    CHECK(row.at("known_null_directions_exactly_null") == true);
    CHECK(row.at("null_space_is_the_orbit") == true);
  }
}

// One run (the certificates take most of its 40 s): the verdict, the multi-start, the certificate.
TEST_CASE("A23.T2: every start reaches the scalar optimum, and the certificate at d = 2 closes") {
  const auto r = check_obligation("A23.T2", 500);
  const auto& rows = r.values.at("multi_start");
  CHECK(rows.size() == 4);
  for (const auto& row : rows) {
    INFO(row.dump());
    CHECK(row.at("confirmed") == true);
    CHECK(row.at("local_minima").get<int>() > 0);
    CHECK(row.at("best_is_diagonal") == true);
    CHECK(row.at("optimum_full_hessian").at("negative") == 0);
    CHECK(row.at("optimum_full_hessian").at("null_dimension") == 0);
  }
  const auto& certificates = r.values.at("certificate_d2");
  CHECK(certificates.size() == 2);
  for (const auto& c : certificates) {
    INFO(c.dump());
    CHECK(c.at("certified") == true);
    CHECK(c.at("negative_control").at("rejected") == true);
  }
}

TEST_CASE("A23.L4") { check_obligation("A23.L4"); }

TEST_CASE("A23.L4: the RELAXED swap is measured and breaks unless every b_l is 0") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "A23.L4");
  const auto r = ltv::run_obligations(selected, {3, 20, 256}).results.at(0);
  const auto& rows = r.values.at("relaxed_family_swap");
  REQUIRE(rows.size() == 4);
  for (const auto& row : rows) {
    INFO(row.dump());
    const bool b_zero = row.at("b").at(0) == 0.0 && row.at("b").at(1) == 0.0;
    CHECK(row.at("symmetric") == b_zero);
  }
}

TEST_CASE("A23.T3") { check_obligation("A23.T3", 12); }
TEST_CASE("A23.T4") {
  const auto r = check_obligation("A23.T4", 5);
  // The checked scope, as data: L = 1 (d = 2, 3, 4) and L = 2 (d = 2) on the matching engine's grid,
  // and the paper's setting (L = 3, d = 5, n = 10) by the Wishart engine; L = 4 named as not reached.
  const auto& scope = r.values.at("scope_checked");
  CHECK(scope.at("max_L") == 2);
  CHECK(scope.at("pairs").size() == 4);
  REQUIRE(!r.values.at("not_reached").empty());
  CHECK(r.values.at("not_reached").at(0).get<std::string>().rfind("L = 4", 0) == 0);
  // ... and in the verdict every output prints.
  CHECK(ltv::verdict_text(r) == "HOLDS (L ≤ 2, d ≤ 4; the paper's setting: L = 3 (d = 5, n = 10); L = 4 not reached)");
  CHECK(r.scope.paper_setting_reached == std::optional<bool>(true));
  const auto& paper = r.values.at("cases").back();
  INFO(paper.dump());
  CHECK(paper.at("engine") == "wishart");
  CHECK(paper.at("scalar_digits").get<double>() >= 60);
  CHECK(paper.at("hessian").at("null_dimension") == 25);  // B_2's d² entries never reach the prediction
  CHECK(paper.at("negative_controls").at("off_optimum").at("rejected") == true);
}
TEST_CASE("A23.T5") { check_obligation("A23.T5", 3); }

TEST_CASE("A23.T5: one Holm family over every test of the grid, the control rejected by it") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "A23.T5");
  const auto r = ltv::run_obligations(selected, {5, 200, 256}).results.at(0);
  INFO(r.values.dump());
  const auto& family = r.values.at("family");
  CHECK(family.at("tests") == 64);  // (d+1)² gradient coordinates per size, and 3 minimisers
  CHECK(family.at("raw_p_values").size() == 64);
  CHECK(family.at("rejected") == false);
  CHECK(family.at("smallest_p_value").get<double>() > 0.01 / 64);
  CHECK(r.values.at("negative_control_family").at("rejected") == true);
}

TEST_CASE("A23.T3: every point reaches 60 digits and every wrong point is rejected on every one") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "A23.T3");
  const auto r = ltv::run_obligations(selected, {11, 200, 256}).results.at(0);
  for (const auto& [key, control] : r.values.at("negative_controls").items()) {
    INFO(key);
    CHECK(control.at("rejected") == true);
    // The off-optimum point on the 9 grid and 3 paper points; the wrong families on the grid.
    CHECK(control.at("rejected_on") == (key == "off_optimum" ? 12 : 9));
  }
  CHECK(r.values.at("negative_controls").size() == 3);
  CHECK(r.values.at("scope_checked").at("max_L") == 3);
  CHECK(r.scope.not_reached.empty());
  CHECK(r.scope.paper_setting_reached == std::optional<bool>(true));
  int hessians = 0, paper = 0;
  for (const auto& row : r.values.at("cases")) {
    INFO(row.dump());
    CHECK(row.at("scalar_digits").get<double>() >= 60);
    if (row.contains("hessian")) {
      ++hessians;
      CHECK(row.at("hessian").contains("negative_eigenvalues"));
    }
    if (row.contains("engine")) {
      ++paper;
      CHECK(row.at("minimum_over_S").get<std::string>().rfind("certified", 0) == 0);
      CHECK(row.at("hessian").at("orderings").at("count") > 1);
    }
  }
  CHECK(r.values.at("cases").size() == 12);
  CHECK(paper == 3);
  CHECK(hessians == 10);  // L d² <= 27 on the grid, and every paper point
}

TEST_CASE("EXP.WISHART") { check_obligation("EXP.WISHART"); }
TEST_CASE("EXP.ONE_LAYER") { check_obligation("EXP.ONE_LAYER"); }

TEST_CASE("TRAIN.GRAD") {
  // 5 families x 6 random architectures; the check's count, not --cases.
  check_obligation("TRAIN.GRAD", 30);
}

TEST_CASE("TRAIN.GRAD: a 1e-12 error in one small entry is rejected per entry, invisible against the largest") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "TRAIN.GRAD");
  const auto r = ltv::run_obligations(selected, {4, 200, 256}).results.at(0);
  INFO(r.values.dump());
  CHECK(r.values.at("largest_floor_over_scale").get<double>() < 1e-13);
  CHECK(r.values.at("largest_reference_error_over_scale").get<double>() < 1e-40);
  const auto& corrupted = r.values.at("negative_control_corrupted_entry");
  CHECK(corrupted.at("cases_the_previous_rule_accepts") == 30);
  CHECK(corrupted.at("cases_rejected_that_the_previous_rule_accepts").get<int>() > 0);
  CHECK(corrupted.at("worst_digits").get<double>() < 10);
}

TEST_CASE("EXP.WISHART: every (d, n) of the grid holds, and the flawed reference engines are rejected") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "EXP.WISHART");
  const auto r = ltv::run_obligations(selected, {9, 20, 256}).results.at(0);
  const auto& grid = r.values.at("grid");
  CHECK(grid.at("pairs") == 72);
  CHECK(grid.at("holding") == 72);
  const auto& reference = r.values.at("reference_engines");
  REQUIRE(reference.size() == 3);
  CHECK(reference[0].at("holding") == 72);  // the flawless reference agrees everywhere
  for (std::size_t i = 1; i < reference.size(); ++i) {
    INFO(reference[i].dump());
    CHECK(reference[i].at("holding") < 72);
    CHECK_FALSE(reference[i].at("first_failure").get<std::string>().empty());
  }
}

TEST_CASE("EXP.MC") { check_obligation("EXP.MC", 100); }

TEST_CASE("EXP.MC: z-scores reported, both flawed engines rejected, reproducible from the seed") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "EXP.MC");
  const auto a = ltv::run_obligations(selected, {11, 200, 256}).results.at(0);
  INFO(a.values.dump());
  const auto& engine = a.values.at("engine");
  CHECK(engine.at("z_scores").size() == 100);
  CHECK(a.values.at("binomial_rule").at("allowed_exceedances") == 1);
  CHECK(engine.at("beyond_4_se") <= 1);
  CHECK(engine.at("accepted") == true);
  CHECK(a.values.at("tail_check").at("family_alpha_kept") == true);
  CHECK(engine.at("within_2_se") <= engine.at("within_3_se"));
  CHECK(engine.at("within_3_se") <= engine.at("within_4_se"));
  CHECK(a.values.at("reference_without_component_weight").at("accepted") == false);
  CHECK(a.values.at("reference_without_transposes").at("accepted") == false);
  const auto b = ltv::run_obligations(selected, {11, 200, 256}).results.at(0);
  CHECK(a.values == b.values);
  const auto other = ltv::run_obligations(selected, {12, 200, 256}).results.at(0);
  CHECK(other.values.at("engine").at("z_scores") != engine.at("z_scores"));
}

TEST_CASE("A23.L1: the printed form holds exactly for symmetric A") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "A23.L1");
  const auto r = ltv::run_obligations(selected, {3, 100, 256}).results.at(0);
  const auto& v = r.values.at("printed_form_on_symmetric_A");
  CHECK(v.at("holds") == true);
  CHECK(v.at("cases") == 100);
}

TEST_CASE("the same seed gives the same results") {
  const auto selected = ltv::select_obligations(ltv::proofs::catalogue(), "V24.DIAG");
  const ltv::RunOptions options{7, 50, 256};
  auto a = ltv::run_obligations(selected, options).results.at(0);
  auto b = ltv::run_obligations(selected, options).results.at(0);
  CHECK(a.values == b.values);
  CHECK(a.negative_control.counterexample == b.negative_control.counterexample);
  REQUIRE(a.tiers.size() == b.tiers.size());
  for (std::size_t i = 0; i < a.tiers.size(); ++i) {
    CHECK(a.tiers[i].worst_residual == b.tiers[i].worst_residual);
    CHECK(a.tiers[i].worst_case == b.tiers[i].worst_case);
  }
}
