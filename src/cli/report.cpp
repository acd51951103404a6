#include "report.hpp"

#include "ltv/io/files.hpp"
#include "ltv/report/figures.hpp"
#include "ltv/report/gnuplot.hpp"
#include "ltv/report/html.hpp"
#include "ltv/report/markdown.hpp"
#include "ltv/verify/results_json.hpp"

#include <filesystem>
#include <iostream>
#include <map>

namespace ltv::cli {

void setup_report(CLI::App& app, ReportOptions& options) {
  app.add_option("--results", options.results, "The results file written by ltv check (and the experiments)")
      ->capture_default_str();
  app.add_option("--out", options.out, "Directory to write report.md, report.html and figures/ into")
      ->capture_default_str();
  app.footer(
      "report.html is self-contained (figures inline, no network); report.md links the same figures as "
      "figures/*.svg. The figures are drawn with gnuplot; one that cannot be drawn is named in the report.");
}

int run_report(const ReportOptions& options) {
  const nlohmann::json results = parse_results(read_file(options.results));
  const std::filesystem::path out(options.out), figures_dir = out / "figures";
  std::filesystem::create_directories(figures_dir);

  const std::vector<Figure> figures = report_figures(results);
  std::map<std::string, std::string> svgs;
  int drawn = 0, absent = 0, failed = 0;
  for (const Figure& f : figures) {
    if (!f.missing.empty()) {
      ++absent;
      continue;
    }
    try {
      svgs[f.id] = gnuplot_svg(f.script);
      write_file_atomically(figures_dir / (f.id + ".svg"), svgs[f.id]);
      ++drawn;
    } catch (const std::runtime_error& e) {
      std::cerr << "ltv report: figure " << f.id << " not drawn: " << e.what() << "\n";
      ++failed;
    }
  }
  write_file_atomically(out / "report.md", render_markdown(results, figures, FigureLinks::Files));
  write_file_atomically(out / "report.html",
                        render_html(render_markdown(results, figures, FigureLinks::Placeholders), svgs,
                                    "ltv verification report"));
  std::cout << "Report written to " << (out / "report.html").string() << " and report.md (" << drawn << " figures";
  if (absent) std::cout << ", " << absent << " without data in " << options.results;
  if (failed) std::cout << ", " << failed << " FAILED to draw";
  std::cout << ")\n";
  return failed ? 1 : 0;
}

}  // namespace ltv::cli
