// Fuzz target: `ltv report --results FILE` up to the files it writes: the results.json reader, the
// figures' data, and the report's Markdown and HTML. What the command treats as bad input
// (std::invalid_argument from the reader, nlohmann::json::exception from a section of the wrong
// shape: exit 2) is accepted here; any other exception, a crash or a sanitizer report is a bug.
#include "ltv/report/figures.hpp"
#include "ltv/report/html.hpp"
#include "ltv/report/markdown.hpp"
#include "ltv/verify/results_json.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  nlohmann::json results;
  try {
    results = ltv::parse_results(text);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  std::string markdown;
  try {
    const std::vector<ltv::Figure> figures = ltv::report_figures(results);
    ltv::render_markdown(results, figures, ltv::MarkdownFor::Reader);
    markdown = ltv::render_markdown(results, figures, ltv::MarkdownFor::Html);
  } catch (const nlohmann::json::exception&) {
    return 0;
  }
  // The figures are drawn by gnuplot, a separate program, and KaTeX runs in the reader's browser:
  // neither is this process's code. The page is assembled from the Markdown as `ltv report` does.
  ltv::render_html(markdown, {}, "fuzz");
  ltv::count_formulas(markdown);
  return 0;
}
