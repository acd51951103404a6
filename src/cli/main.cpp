// ltv — a verification suite for the theory of linear transformers as in-context learners.
// The command line only wires options to library calls; see one file per subcommand.
#include "check.hpp"
#include "report.hpp"

#include "ltv/build_info.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{
      "ltv: checks the claims that linear self-attention runs (preconditioned) gradient descent\n"
      "in context, exactly, certified, to dozens of digits, or statistically."};
  app.set_version_flag(
      "--version", std::string("ltv ") + ltv::build_info::version + " (" + ltv::build_info::git_commit + ")");
  app.require_subcommand(1);

  ltv::cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Run the theorem checks and write results.json");
  ltv::cli::setup_check(*check_cmd, check);

  ltv::cli::ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "Render results.json as a verification report");
  ltv::cli::setup_report(*report_cmd, report);

  CLI11_PARSE(app, argc, argv);
  try {
    if (*check_cmd) return ltv::cli::run_check(check);
    if (*report_cmd) return ltv::cli::run_report(report);
  } catch (const std::exception& e) {
    std::cerr << "ltv: error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
