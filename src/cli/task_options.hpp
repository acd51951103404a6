#pragma once
// The task-distribution options shared by `ltv train` and `ltv eval` (docs/conventions.md): dimension, context
// length, covariance, task prior, noise and covariates.
#include "ltv/core/task.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ltv::cli {

struct TaskOptions {
  int d = 10;
  int n = 20;
  std::vector<double> cov_eigs;      ///< empty: Σ_x = I
  std::uint64_t cov_seed = 1;        ///< rotation of Σ_x = U diag(e) Uᵀ (U Haar)
  std::string prior = "identity";    ///< identity | inverse-covariance
  std::string noise = "fixed";       ///< fixed | uniform | categorical
  double sigma = 0;                  ///< fixed: σ; uniform: σ_max
  std::vector<double> sigma_levels;  ///< categorical
  std::string covariates = "gaussian";
};

/// Adds the options to `app`, with the defaults above.
void add_task_options(CLI::App& app, TaskOptions& o);

/// The distribution the options describe; throws std::invalid_argument naming the bad option.
TaskDistribution task_distribution(const TaskOptions& o);

}  // namespace ltv::cli
