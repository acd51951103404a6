#pragma once
// `ltv forward`: the token forward pass of a model file on given tokens (a .npy of shape
// (d+1, n+1), the query last), in double or in MPFR, printed as JSON. The Python module's
// Model.forward is the same library call (tests/python: bit for bit in double).
#include <CLI/CLI.hpp>

#include <string>

namespace ltv::cli {

struct ForwardOptions {
  std::string model;
  std::string tokens;
  unsigned bits = 0;  ///< 0: double
};

void setup_forward(CLI::App& app, ForwardOptions& o);
int run_forward(const ForwardOptions& o);

}  // namespace ltv::cli
