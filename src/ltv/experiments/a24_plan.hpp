#pragma once
// The A24 experiment's plan (docs/experiments.md, "A24"): the configurations trained, the protocol of
// the paper's public code, the budget of a preset, and the jobs a run consists of.
//
// The protocol (facts of A24's public code, read for this purpose): the parameters are the top-left
// d×d blocks of every P and Q — P = diag(B, 1), Q = diag(A, 0), ltv's RELAXED family (the code's
// attention uses Qᵀ where the paper writes Q, a relabelling under which both optimizers and the
// i.i.d. initialisation behave the same) — initialised i.i.d. N(0, 0.05²); c = 1/n; w ~ N(0, I),
// no label noise, d = 5; a fresh batch of 1000 sequences every step; AdamW with β = (0.9, 0.9) and
// no weight decay against SGD with momentum 0.9, both with global-norm clipping at 1 and a
// constant learning rate; 10 000 steps; 6 seeds; the rate from a grid of 10 values (the grid is not
// published; the code's README publishes the rate it used per setting); gradient noise at
// initialisation; the robust condition number at steps 750 and 1250.
//
// A job is one training run (configuration, optimizer, learning rate, seed) with its measurements,
// or the gradient-noise measurement of one configuration at initialisation. Jobs are independent:
// any process may run any job, and the result depends on the plan and the job only.
#include "ltv/core/task.hpp"
#include "ltv/train/optimizer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ltv {

/// Which of the paper's questions a configuration belongs to.
enum class A24Study {
  Settings,    ///< the paper's Table 1: settings 1, 2, 3 (Sec. 3)
  Covariates,  ///< spherical against Γ-scaled covariates (Sec. 4.1)
  Depth,       ///< L ∈ {2, 4, 6, 8} on setting 1's data (Sec. 4.2)
};

struct A24Config {
  std::string name;  ///< "setting_1", "sphere", "depth_4", ...
  int layers = 3;
  int n = 20;
  Covariates covariates = Covariates::Gaussian;
  double clip = 1;
  /// The rates used without a grid search, and where they come from.
  double lr_adam = 0.02, lr_sgd = 0.02;
  std::string lr_source;
  int parameters() const;  ///< 2 L d² (RELAXED, one head, d = 5)
};

inline constexpr int kA24Dimension = 5;
inline constexpr double kA24InitScale = 0.05;
inline constexpr double kA24Beta = 0.9;      ///< Adam's β1 = β2
inline constexpr double kA24Momentum = 0.9;  ///< SGD's

struct A24Budget {
  long long steps = 10000;
  int batch = 1000;
  int seeds = 6;
  std::vector<long long> checkpoints{750, 1250};  ///< robust condition number
  int probe_size = 1000;        ///< the fixed batch of the loss, Hessian and smoothness (the code's seed-99 batch)
  int smoothness_every = 10;    ///< steps between directional-smoothness samples
  int loss_every = 50;          ///< steps between points of the loss curve
  int noise_minibatches = 10000;
  int noise_batch = 1000;
  int noise_reference = 100000;  ///< sequences of the "true" gradient
};

struct A24Plan {
  std::string preset;
  A24Budget budget;
  /// Empty: each configuration's published rate. Otherwise every rate is run at full length on
  /// every seed, and each optimizer keeps the rate with the lowest median final loss.
  std::vector<double> grid;
  std::vector<A24Config> configs;
  std::uint64_t seed = 1;

  const A24Config& config(const std::string& name) const;
  /// Throws std::invalid_argument naming the problem.
  void validate() const;
};

/// "quick" (about 15 minutes on 2 cores) or "paper" (the code's budget and a 10-point grid).
A24Plan a24_preset(const std::string& name);
/// Only the configurations of some studies.
A24Plan restrict_to(A24Plan plan, const std::vector<A24Study>& studies);
A24Study study_of(const A24Config& c);
std::string_view study_label(A24Study s);  ///< "settings", "covariates", "depth"

nlohmann::json to_json(const A24Plan& plan);

struct A24Job {
  enum class Kind { Train, Noise } kind = Kind::Train;
  std::string config;
  OptimizerKind optimizer = OptimizerKind::Adam;
  double lr = 0;
  int seed_index = 0;
  std::string key() const;  ///< unique within a plan, usable as a file name
};

/// Every job of the plan, the costliest first.
std::vector<A24Job> a24_jobs(const A24Plan& plan);

}  // namespace ltv
