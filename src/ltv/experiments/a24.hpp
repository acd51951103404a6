#pragma once
// A24's optimizer phenomena on 3-layer linear attention (docs/training.md, A24):
// d = 5, L = 3, FULL, c = 1/n, w ~ N(0, I); setting 1: n = 20, x ~ N(0, I); setting 2: n = 5;
// setting 3: n = 20, x = sqrt(r)·g/|g| with r ~ Gamma(0.1, 10). Adam (β1 = β2 = 0.9) and SGD with
// momentum 0.9, global clipping at 1, learning rates by grid search, several seeds.
//
// Each phenomenon is measured and decided by a stated rule:
//   1. Adam beats SGD by a wide margin: final evaluation loss (median over seeds, best learning
//      rate each, chosen by full-length trials), REPRODUCED when loss(SGD) / loss(Adam) >= kWideMargin.
//   2. Stochastic-gradient noise is heavy-tailed: minibatch gradient minus the large-batch gradient,
//      per coordinate, over many minibatches at the SGD path's checkpoint; the median over
//      coordinates of the excess kurtosis, against its 99th percentile for Gaussian noise of the same
//      sample size (simulated); REPRODUCED when above.
//   3. The robust condition number R = max / median of |diag Hessian| (on a fixed probe batch; the
//      diagonal by central differences of the hand-derived gradient) is larger along SGD's path, at
//      the checkpoint iterations (A24: 750 and 1250), median over seeds: REPRODUCED when
//      R(SGD) > R(Adam) at each.
//   4. Directional smoothness (g(θ_{t+1}) − g(θ_t))·Δ / |Δ|², Δ = θ_{t+1} − θ_t, on the probe batch,
//      is smaller along Adam's path: REPRODUCED when its median over the sampled steps is smaller.
//   5. Smoothness grows with the gradient norm: Spearman correlation between the directional
//      smoothness and the gradient norm along each path, REPRODUCED when positive on both.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ltv {

struct A24Options {
  int setting = 1;         ///< 1, 2 or 3
  long long steps = 1500;  ///< training steps of the final runs
  std::vector<long long> checkpoints{750, 1250};
  int batch = 1024;
  int seeds = 3;
  int grid_steps = 300;  ///< steps of each learning-rate trial
  int noise_minibatches = 400;
  int noise_batch = 32;
  int probe_batch = 2048;
  int smoothness_every = 10;  ///< steps between directional-smoothness samples
  int eval_size = 4096;
  std::uint64_t seed = 1;
  int threads = 1;
  /// Progress messages (one line each), e.g. for a CLI.
  std::function<void(const std::string&)> log;
};

inline constexpr double kWideMargin = 2.0;

/// Runs the experiment of one setting; returns its measurements and verdicts. Throws
/// std::invalid_argument on a bad setting or sizes.
nlohmann::json run_a24_experiment(const A24Options& options);

}  // namespace ltv
