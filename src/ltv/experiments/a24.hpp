#pragma once
// A24's optimizer phenomena on linear attention, decided (docs/experiments.md, "A24"). The plan and
// its jobs are a24_plan.hpp's, one job's measurements a24_run.hpp's; this file turns the jobs'
// results into the experiment's document: the learning rates kept, every run (diverged ones listed
// as such, never averaged), and each claim of the paper decided by a rule stated before the run
// (stats/decision.hpp) with its negative control:
//
// Settings 1-3 (the paper's Sec. 3), per setting:
//   adam_beats_sgd            the share of seeds whose final loss is lower with Adam than with SGD
//                             (a diverged run loses), exact interval, above 1/2; control: Adam's
//                             runs against themselves.
//   heavy_tailed_noise        log(α̂ / α_Gauss): Hill's tail index of the noise norms at
//                             initialisation against its median for Gaussian noise of the observed
//                             covariance, bootstrap over minibatches, below 0; control: a Gaussian
//                             sample in place of the observed one.
//   condition_number_<t>      the mean over seeds of R(SGD)/R(Adam) at step t (the paper's
//                             statistic), bootstrap over seeds, above 1; control: Adam against Adam.
//   directional_smoothness    the mean over seeds of median smoothness(SGD) − median
//                             smoothness(Adam), above 0; control: Adam against Adam.
//   generalized_smoothness    the mean over Adam's seeds of Spearman(smoothness, gradient norm),
//                             above 0; control: the gradient norms shuffled.
// Covariates (Sec. 4.1, spherical against Γ-scaled = setting 3):
//   noise_heavier_with_gamma  log α̂(Γ) − log α̂(sphere), below 0;
//   condition_gap_larger_with_gamma  mean log(R(SGD)/R(Adam)) over seeds and checkpoints, Γ minus
//                             sphere, above 0;
//   faster_with_sphere_<opt>  mean log final loss, Γ minus sphere, above 0;
//   controls: the sphere against itself.
// Depth (Sec. 4.2, L ∈ {2, 4, 6, 8} on setting 1's data):
//   loss_gap_grows            slope in L of log(loss(SGD)/loss(Adam)) per seed, above 0;
//   loss_falls_<opt>          slope in L of log final loss, below 0;
//   controls: the depths shuffled among the runs;
//   noise_heavier_deeper      log α̂(L = 8) − log α̂(L = 2), below 0; control: L = 2 against itself;
//   condition_gap_deeper      mean log(R(SGD)/R(Adam)) over L ∈ {4, 6, 8} minus at L = 2, above 0;
//                             control: L = 2 against itself.
// Each claim's budget (seeds, steps, batch) is in the document's plan.
#include "ltv/experiments/a24_plan.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace ltv {

/// The document of a finished plan: `results[i]` is run_a24_job's result for a24_jobs(plan)[i].
/// Throws std::invalid_argument when the results do not match the jobs.
nlohmann::json a24_document(const A24Plan& plan, const std::vector<nlohmann::json>& results);

/// The paper's robust-condition-number ratios R(SGD)/R(Adam), mean and standard deviation over 6
/// seeds, at steps 750 and 1250, for settings 1-3 (null elsewhere).
nlohmann::json a24_paper_condition_ratios(const std::string& config);

}  // namespace ltv
