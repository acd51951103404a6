#pragma once
// `ltv compare --model M`: a trained model against the theory (crosscheck/compare.hpp).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace ltv::cli {

struct CompareCliOptions {
  std::string model;
  unsigned bits = 256;
  int sequences = 16;
  std::uint64_t seed = 3;
  bool json = false;
};

void setup_compare(CLI::App& app, CompareCliOptions& o);
int run_compare(const CompareCliOptions& o);

}  // namespace ltv::cli
