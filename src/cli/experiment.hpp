#pragma once
// `ltv experiment a24|a23|v24`: A24's optimizer phenomena at the protocol of the paper's public code
// (experiments/a24.hpp), A23's Theorems 3-4 trained at the paper's protocol (experiments/a23.hpp)
// and V24's mechanisms on trained models (experiments/v24.hpp), their jobs run like `ltv reproduce`'s (job_runner.hpp: --jobs threads, MPI
// ranks, finished jobs kept in OUT/jobs/), the document written to OUT/<name>.json and merged into
// results.json under experiments.<name>.
#include "ltv/experiments/a24_plan.hpp"
#include "ltv/parallel/process_group.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv::cli {

struct ExperimentOptions {
  std::string which;  ///< the subcommand: "a24", "a23" or "v24"
  std::string preset = "quick";
  std::vector<std::string> studies;  ///< empty: all
  std::optional<long long> steps;
  std::optional<int> seeds;
  std::optional<int> batch;
  std::optional<int> noise_minibatches;
  std::optional<int> rotations;
  std::uint64_t seed = 1;
  int jobs = 1;
  std::string out;  ///< default: the subcommand's name
  std::string results = "results.json";
};

void setup_experiment(CLI::App& app, ExperimentOptions& o);
int run_experiment(const ExperimentOptions& o, const ProcessGroup& group);

}  // namespace ltv::cli
