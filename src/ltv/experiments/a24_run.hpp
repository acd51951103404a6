#pragma once
// What one job of the A24 experiment measures (a24_plan.hpp's jobs; docs/experiments.md, "A24").
//
// A training job trains RELAXED at the job's rate and seed with the public code's protocol and
// measures, on the configuration's fixed probe batch (the code's fixed seed-99 batch):
//   - the final loss (or the divergence: step and reason, docs/training.md), and the loss curve;
//   - the robust condition number R = max |diag H| / median |diag H| at each checkpoint, the Hessian
//     diagonal by forward differences of the hand-derived gradient;
//   - the directional smoothness uᵀ H u along each sampled update u = (θ_{t+1} − θ_t)/|θ_{t+1} − θ_t|
//     at θ_t, by a central difference of the gradient along u, with the gradient norm at θ_t.
// A noise job measures the stochastic-gradient noise at initialisation as the code does: the norms
// |g_minibatch − g_reference| of many minibatch gradients around a large-batch gradient, at the θ⁰
// of the configuration's first seed; and, as the reference a heavy tail is judged against, the
// same norms for Gaussian noise with the observed covariance (replicates, by the covariance's
// eigenvalues), with Hill's tail index of each.
#include "ltv/experiments/a24_plan.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ltv {

/// The Hill tail index uses the k = M / kA24HillFraction largest of M noise norms.
inline constexpr int kA24HillFraction = 20;
/// Gaussian replicates of the noise reference.
inline constexpr int kA24GaussianReplicates = 100;

/// The seed of run `seed_index` of a configuration: the same for both optimizers and every rate, so
/// that Adam and SGD of one seed start from the same θ⁰ and see the same batches (paired).
std::uint64_t a24_run_seed(const A24Plan& plan, const std::string& config, int seed_index);

/// Runs the job (on one thread).
nlohmann::json run_a24_job(const A24Plan& plan, const A24Job& job);

}  // namespace ltv
