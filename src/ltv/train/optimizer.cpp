// Adam, SGD with momentum, clipping and the schedule (optimizer.hpp).
#include "ltv/train/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ltv {

std::string_view optimizer_label(OptimizerKind k) { return k == OptimizerKind::Adam ? "adam" : "sgd"; }

std::optional<OptimizerKind> parse_optimizer(std::string_view s) {
  if (s == "adam") return OptimizerKind::Adam;
  if (s == "sgd") return OptimizerKind::Sgd;
  return std::nullopt;
}

std::string_view schedule_label(Schedule s) {
  return s == Schedule::Constant ? "constant" : s == Schedule::Cosine ? "cosine" : "step";
}

std::optional<Schedule> parse_schedule(std::string_view s) {
  if (s == "constant") return Schedule::Constant;
  if (s == "cosine") return Schedule::Cosine;
  if (s == "step") return Schedule::Step;
  return std::nullopt;
}

void OptimizerConfig::validate() const {
  const auto positive = [](double x, const char* name) {
    if (!std::isfinite(x) || !(x > 0))
      throw std::invalid_argument(std::string(name) + " must be a positive number");
  };
  const auto unit = [](double x, const char* name) {
    if (!std::isfinite(x) || x < 0 || x >= 1)
      throw std::invalid_argument(std::string(name) + " must be in [0, 1)");
  };
  positive(lr, "the learning rate");
  unit(beta1, "beta1");
  unit(beta2, "beta2");
  positive(epsilon, "Adam's epsilon");
  unit(momentum, "the momentum");
  if (!std::isfinite(clip) || clip < 0)
    throw std::invalid_argument("the clipping threshold must be >= 0 (0: none)");
  if (warmup < 0) throw std::invalid_argument("the warm-up must be >= 0 steps");
  if (schedule == Schedule::Step && decay_every < 1)
    throw std::invalid_argument("the step schedule needs decay_every (--decay-every) >= 1 steps between halvings");
  if (decay_every < 0) throw std::invalid_argument("decay_every must be >= 0");
}

double learning_rate(const OptimizerConfig& c, long long t, long long total) {
  if (t < c.warmup) return c.lr * static_cast<double>(t + 1) / static_cast<double>(c.warmup);
  if (c.schedule == Schedule::Constant) return c.lr;
  if (c.schedule == Schedule::Step)
    return std::ldexp(c.lr, -static_cast<int>(std::min<long long>((t - c.warmup) / c.decay_every, 1000)));
  const double span = static_cast<double>(std::max(1LL, total - c.warmup));
  const double progress = std::min(1.0, static_cast<double>(t - c.warmup) / span);
  return c.lr * 0.5 * (1 + std::cos(std::numbers::pi * progress));
}

double clip_global_norm(Eigen::VectorXd& g, double clip) {
  const double norm = g.norm();
  if (clip > 0 && norm > clip) g *= clip / norm;
  return norm;
}

double clip_gradient(Eigen::VectorXd& g, const OptimizerConfig& c, const std::vector<int>& blocks) {
  if (!c.clip_per_matrix) return clip_global_norm(g, c.clip);
  const double norm = g.norm();
  int total = 0;
  for (const int b : blocks) total += b;
  if (total < 1 || g.size() % total != 0)
    throw std::invalid_argument("per-matrix clipping: the blocks do not tile the gradient");
  for (Eigen::Index at = 0; at < g.size();)
    for (const int b : blocks) {
      Eigen::VectorXd block = g.segment(at, b);
      clip_global_norm(block, c.clip);
      g.segment(at, b) = block;
      at += b;
    }
  return norm;
}

void optimizer_step(const OptimizerConfig& c, OptimizerState& s, Eigen::VectorXd& theta,
                    const Eigen::VectorXd& g, double lr) {
  if (s.m.size() != theta.size()) s.m = Eigen::VectorXd::Zero(theta.size());
  ++s.step;
  if (c.kind == OptimizerKind::Sgd) {
    s.m = c.momentum * s.m + g;
    theta -= lr * s.m;
    return;
  }
  if (s.v.size() != theta.size()) s.v = Eigen::VectorXd::Zero(theta.size());
  s.m = c.beta1 * s.m + (1 - c.beta1) * g;
  s.v = c.beta2 * s.v + (1 - c.beta2) * g.cwiseAbs2();
  const double correction1 = 1 - std::pow(c.beta1, static_cast<double>(s.step));
  const double correction2 = 1 - std::pow(c.beta2, static_cast<double>(s.step));
  theta.array() -= lr * (s.m.array() / correction1) / ((s.v.array() / correction2).sqrt() + c.epsilon);
}

}  // namespace ltv
