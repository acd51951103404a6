#include "report.hpp"

#include "ltv/io/files.hpp"
#include "ltv/report/markdown.hpp"
#include "ltv/verify/results_json.hpp"

#include <filesystem>
#include <iostream>

namespace ltv::cli {

void setup_report(CLI::App& app, ReportOptions& options) {
  app.add_option("--results", options.results, "The results file written by ltv check")
      ->capture_default_str();
  app.add_option("--out", options.out, "Directory to write report.md into")->capture_default_str();
}

int run_report(const ReportOptions& options) {
  const nlohmann::json results = parse_results(read_file(options.results));
  std::filesystem::create_directories(options.out);
  const auto path = std::filesystem::path(options.out) / "report.md";
  write_file_atomically(path, render_markdown(results));
  std::cout << "Report written to " << path.string() << "\n";
  return 0;
}

}  // namespace ltv::cli
