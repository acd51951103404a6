// V24's experimental setting (v24_setting.hpp).
#include "ltv/experiments/v24_setting.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace {

constexpr int kHistoryPoints = 60;
constexpr int kLrRetries = 3;  ///< the paper lowered the learning rate of unstable deep models too
constexpr double kLrRetryFactor = 3;

TrainConfig training_config(const V24Budget& b, const TaskDistribution& task, Family family, int layers, Norm norm,
                            double lr, std::uint64_t seed) {
  TrainConfig c;
  c.arch.family = family;
  c.arch.d = task.d;
  c.arch.layers = layers;
  c.arch.heads = 1;
  c.arch.norm = norm;
  c.task = task;
  c.optimizer.kind = OptimizerKind::Adam;
  c.optimizer.lr = lr;
  c.optimizer.clip = b.clip;
  c.optimizer.schedule = b.cosine ? Schedule::Cosine : Schedule::Constant;
  c.optimizer.warmup = static_cast<int>(std::min<long long>(b.warmup, b.steps / 10));
  c.batch = b.batch;
  c.steps = b.steps;
  c.seed = seed;
  c.eval_every = std::max(1LL, b.steps / kHistoryPoints);
  c.threads = 1;
  return c;
}

}  // namespace

void V24Budget::validate() const {
  if (steps < 1 || batch < 1 || seeds < 1 || !(lr > 0) || warmup < 0 || !(clip >= 0))
    throw std::invalid_argument("the training budget needs steps, batch, seeds >= 1, lr > 0, warmup, clip >= 0");
}

nlohmann::json to_json(const V24Budget& b) {
  return {{"steps", b.steps}, {"batch", b.batch}, {"lr", b.lr},       {"schedule", b.cosine ? "cosine" : "constant"},
          {"warmup", b.warmup}, {"clip", b.clip}, {"seeds", b.seeds}, {"optimizer", "adam"}};
}

NoiseSpec v24_column_noise(const std::string& label) {
  if (label.size() >= 3 && label.front() == '{' && label.back() == '}') {
    NoiseSpec s{NoiseMode::Categorical, 0, {}};
    std::istringstream in(label.substr(1, label.size() - 2));
    std::string item;
    while (std::getline(in, item, ',')) {
      std::size_t used = 0;
      double v = -1;
      try {
        v = std::stod(item, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != item.size() || item.empty())
        throw std::invalid_argument("noise column '" + label + "': '" + item + "' is not a number");
      s.levels.push_back(v);
    }
    s.validate();
    return s;
  }
  if (label.size() == 1 && label[0] >= '0' && label[0] <= '9')
    return {NoiseMode::Uniform, static_cast<double>(label[0] - '0'), {}};
  throw std::invalid_argument("noise column '" + label + "': expected a digit sigma_max or a set such as {1,3}");
}

TaskDistribution v24_column_task(const std::string& label) {
  TaskDistribution t;
  t.d = kV24Dimension;
  t.n = kV24ContextLength;
  t.noise = v24_column_noise(label);
  return t;
}

TrainedV24Model train_v24_model(const V24Budget& budget, const TaskDistribution& task, Family family, int layers,
                                Norm norm, std::uint64_t seed, const std::string& what) {
  nlohmann::json abandoned = nlohmann::json::array();
  const double zero_loss = task.covariance().trace();  // E <w, x_q>² with w ~ N(0, I)
  double lr = budget.lr;
  for (int attempt = 0; attempt <= kLrRetries; ++attempt, lr /= kLrRetryFactor) {
    TrainState s = start_training(training_config(budget, task, family, layers, norm, lr, seed));
    if (continue_training(s) == TrainOutcome::Diverged) {
      abandoned.push_back({{"lr", lr}, {"diverged_at_step", s.divergence->step}, {"reason", s.divergence->reason}});
      continue;
    }
    const double loss = s.history.back().eval_loss;
    if (loss < 2 * zero_loss) return {std::move(s), lr, attempt, loss, std::move(abandoned)};
    abandoned.push_back({{"lr", lr}, {"final_eval_loss", loss}, {"reason", "final loss above twice predicting 0"}});
  }
  throw std::runtime_error(what + " diverged or ended above twice the loss of predicting 0 at every learning rate down to " +
                           std::to_string(lr * kLrRetryFactor) + ": " + abandoned.dump());
}

}  // namespace ltv
