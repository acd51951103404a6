// The training loop (trainer.hpp).
#include "ltv/train/trainer.hpp"

#include "ltv/core/random.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"

#include <stdexcept>

namespace ltv {
namespace {

constexpr std::uint64_t kInitStream = 1;
constexpr std::uint64_t kEvalStream = 2;
constexpr std::uint64_t kBatchStream = 1'000'000;

constexpr long long kMaxSteps = 1'000'000'000;
constexpr int kMaxBatch = 10'000'000;
constexpr int kMaxThreads = 256;

StatisticsBatch evaluation_set(const TrainConfig& c, const Sampler& sampler) {
  return sample_statistics_batch(sampler, c.eval_size, derive_seed(c.seed, kEvalStream), c.threads);
}

}  // namespace

void TrainConfig::validate() const {
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
  s.theta = initial_parameters(config.arch, config.init_scale, derive_seed(config.seed, kInitStream));
  return s;
}

double evaluation_loss(const TrainConfig& config, const Eigen::VectorXd& theta) {
  const Sampler sampler(config.task);
  return batch_loss(to_model(config.arch, theta), evaluation_set(config, sampler), config.threads);
}

bool continue_training(TrainState& state, const TrainHooks& hooks) {
  const TrainConfig& c = state.config;
  c.validate();
  const Sampler sampler(c.task);
  const StatisticsBatch eval = evaluation_set(c, sampler);
  StatisticsBatch batch;
  long long batch_index = -1;
  HeadGradients head_gradient;
  while (!state.finished()) {
    if (hooks.stop && hooks.stop->load()) {
      if (hooks.on_checkpoint) hooks.on_checkpoint(state);
      return false;
    }
    const long long t = state.step();
    if (t / c.fresh_every != batch_index) {
      batch_index = t / c.fresh_every;
      batch = sample_statistics_batch(
          sampler, c.batch, derive_seed(c.seed, kBatchStream + static_cast<std::uint64_t>(batch_index)),
          c.threads);
    }
    const Model<double> model = to_model(c.arch, state.theta);
    HistoryPoint point;
    point.train_loss = batch_loss_and_gradient(model, batch, head_gradient, c.threads);
    Eigen::VectorXd g = pull_back(c.arch, head_gradient);
    if (!g.allFinite() || !std::isfinite(point.train_loss))
      throw std::runtime_error(
          "training diverged at step " + std::to_string(t) +
          " (non-finite loss or gradient); lower the learning rate or clip the gradient");
    point.grad_norm = clip_global_norm(g, c.optimizer.clip);
    point.learning_rate = learning_rate(c.optimizer, t, c.steps);
    optimizer_step(c.optimizer, state.optimizer, state.theta, g, point.learning_rate);
    point.step = state.step();
    if (point.step % c.eval_every == 0 || state.finished()) {
      point.eval_loss = batch_loss(to_model(c.arch, state.theta), eval, c.threads);
      state.history.push_back(point);
    }
    if (hooks.on_step) hooks.on_step(state, point);
    if (hooks.checkpoint_every > 0 && point.step % hooks.checkpoint_every == 0 && hooks.on_checkpoint)
      hooks.on_checkpoint(state);
  }
  return true;
}

}  // namespace ltv
