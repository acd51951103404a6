// The training loop (trainer.hpp).
#include "ltv/train/trainer.hpp"

#include "ltv/core/random.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace trainer_impl {

constexpr std::uint64_t kInitStream = 1;
constexpr std::uint64_t kEvalStream = 2;
constexpr std::uint64_t kBatchStream = 1'000'000;

constexpr long long kMaxSteps = 1'000'000'000;
constexpr int kMaxBatch = 10'000'000;
constexpr int kMaxThreads = 256;

StatisticsBatch evaluation_set(const TrainConfig& c, const Sampler& sampler) {
  return sample_statistics_batch(sampler, c.eval_size, derive_seed(c.seed, kEvalStream), c.threads);
}

Eigen::VectorXd initial_theta(const TrainConfig& c) {
  return initial_parameters(c.arch, c.init_scale, derive_seed(c.seed, kInitStream));
}

std::string four_digits(double x) {
  std::ostringstream os;
  os.precision(4);
  os << x;
  return os.str();
}

/// The state at the last good evaluation: what a diverged run keeps. The history only grows, so
/// its length is enough to restore it.
struct GoodState {
  Eigen::VectorXd theta;
  OptimizerState optimizer;
  std::size_t history_size = 0;

  explicit GoodState(const TrainState& s)
      : theta(s.theta), optimizer(s.optimizer), history_size(s.history.size()) {}
};

TrainOutcome diverged(TrainState& state, const GoodState& good, long long step, const std::string& reason) {
  state.theta = good.theta;
  state.optimizer = good.optimizer;
  state.history.resize(good.history_size);
  state.divergence = Divergence{step, reason};
  return TrainOutcome::Diverged;
}

/// The evaluations at the end of the history whose loss is above `threshold`.
int evaluations_above(const std::vector<HistoryPoint>& history, double threshold) {
  int count = 0;
  for (auto it = history.rbegin(); it != history.rend() && it->eval_loss > threshold; ++it) ++count;
  return count;
}

}  // namespace trainer_impl

void TrainConfig::validate() const {
  using trainer_impl::kMaxBatch, trainer_impl::kMaxSteps, trainer_impl::kMaxThreads;
  arch.validate();
  task.validate();
  optimizer.validate();
  if (arch.d != task.d)
    throw std::invalid_argument("the model's d (" + std::to_string(arch.d) + ") and the task's d (" +
                                std::to_string(task.d) + ") differ");
  if (batch < 1 || batch > kMaxBatch)
    throw std::invalid_argument("the batch size must be in 1.." + std::to_string(kMaxBatch));
  if (steps < 0 || steps > kMaxSteps) throw std::invalid_argument("the step count must be in 0..1e9");
  if (fresh_every < 1) throw std::invalid_argument("fresh-every must be >= 1 step");
  if (!std::isfinite(init_scale) || init_scale < 0)
    throw std::invalid_argument("the initial scale must be >= 0");
  if (eval_size < 1 || eval_size > kMaxBatch)
    throw std::invalid_argument("the evaluation set size must be in 1.." + std::to_string(kMaxBatch));
  if (eval_every < 1) throw std::invalid_argument("eval-every must be >= 1 step");
  if (threads < 1 || threads > kMaxThreads)
    throw std::invalid_argument("threads must be in 1.." + std::to_string(kMaxThreads));
}

TrainState start_training(const TrainConfig& config) {
  config.validate();
  TrainState s;
  s.config = config;
  s.theta = trainer_impl::initial_theta(config);
  return s;
}

double evaluation_loss(const TrainConfig& config, const Eigen::VectorXd& theta) {
  const Sampler sampler(config.task);
  return batch_loss(to_model(config.arch, theta), trainer_impl::evaluation_set(config, sampler),
                    config.threads);
}

TrainOutcome continue_training(TrainState& state, const TrainHooks& hooks) {
  using trainer_impl::four_digits;
  const TrainConfig& c = state.config;
  c.validate();
  if (state.divergence)
    throw std::invalid_argument(
        "the run diverged at step " + std::to_string(state.divergence->step) + " (" +
        state.divergence->reason +
        "); continuing would repeat that: train anew with a lower learning rate or clipping");
  const Sampler sampler(c.task);
  const StatisticsBatch eval = trainer_impl::evaluation_set(c, sampler);
  // The threshold depends on the configuration only, so a resumed run applies the same one.
  const double initial_loss = batch_loss(to_model(c.arch, trainer_impl::initial_theta(c)), eval, c.threads);
  const double threshold = kDivergenceFactor * initial_loss;
  trainer_impl::GoodState good(state);
  StatisticsBatch batch;
  long long batch_index = -1;
  HeadGradients head_gradient;
  while (!state.finished()) {
    if (hooks.stop && hooks.stop->load()) {
      if (hooks.on_checkpoint) hooks.on_checkpoint(state);
      return TrainOutcome::Stopped;
    }
    const long long t = state.step();
    if (t / c.fresh_every != batch_index) {
      batch_index = t / c.fresh_every;
      batch = sample_statistics_batch(
          sampler, c.batch,
          derive_seed(c.seed, trainer_impl::kBatchStream + static_cast<std::uint64_t>(batch_index)),
          c.threads);
    }
    const Model<double> model = to_model(c.arch, state.theta);
    HistoryPoint point;
    point.train_loss = batch_loss_and_gradient(model, batch, head_gradient, c.threads);
    Eigen::VectorXd g = pull_back(c.arch, head_gradient);
    if (!std::isfinite(point.train_loss))
      return trainer_impl::diverged(state, good, t + 1,
                                    "the batch loss of step " + std::to_string(t + 1) + " is not finite");
    if (!g.allFinite())
      return trainer_impl::diverged(state, good, t + 1,
                                    "the gradient of step " + std::to_string(t + 1) + " is not finite");
    point.grad_norm = clip_gradient(g, c.optimizer, c.arch.matrix_sizes());
    point.learning_rate = learning_rate(c.optimizer, t, c.steps);
    optimizer_step(c.optimizer, state.optimizer, state.theta, g, point.learning_rate);
    point.step = state.step();
    if (point.step % c.eval_every == 0 || state.finished()) {
      point.eval_loss = batch_loss(to_model(c.arch, state.theta), eval, c.threads);
      state.history.push_back(point);
      if (!std::isfinite(point.eval_loss))
        return trainer_impl::diverged(
            state, good, point.step,
            "the evaluation loss at step " + std::to_string(point.step) + " is not finite");
      const int above = trainer_impl::evaluations_above(state.history, threshold);
      const std::string loss = "the evaluation loss (" + four_digits(point.eval_loss) + " at step " +
                               std::to_string(point.step) + ")",
                        above_threshold = "above " + four_digits(kDivergenceFactor) +
                                          " times its initial value " + four_digits(initial_loss);
      if (above >= kDivergencePatience)
        return trainer_impl::diverged(state, good, point.step,
                                      loss + " has been " + above_threshold + " at " + std::to_string(above) +
                                          " consecutive evaluations");
      if (above > 0 && state.finished())  // no evaluation is left to recover at
        return trainer_impl::diverged(state, good, point.step,
                                      loss + " is " + above_threshold + " at the run's last step");
      if (above == 0) good = trainer_impl::GoodState(state);
    }
    if (hooks.on_step) hooks.on_step(state, point);
    if (hooks.checkpoint_every > 0 && point.step % hooks.checkpoint_every == 0 && hooks.on_checkpoint)
      hooks.on_checkpoint(state);
  }
  return TrainOutcome::Finished;
}

}  // namespace ltv
