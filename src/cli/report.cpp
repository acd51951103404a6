#include "report.hpp"

#include "exit_status.hpp"
#include "ltv/io/files.hpp"
#include "ltv/report/figures.hpp"
#include "ltv/report/gnuplot.hpp"
#include "ltv/report/html.hpp"
#include "ltv/report/katex.hpp"
#include "ltv/report/markdown.hpp"
#include "ltv/verify/results_json.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

namespace ltv::cli {
namespace report_impl {

/// An upper bound on a report (report.md, report.html with KaTeX and its fonts inlined, the
/// figures): five times the 1.6 MB of `ltv report --results tests/report/fixtures/results.json`.
constexpr std::uintmax_t kReportBytes = 8 * 1024 * 1024;

}  // namespace report_impl

void setup_report(CLI::App& app, ReportOptions& options) {
  app.add_option("--results", options.results, "The results file written by ltv check (and the experiments)")
      ->capture_default_str();
  app.add_option("--out", options.out, "Directory to write report.md, report.html and figures/ into")
      ->capture_default_str();
  app.add_option("--katex", options.katex,
                 "KaTeX's directory (Debian's libjs-katex), inlined to typeset the formulas")
      ->capture_default_str();
  app.footer(
      "report.html is self-contained (figures inline, no network); report.md links the same figures as "
      "figures/*.svg. The figures are drawn with gnuplot; one that cannot be drawn is named in the report. "
      "The formulas are typeset in the page by KaTeX, inlined with its fonts.");
}

int run_report(const ReportOptions& options) {
  const std::string text = read_input_file<std::invalid_argument>(options.results);
  nlohmann::json results;
  try {
    results = parse_results(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(options.results + ": " + e.what());
  }
  const std::filesystem::path out(options.out), figures_dir = out / "figures";
  check_writable_directory(figures_dir, report_impl::kReportBytes);  // and so out, figures_dir's parent
  // Everything read from the results file is read here, before anything is written: a section of
  // the wrong shape is bad input, and leaves the previous report as it was.
  std::vector<Figure> figures;
  std::string reader_markdown, markdown;
  try {
    figures = report_figures(results);
    reader_markdown = render_markdown(results, figures, MarkdownFor::Reader);
    markdown = render_markdown(results, figures, MarkdownFor::Html);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(options.results + " has a section of the wrong shape: " + e.what());
  }
  std::filesystem::create_directories(figures_dir);

  std::map<std::string, std::string> svgs;
  int drawn = 0, absent = 0, failed = 0;
  for (const Figure& f : figures) {
    if (!f.missing.empty()) {
      ++absent;
      continue;
    }
    try {
      svgs[f.id] = gnuplot_svg(f.script);
    } catch (const std::runtime_error& e) {
      std::cerr << "ltv report: figure " << f.id << " not drawn: " << e.what() << "\n";
      ++failed;
      continue;
    }
    write_file_atomically(figures_dir / (f.id + ".svg"), svgs[f.id]);  // a full disk ends the command
    ++drawn;
  }
  write_file_atomically(out / "report.md", reader_markdown);
  const int formulas = count_formulas(markdown);
  std::optional<Katex> katex;
  if (formulas > 0) {
    try {
      katex = load_katex(options.katex);
    } catch (const std::runtime_error& e) {
      std::cerr << "ltv report: the " << formulas << " formulas are left as TeX source: " << e.what() << "\n";
    }
  }
  write_file_atomically(out / "report.html",
                        render_html(markdown, svgs, "ltv verification report", katex ? &*katex : nullptr));
  std::cout << "Report written to " << (out / "report.html").string() << " and report.md (" << drawn << " figures";
  if (absent) std::cout << ", " << absent << " without data in " << options.results;
  if (failed) std::cout << ", " << failed << " FAILED to draw";
  std::cout << "; " << formulas << " formulas" << (formulas > 0 && !katex ? " NOT typeset" : "") << ")\n";
  return failed || (formulas > 0 && !katex) ? kExitShort : kExitOk;
}

}  // namespace ltv::cli
