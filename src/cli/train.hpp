#pragma once
// `ltv train`: trains a model in double precision (docs/training.md) and writes a model file; checkpoints
// every N steps and on SIGINT/SIGTERM; `--resume` continues a checkpoint bit for bit.
#include "task_options.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ltv::cli {

struct TrainOptions {
  TaskOptions task;
  std::string family = "full";
  int layers = 1;
  int heads = 1;
  std::string norm = "mean";
  std::string optimizer = "adam";
  double lr = 1e-3;
  double beta1 = 0.9, beta2 = 0.999;
  double momentum = 0.9;
  double clip = 0;
  std::string schedule = "constant";
  long long decay_every = 0;
  bool clip_per_matrix = false;
  int warmup = 0;
  int batch = 2048;
  long long steps = 1000;
  int fresh_every = 1;
  std::uint64_t seed = 1;
  double init_scale = 0.1;
  int eval_size = 4096;
  long long eval_every = 100;
  int threads = 1;
  long long checkpoint_every = 1000;
  std::string out = "model.json";
  std::string resume;
  bool quiet = false;
};

void setup_train(CLI::App& app, TrainOptions& o);
int run_train(const TrainOptions& o, const CLI::App& app);

}  // namespace ltv::cli
