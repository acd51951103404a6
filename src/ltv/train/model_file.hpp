#pragma once
// Model files: a trained (or in-training) model as JSON, with a schema version, the configuration
// that produced it, the parameters, the optimizer state and the training history. One format for
// both the final model and the checkpoints, so `ltv train --resume` continues from either.
//
//   { "format": "ltv-model", "schema_version": 1,
//     "architecture": {family, d, layers, heads, norm},
//     "task": {d, n, covariance, prior, noise: {mode, sigma, levels}, covariates},
//     "training": {optimizer: {...}, batch, steps, fresh_every, seed, init_scale, eval_size,
//                  eval_every, threads},
//     "state": {step, parameters: [...θ], adam_m: [...], adam_v: [...]},
//     "history": [{step, train_loss, eval_loss, grad_norm, learning_rate}, ...],
//     "divergence": null, or {step, reason} when the run diverged (absent in older files: null),
//     "parameters_readable": [[{P: [[...]], Q: [[...]]}, ...], ...] }   (written, not read)
//
// Doubles are written in their shortest round-trip form, so a save/load cycle is exact. Loading
// validates everything and throws ModelFileError naming the file and the problem: not JSON or
// truncated, wrong format or version, missing or mistyped fields, sizes that do not match the
// architecture, non-finite numbers (JSON has no NaN: a NaN is written as null and rejected).
#include "ltv/train/trainer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ltv {

inline constexpr int kModelSchemaVersion = 1;

struct ModelFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const TrainState& state);
/// Throws ModelFileError (without the file name; load_model_file adds it).
TrainState train_state_from_json(const nlohmann::json& j);

/// An upper bound on the size of the model file at the end of the run (its size now, plus one
/// history entry per evaluation still to come): what `ltv train` checks is free before it starts.
std::uintmax_t expected_model_file_bytes(const TrainState& state);

/// Writes atomically (temporary file, then rename).
void save_model_file(const std::filesystem::path& path, const TrainState& state);
/// The model in `text`, a model file's content; throws ModelFileError with `name` and the reason.
TrainState parse_model_file(const std::string& text, const std::string& name);
/// Throws ModelFileError with the path and the reason.
TrainState load_model_file(const std::filesystem::path& path);

nlohmann::json to_json(const TaskDistribution& task);
TaskDistribution task_from_json(const nlohmann::json& j);

}  // namespace ltv
