#pragma once
// `ltv report`: renders results.json into a report directory.
#include "ltv/report/katex.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace ltv::cli {

struct ReportOptions {
  std::string results = "results.json";
  std::string out = "report";
  std::string katex = kKatexDir;
};

void setup_report(CLI::App& app, ReportOptions& options);
int run_report(const ReportOptions& options);

}  // namespace ltv::cli
