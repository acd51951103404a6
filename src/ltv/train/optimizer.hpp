#pragma once
// Optimizers on the flat parameter vector θ: Adam (Kingma & Ba, with bias correction) and SGD with
// (heavy-ball) momentum; global-norm gradient clipping; a learning-rate schedule. The whole state
// is plain data so that a checkpoint can save it and a resumed run continue bit for bit.
#include <Eigen/Core>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ltv {

enum class OptimizerKind { Adam, Sgd };
enum class Schedule {
  Constant,  ///< lr
  Cosine,    ///< lr · (1 + cos(π t / T)) / 2 after the warm-up
  Step,      ///< lr · 2^(−⌊t / decay_every⌋) after the warm-up (A23's code halves its rate every 2000 or 4000 steps)
};

std::string_view optimizer_label(OptimizerKind k);  ///< "adam", "sgd"
std::optional<OptimizerKind> parse_optimizer(std::string_view s);
std::string_view schedule_label(Schedule s);  ///< "constant", "cosine"
std::optional<Schedule> parse_schedule(std::string_view s);

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double lr = 1e-3;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;  ///< Adam
  double momentum = 0.9;                              ///< SGD
  double clip = 0;                                    ///< global-norm clipping threshold; 0: none
  Schedule schedule = Schedule::Constant;
  int warmup = 0;  ///< linear warm-up steps
  long long decay_every = 0;  ///< Schedule::Step: steps between halvings (>= 1 there, unused otherwise)
  /// Clip each matrix's block of the gradient to norm `clip` (A23's code clips every P and Q on its
  /// own), not the whole gradient.
  bool clip_per_matrix = false;

  /// Throws std::invalid_argument naming the bad field.
  void validate() const;
};

/// Everything that evolves: moments and the step count.
struct OptimizerState {
  long long step = 0;
  Eigen::VectorXd m, v;  ///< Adam: first and second moments; SGD: m is the velocity
};

/// The learning rate of step t (0-based) of a run of `total` steps.
double learning_rate(const OptimizerConfig& c, long long t, long long total);

/// Rescales g to norm `clip` when it is longer (no-op for clip = 0); returns the norm before.
double clip_global_norm(Eigen::VectorXd& g, double clip);

/// Clips g as c says: globally, or (c.clip_per_matrix) each consecutive block of `blocks` (sizes that
/// add up to g's, repeating: the per-head matrices of Architecture::matrix_sizes) on its own;
/// returns the norm of the whole before.
double clip_gradient(Eigen::VectorXd& g, const OptimizerConfig& c, const std::vector<int>& blocks);

/// One update of θ from gradient g (already clipped) at learning rate lr.
void optimizer_step(const OptimizerConfig& c, OptimizerState& s, Eigen::VectorXd& theta,
                    const Eigen::VectorXd& g, double lr);

}  // namespace ltv
