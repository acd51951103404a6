#pragma once
// V24's experimental setting (docs/table1.md, docs/experiments.md "V24"), shared by the Table 1
// reproduction and the mechanism experiment: d = 10, n = 20, w ~ N(0, I), x ~ N(0, I), one head,
// a noise column (σ ~ U(0, σ_max) or uniform over a finite set), Adam; and the training of one
// model of a family with the rule by which the paper lowered the rate of unstable deep models.
#include "ltv/core/task.hpp"
#include "ltv/train/architecture.hpp"
#include "ltv/train/trainer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ltv {

inline constexpr int kV24Dimension = 10;
inline constexpr int kV24ContextLength = 20;

/// The training budget of a trained V24 model.
struct V24Budget {
  long long steps = 6000;
  int batch = 2048;
  double lr = 3e-3;
  bool cosine = true;  ///< cosine decay after `warmup` linear warm-up steps; false: constant lr
  int warmup = 200;
  double clip = 1;  ///< global-norm gradient clipping (0: none)
  int seeds = 1;    ///< training seeds; the best is kept
  /// Throws std::invalid_argument naming the bad field.
  void validate() const;
};

nlohmann::json to_json(const V24Budget& b);

/// A noise column's law: "0".."7" is σ ~ U(0, σ_max), "{1,3}" σ uniform over {1, 3}, and so on.
/// Throws std::invalid_argument for anything else.
NoiseSpec v24_column_noise(const std::string& label);

/// V24's task with that column's noise.
TaskDistribution v24_column_task(const std::string& label);

/// One trained model: the state of its run and how the rate was chosen.
struct TrainedV24Model {
  TrainState state;
  double lr = 0;
  int retries = 0;
  double final_loss = 0;
  nlohmann::json abandoned;  ///< the attempts at higher rates, and why each was dropped
};

/// Trains one seed of `family` with `layers` layers on `task` (Adam, the budget's schedule and
/// clipping, attention scale `norm`: the same function class either way), lowering the rate by 3 (up to three times) when the run diverges or ends
/// worse than twice the loss of predicting 0 (tr Σ_x), as V24 lowered the rate of unstable deep
/// models. Throws std::runtime_error, naming `what`, when every rate fails.
TrainedV24Model train_v24_model(const V24Budget& budget, const TaskDistribution& task, Family family, int layers,
                                Norm norm, std::uint64_t seed, const std::string& what);

}  // namespace ltv
