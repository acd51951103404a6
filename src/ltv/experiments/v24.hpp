#pragma once
// V24's mechanisms, decided (docs/experiments.md, "V24"): the jobs' results (v24_run.hpp) turned
// into the experiment's document — per trained model its adjusted loss, readouts after every layer,
// per-noise profiles and weights; per column the baselines; the mixture study — and the claims, each
// with a negative control run through the same rule (stats/decision.hpp):
//   <comparison id>               from the plan's comparisons: the mean paired difference of squared
//                                 errors with its t interval; "lower" claims REPRODUCED when it lies
//                                 below 0; "matches" claims when |difference| / (b's adjusted loss)
//                                 lies below the margin over the whole interval (an equivalence
//                                 test); control: the same with a replaced by the plan's control.
//   fig5.readout_improves.<F>.L<l>  every layer's readout improves on the one before (V24 Fig. 5):
//                                 the largest per-layer change below 0; control: the model at θ⁰.
//   fig4.full_diagonal_heavy.L<l>   the share of the weights' squared mass off the diagonals below
//                                 one half (V24 Fig. 4: "very diagonal heavy"); one trained model,
//                                 so the value itself decides; control: the weights at θ⁰.
//   t5_2.diag_approaches_ridge.sigma<σ>  trained two-layer DIAG models get closer to the oracle
//                                 ridge as n grows (ltv's test of Theorem 5.2's mechanism: V24 trains
//                                 no such model): the slope of log relative distance on log n below
//                                 0; control: two-layer GD++, which cannot estimate the noise level.
#include "ltv/experiments/v24_plan.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace ltv {

/// `results[i]` is run_v24_job's result for v24_jobs(plan)[i]; throws std::invalid_argument when
/// they do not match.
nlohmann::json v24_document(const V24Plan& plan, const std::vector<nlohmann::json>& results);

}  // namespace ltv
