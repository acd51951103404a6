// Benchmark of one training step (issue: FULL, d = 10, n = 20, L = 7, batch 2048, float64, 2 threads;
// forward, backward and Adam), the ltv side of bench/train_step_vs_pytorch.sh. Not a test: it
// prints (and with --json writes) timings.
//
//   build/bin/ltv_bench_train_step [--d 10 --n 20 --layers 7 --heads 1 --batch 2048 --threads 2
//                                   --steps 20 --warmup 3 --json out.json]
//
// Timed: the step proper, as in the PyTorch script — the loss and its hand-derived gradient on a
// batch already in memory, the pull-back to θ, clipping and Adam. The sampling of the batch (and
// its Gram matrices) is timed separately and reported, not included.
// FLOPs counted: the matrix products of the kernel (train/backprop.cpp), 2D³ each: per sequence and
// layer, forward 3 + 2H products (T G⁰, (T G⁰) Tᵀ, K T, and per head P G, (P G) Q, G Q), backward
// 3 + 4H (K̄, Kᵀ T̄, (Ḡ + Ḡᵀ) T G⁰, and per head the P̄ and Q̄ updates, K̄ Qᵀ, Pᵀ (K̄ Qᵀ)).
#include "ltv/train/backprop.hpp"
#include "ltv/train/optimizer.hpp"

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Options {
  int d = 10, n = 20, layers = 7, heads = 1, batch = 2048, threads = 2, steps = 20, warmup = 3;
  std::string json;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + a);
    const std::string v = argv[++i];
    if (a == "--d")
      o.d = std::stoi(v);
    else if (a == "--n")
      o.n = std::stoi(v);
    else if (a == "--layers")
      o.layers = std::stoi(v);
    else if (a == "--heads")
      o.heads = std::stoi(v);
    else if (a == "--batch")
      o.batch = std::stoi(v);
    else if (a == "--threads")
      o.threads = std::stoi(v);
    else if (a == "--steps")
      o.steps = std::stoi(v);
    else if (a == "--warmup")
      o.warmup = std::stoi(v);
    else if (a == "--json")
      o.json = v;
    else
      throw std::invalid_argument("unknown option " + a);
  }
  return o;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  ltv::Architecture a;
  a.family = ltv::Family::Full;
  a.d = o.d;
  a.layers = o.layers;
  a.heads = o.heads;
  a.norm = ltv::Norm::Mean;
  ltv::TaskDistribution task;
  task.d = o.d;
  task.n = o.n;
  const ltv::Sampler sampler(task);

  Eigen::VectorXd theta = ltv::initial_parameters(a, 0.02, 1);
  ltv::OptimizerConfig adam;
  adam.lr = 1e-4;
  ltv::OptimizerState state;
  ltv::HeadGradients g;

  std::vector<double> step_seconds, sample_seconds;
  for (int s = 0; s < o.warmup + o.steps; ++s) {
    auto start = Clock::now();
    const ltv::StatisticsBatch batch = ltv::sample_statistics_batch(sampler, o.batch, 1000 + s, o.threads);
    const double sampled = seconds_since(start);
    start = Clock::now();
    ltv::batch_loss_and_gradient(ltv::to_model(a, theta), batch, g, o.threads);
    Eigen::VectorXd grad = ltv::pull_back(a, g);
    ltv::clip_global_norm(grad, adam.clip);
    ltv::optimizer_step(adam, state, theta, grad, adam.lr);
    const double stepped = seconds_since(start);
    if (s >= o.warmup) {
      step_seconds.push_back(stepped);
      sample_seconds.push_back(sampled);
    }
  }
  const double D = o.d + 1;
  const double flops = 2 * D * D * D * o.layers * (6 + 6.0 * o.heads) * o.batch;
  const double t = median(step_seconds);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const nlohmann::json result = {{"framework", "ltv"},
                                 {"threads", o.threads},
                                 {"d", o.d},
                                 {"n", o.n},
                                 {"layers", o.layers},
                                 {"heads", o.heads},
                                 {"batch", o.batch},
                                 {"steps", o.steps},
                                 {"seconds_per_step_median", t},
                                 {"steps_per_second", 1 / t},
                                 {"sampling_seconds_per_batch_median", median(sample_seconds)},
                                 {"flops_per_step", flops},
                                 {"gflops_per_second", flops / t / 1e9},
                                 {"peak_rss_mb", static_cast<double>(usage.ru_maxrss) / 1024}};
  std::cout << result.dump(2) << "\n";
  if (!o.json.empty()) std::ofstream(o.json) << result.dump(2) << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "ltv_bench_train_step: " << e.what() << "\n";
  return 2;
}
