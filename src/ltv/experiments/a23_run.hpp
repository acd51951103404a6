#pragma once
// What one job of the A23 experiment does (a23_plan.hpp's jobs; docs/experiments.md, "A23").
//   theory: the exact best point (a*, b*) of the family S for the configuration (A23 Theorems 3-4;
//           theory/stationary_analysis.hpp, the Wishart engine, 256 bits), which depends on Σ's
//           eigenvalues only, so one job serves every rotation;
//   train:  one run at the plan's protocol for rotation U (Σ = Uᵀ D U), with the Dist curves
//           Dist(Σ^{1/2} A_l Σ^{1/2}, I) and Dist(B_l, I) every dist_every steps, and at the end the
//           fitted a_l = tr(Σ^{1/2} A_l Σ^{1/2}) / d, b_l = tr B_l / d, the Dist values and, as the
//           negative control's input, Dist(Σ^{-1/2} A_l Σ^{-1/2}, I) (the wrong family a_l Σ).
#include "ltv/experiments/a23_plan.hpp"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

namespace ltv {

/// Σ = Uᵀ D U of rotation r (the same for every configuration).
Eigen::MatrixXd a23_covariance(const A23Plan& plan, int rotation);

nlohmann::json run_a23_job(const A23Plan& plan, const A23Job& job);

}  // namespace ltv
