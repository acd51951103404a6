#pragma once
// What one job of the V24 mechanism experiment does (v24_plan.hpp's jobs; docs/experiments.md,
// "V24"). Squared errors are on the scale (ŷ − <w, x_q>)², without V24's factor ½.
//   model:     the trained model and, as every control's input, the same architecture at its
//              initial parameters θ⁰, each on the column's evaluation sequences (per-sequence
//              squared errors of the final readout; the mean squared error of the readout
//              ŷ^K = −y_{n+1}^K after every layer K = 0..L, K = 0 predicting 0; the per-layer paired
//              improvement e_K − e_{K−1} with a Bonferroni-corrected t interval) and on the profile
//              sequences of every σ of the grid (per layer the mean squared error; the final
//              readout's per-sequence errors); the weights' diagonal share; per-layer ω (DIAG, GD++)
//              in V24's c = 1 convention.
//   baselines: the oracle ridge, ConstRR, AdaRR, TunedRR (tuned on a disjoint set) on the same
//              evaluation sequences (per-sequence errors) and profile sequences (means).
//   mixture:   a two-layer model trained on the two-level mixture at context length n, and Theorem
//              5.2's construction at that n: per level, the relative distance of its prediction to the
//              oracle ridge's, Σ(ŷ − ŷ_ρ)² / Σ ŷ_ρ², and the losses; the trained per-layer ω.
#include "ltv/experiments/v24_plan.hpp"

#include <nlohmann/json.hpp>

namespace ltv {

nlohmann::json run_v24_job(const V24Plan& plan, const V24Job& job);

/// An upper bound on the bytes of one job's result (its per-sequence errors).
std::uintmax_t v24_job_bytes(const V24Plan& plan);

}  // namespace ltv
