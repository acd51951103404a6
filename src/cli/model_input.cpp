#include "model_input.hpp"

#include "ltv/train/model_file.hpp"

#include <iostream>

namespace ltv::cli {

TrainState load_model_input(const std::string& path, const std::string& command) {
  TrainState state = load_model_file(path);
  if (state.divergence)
    std::cerr << "ltv " << command << ": WARNING: the training of " << path << " diverged at step "
              << state.divergence->step << " (" << state.divergence->reason
              << "); its parameters are those of step " << state.step()
              << ", its last good state, not a trained model\n";
  return state;
}

}  // namespace ltv::cli
