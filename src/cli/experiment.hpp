#pragma once
// `ltv experiment a24 [--setting 1|2|3]`: A24's optimizer phenomena, with a REPRODUCED /
// NOT-REPRODUCED verdict each, merged into results.json under "experiments".
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ltv::cli {

struct ExperimentOptions {
  int setting = 0;  ///< 0: all three
  long long steps = 1500;
  int batch = 1024;
  int seeds = 3;
  int grid_steps = 0;
  std::uint64_t seed = 1;
  int threads = 1;
  std::string results = "results.json";
};

void setup_experiment(CLI::App& app, ExperimentOptions& o);
int run_experiment(const ExperimentOptions& o);

}  // namespace ltv::cli
