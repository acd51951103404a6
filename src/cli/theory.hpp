#pragma once
// `ltv theory one-layer` and `ltv theory stationary`: the exact population theory of A23
// Theorem 1 (one-layer optimum) and Theorems 3–4 (L-layer stationary points).
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

struct TheoryStationaryOptions {
  std::string family;
  int layers = 0;
  int d = 0;
  int n = 0;
  std::vector<std::string> cov_eigs;
  unsigned bits = 256;
  std::uint64_t seed = 1;
  bool json = false;
  bool no_hessian = false;
  std::string engine = "wishart";
};

void setup_theory(CLI::App& app, TheoryOneLayerOptions& one_layer, TheoryStationaryOptions& stationary);

/// Run the subcommands; return the process exit status.
int run_theory_one_layer(const TheoryOneLayerOptions& options);
int run_theory_stationary(const TheoryStationaryOptions& options);

}  // namespace ltv::cli
