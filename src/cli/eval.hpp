#pragma once
// `ltv eval --model M [task options]`: the model's loss, adjusted loss and per-noise-level profile
// next to every baseline (docs/training.md), on a fresh evaluation set.
#include "task_options.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ltv::cli {

struct EvalOptions {
  std::string model;
  TaskOptions task;
  int eval_size = 10000;
  int tuning_size = 2000;
  std::uint64_t seed = 7;
  int gd_steps = 3;
  int threads = 1;
  bool json = false;
};

void setup_eval(CLI::App& app, EvalOptions& o);
int run_eval(const EvalOptions& o, const CLI::App& app);

}  // namespace ltv::cli
