// Fuzz target: `ltv import --weights FILE` and ltv.Model.from_arrays: the .npy, .npz and safetensors
// readers, then every layout's importer on whatever arrays they return. Bad input is ArrayFileError
// or std::invalid_argument (exit 2, a Python ValueError); any other exception, a crash or a sanitizer
// report is a bug.
#include "ltv/interop/import.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ltv::ArrayMap arrays;
  try {
    arrays = ltv::parse_weights(bytes, "input", "weights");
  } catch (const ltv::ArrayFileError&) {
    return 0;
  }
  for (const ltv::Layout layout : {ltv::Layout::A23Code, ltv::Layout::PQ, ltv::Layout::Omega}) {
    try {
      ltv::ImportOptions options;
      options.layout = layout;
      options.norm = ltv::Norm::Mean;
      ltv::TaskDistribution task;
      task.d = ltv::weights_dimension(arrays, layout).value_or(2);
      task.n = 4;
      const ltv::TrainState state = ltv::import_model(arrays, options, task);
      ltv::import_provenance(state, options);
    } catch (const std::invalid_argument&) {  // ArrayFileError is one
    }
  }
  return 0;
}
