#pragma once
// `ltv theory one-layer`: the exact population theory of the A23 Theorem 1 optimum.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ltv::cli {

struct TheoryOneLayerOptions {
  int d = 0;
  int n = 0;
  std::vector<std::string> cov_eigs;
  std::string noise_var = "0";
  unsigned bits = 256;
  std::uint64_t seed = 1;
  bool json = false;
};

void setup_theory(CLI::App& app, TheoryOneLayerOptions& one_layer);

/// Runs the subcommand; returns the process exit status.
int run_theory_one_layer(const TheoryOneLayerOptions& options);

}  // namespace ltv::cli
