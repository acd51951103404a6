#pragma once
// `ltv eval`'s computation: a model and every baseline on one evaluation set, with the loss, the
// adjusted loss (minus the oracle ridge's, as V24 reports it) and a per-noise-level profile.
// Loss scale: the mean of (ŷ − <w, x_q>)², no factor ½.
#include "ltv/baselines/baselines.hpp"
#include "ltv/model/parameters.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ltv {

struct PredictorScore {
  std::string name;
  std::string constants;
  double loss = 0;
  double standard_error = 0;    ///< of the loss, over the evaluation sequences
  double adjusted = 0;          ///< loss − oracle ridge's loss (same sequences)
  double adjusted_error = 0;    ///< standard error of the paired difference
  std::vector<double> per_bin;  ///< loss per noise-level bin
};

struct Evaluation {
  std::vector<std::string> bins;  ///< noise-level bins, e.g. "sigma = 1" or "sigma in [0, 0.5)"
  std::vector<int> bin_counts;
  std::vector<PredictorScore> rows;  ///< the model first (when given), then the baselines
};

struct EvaluationOptions {
  int eval_size = 10000;
  int tuning_size = 2000;  ///< sequences for tuning the baselines (a disjoint stream)
  std::uint64_t seed = 1;
  int gd_steps = 3;
  int threads = 1;
};

/// Throws std::invalid_argument for bad sizes or a model whose d differs from the task's.
Evaluation evaluate(const TaskDistribution& task, const std::optional<Model<double>>& model,
                    const EvaluationOptions& options);

}  // namespace ltv
