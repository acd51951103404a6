// Fuzz target: the model-file reader (`ltv eval/compare/train --resume --model FILE`). Any input is
// either rejected with ModelFileError (exit 2 in the CLI) or read as a model whose file, written
// again, reads back as the same model. Any other exception, a crash or a sanitizer report is a bug.
#include "ltv/train/model_file.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ltv::TrainState state;
  try {
    state = ltv::parse_model_file(text, "input");
  } catch (const ltv::ModelFileError&) {
    return 0;  // bad input, said so
  }
  const std::string written = ltv::to_json(state).dump();
  if (ltv::to_json(ltv::parse_model_file(written, "written")).dump() != written) std::abort();
  return 0;
}
