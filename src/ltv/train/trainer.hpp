#pragma once
// The training loop (docs/training.md): fresh batches from the task distribution, the hand-derived gradient,
// clipping, Adam or SGD with momentum, a fixed evaluation set, checkpoints. Everything random is
// derived from the run's seed by position, never by history:
//   θ⁰            from derive_seed(seed, kInitStream)
//   batch of step t from derive_seed(seed, kBatchStream + t / fresh_every)  (A23 reuses a batch 100 steps)
//   evaluation set  from derive_seed(seed, kEvalStream)
// so a run resumed from a checkpoint at step t draws exactly what the uninterrupted run draws, and
// with the same thread count (the gradient's reduction order) ends bit-identical.
#include "ltv/core/task.hpp"
#include "ltv/train/architecture.hpp"
#include "ltv/train/optimizer.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ltv {

struct TrainConfig {
  Architecture arch;
  TaskDistribution task;
  OptimizerConfig optimizer;
  int batch = 2048;
  long long steps = 1000;
  int fresh_every = 1;  ///< steps per batch: 1 draws a fresh batch every step
  std::uint64_t seed = 1;
  double init_scale = 0.1;     ///< θ⁰ entries ~ N(0, init_scale²)
  int eval_size = 4096;        ///< sequences of the fixed evaluation set
  long long eval_every = 100;  ///< steps between evaluations (and history points)
  int threads = 1;

  /// Throws std::invalid_argument naming the bad field (and validates arch, task and optimizer).
  void validate() const;
};

struct HistoryPoint {
  long long step = 0;     ///< steps done
  double train_loss = 0;  ///< on the batch of the last step
  double eval_loss = 0;   ///< on the fixed evaluation set
  double grad_norm = 0;   ///< before clipping
  double learning_rate = 0;
};

/// Divergence (docs/training.md): a run has diverged when a batch loss, a gradient or an evaluation
/// loss is not finite, or when the evaluation loss exceeds kDivergenceFactor times the evaluation
/// loss at θ⁰ at kDivergencePatience consecutive evaluations or at the run's last step (whose
/// evaluation no later one can redeem: a run of 20 steps has one). With the default initial scale θ⁰
/// predicts almost 0, so its loss is about that of predicting nothing; a model a thousand times
/// worse than that has left every useful region, while a single spike (which Adam can recover
/// from) is not enough to stop a run.
inline constexpr double kDivergenceFactor = 1000;
inline constexpr int kDivergencePatience = 3;

/// Why and where a run diverged. The state that carries it holds the parameters of the last
/// evaluation that was neither non-finite nor above the threshold (or those the run started or
/// resumed from, when there was none).
struct Divergence {
  long long step = 0;  ///< the step at which the divergence was detected
  std::string reason;
};

/// A run in progress: what a checkpoint holds.
struct TrainState {
  TrainConfig config;
  Eigen::VectorXd theta;
  OptimizerState optimizer;
  std::vector<HistoryPoint> history;
  std::optional<Divergence> divergence;  ///< set when the run diverged
  long long step() const { return optimizer.step; }
  bool finished() const { return optimizer.step >= config.steps; }
};

/// A fresh run: θ⁰ drawn, nothing done.
TrainState start_training(const TrainConfig& config);

struct TrainHooks {
  /// Called after every step with the state (for a progress bar).
  std::function<void(const TrainState&, const HistoryPoint& last)> on_step;
  /// Called every `checkpoint_every` steps and when stopped early (0: never).
  long long checkpoint_every = 0;
  std::function<void(const TrainState&)> on_checkpoint;
  /// Set (e.g. by a signal handler) to stop after the current step.
  const std::atomic<bool>* stop = nullptr;
};

enum class TrainOutcome {
  Finished,  ///< config.steps done
  Stopped,   ///< a stop request: the state is the one after the last step done
  Diverged,  ///< state.divergence says why; the state is the last good one (see Divergence)
};

/// Runs steps until config.steps, a stop request or a divergence. Throws std::invalid_argument for
/// a state that has already diverged (continuing would repeat the divergence step for step).
TrainOutcome continue_training(TrainState& state, const TrainHooks& hooks = {});

/// The loss on the run's fixed evaluation set.
double evaluation_loss(const TrainConfig& config, const Eigen::VectorXd& theta);

}  // namespace ltv
