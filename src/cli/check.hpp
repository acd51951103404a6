#pragma once
// `ltv check`: runs obligations, prints the theorem table, writes results.json.
#include "ltv/verify/runner.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace ltv::cli {

struct CheckOptions {
  std::string only;
  std::uint64_t seed = 1;
  int cases = 200;
  unsigned bits = 256;
  std::string json = "results.json";
  bool list = false;
  bool markdown = false;
  bool strict = false;
};

void setup_check(CLI::App& app, CheckOptions& options);

/// Runs the subcommand; returns the process exit status.
int run_check(const CheckOptions& options);

}  // namespace ltv::cli
