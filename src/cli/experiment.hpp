#pragma once
// `ltv experiment a24 [--setting 1|2|3]`: A24's optimizer phenomena, with a REPRODUCED /
// NOT-REPRODUCED verdict each, merged into results.json under "experiments".
#include "ltv/experiments/a24.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace ltv::cli {

struct ExperimentOptions {
  int setting = 0;  ///< 0: all three
  /// The options of each setting's run (its setting and log are set per setting): the library's
  /// defaults, but the trials of the learning-rate grid as long as the runs unless --grid-steps.
  A24Options run = [] {
    A24Options a;
    a.grid_steps = 0;
    return a;
  }();
  std::string results = "results.json";
};

void setup_experiment(CLI::App& app, ExperimentOptions& o);
int run_experiment(const ExperimentOptions& o);

}  // namespace ltv::cli
