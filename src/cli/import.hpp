#pragma once
// `ltv import`: weights trained elsewhere (.npz, .npy, safetensors) under a named layout, written
// as an ltv model file (src/ltv/interop/import.hpp; docs/python.md#importing-models-trained-elsewhere).
#include "task_options.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace ltv::cli {

struct ImportCliOptions {
  std::string layout;   ///< a23-code | pq | omega
  std::string weights;  ///< the .npz / .npy / .safetensors file
  std::string out;      ///< the model file to write
  std::string family;   ///< empty: the layout's default
  std::string norm;     ///< empty: the layout's default (pq and omega need it)
  TaskOptions task;
};

void setup_import(CLI::App& app, ImportCliOptions& o);
int run_import(const ImportCliOptions& o, const CLI::App& app);

}  // namespace ltv::cli
