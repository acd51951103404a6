#pragma once
// `ltv experiment a24`: A24's optimizer phenomena at the protocol of the paper's public code
// (experiments/a24.hpp), its jobs run like `ltv reproduce`'s (job_runner.hpp: --jobs threads,
// MPI ranks, finished jobs kept in OUT/jobs/), the document written to OUT/a24.json and merged into
// results.json under experiments.a24.
#include "ltv/experiments/a24_plan.hpp"
#include "ltv/parallel/process_group.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv::cli {

struct ExperimentOptions {
  std::string preset = "quick";
  std::vector<std::string> studies;  ///< empty: all
  std::optional<long long> steps;
  std::optional<int> seeds;
  std::optional<int> batch;
  std::optional<int> noise_minibatches;
  std::uint64_t seed = 1;
  int jobs = 1;
  std::string out = "a24";
  std::string results = "results.json";
};

void setup_experiment(CLI::App& app, ExperimentOptions& o);
int run_experiment(const ExperimentOptions& o, const ProcessGroup& group);

}  // namespace ltv::cli
