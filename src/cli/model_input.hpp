#pragma once
// A model file as the input of `ltv eval` and `ltv compare`: loaded and validated, with a warning on
// stderr when its training diverged (its parameters are then the last good ones, not a result).
#include "ltv/train/trainer.hpp"

#include <string>

namespace ltv::cli {

/// load_model_file, and a warning naming `command` when the run diverged.
TrainState load_model_input(const std::string& path, const std::string& command);

}  // namespace ltv::cli
