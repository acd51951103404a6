// report/: the Markdown and HTML reports and the figures' gnuplot programs, rendered from a fixed
// results file (a real `ltv check` + `ltv experiment a24` + `ltv reproduce table1` run) and compared
// with golden files. After an intended change: LTV_UPDATE_GOLDEN=1 ctest -R report_test, then
// review the diff of tests/report/golden/.
#include "ltv/io/files.hpp"
#include "ltv/report/figures.hpp"
#include "ltv/report/gnuplot.hpp"
#include "ltv/report/html.hpp"
#include "ltv/report/markdown.hpp"
#include "ltv/verify/results_json.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kReportTests = LTV_REPORT_TESTS;

json fixture() { return ltv::parse_results(ltv::read_file(kReportTests / "fixtures" / "results.json")); }

std::map<std::string, std::string> stand_in_svgs(const std::vector<ltv::Figure>& figures) {
  std::map<std::string, std::string> svgs;
  for (const auto& f : figures)
    if (f.missing.empty()) svgs[f.id] = "<?xml version=\"1.0\"?>\n<svg id=\"stand-in-" + f.id + "\"></svg>";
  return svgs;
}

void compare_with_golden(const std::string& name, const std::string& actual) {
  const fs::path path = kReportTests / "golden" / name;
  if (std::getenv("LTV_UPDATE_GOLDEN") != nullptr) {
    ltv::write_file_atomically(path, actual);
    WARN("rewrote " << path.string());
    return;
  }
  REQUIRE(fs::exists(path));
  const std::string expected = ltv::read_file(path);
  if (actual == expected) return;
  std::istringstream a(actual), e(expected);
  std::string la, le;
  int line = 0;
  while (true) {
    ++line;
    const bool ga = static_cast<bool>(std::getline(a, la)), ge = static_cast<bool>(std::getline(e, le));
    if (!ga || !ge || la != le) break;
  }
  FAIL(name << " differs from the golden file at line " << line << ":\n  golden: " << le << "\n  now:    " << la
            << "\n(LTV_UPDATE_GOLDEN=1 rewrites the golden files after an intended change)");
}

std::string all_scripts(const std::vector<ltv::Figure>& figures) {
  std::string out;
  for (const auto& f : figures)
    out += "# ---- " + f.id + (f.missing.empty() ? "" : " (missing: " + f.missing + ")") + "\n" + f.script;
  return out;
}

}  // namespace

TEST_CASE("golden: report.md of the fixed results file") {
  const json r = fixture();
  compare_with_golden("report.md", ltv::render_markdown(r, ltv::report_figures(r)));
}

TEST_CASE("golden: the figures' gnuplot programs") {
  compare_with_golden("figures.gp", all_scripts(ltv::report_figures(fixture())));
}

TEST_CASE("golden: report.html with stand-in figures") {
  const json r = fixture();
  const auto figures = ltv::report_figures(r);
  compare_with_golden("report.html", ltv::render_html(ltv::render_markdown(r, figures, ltv::FigureLinks::Placeholders),
                                                      stand_in_svgs(figures), "ltv verification report"));
}

TEST_CASE("every obligation, experiment and figure of the fixture is in the report") {
  const json r = fixture();
  const auto figures = ltv::report_figures(r);
  REQUIRE(figures.size() == 9);
  for (const auto& f : figures) {
    INFO(f.id << ": " << f.missing);
    CHECK(f.missing.empty());
    CHECK_FALSE(f.script.empty());
  }
  const std::string md = ltv::render_markdown(r, figures);
  const std::string html =
      ltv::render_html(ltv::render_markdown(r, figures, ltv::FigureLinks::Placeholders), stand_in_svgs(figures), "t");
  for (const json& o : r.at("obligations")) {
    const std::string id = o.at("id");
    INFO(id);
    CHECK_THAT(md, Catch::Contains("| " + id + " |"));
    CHECK_THAT(html, Catch::Contains("<td>" + id + "</td>"));
  }
  CHECK_THAT(md, Catch::Contains("### V24 Table 1") && Catch::Contains("### A24: Adam against SGD"));
  for (const auto& f : figures) {
    CHECK_THAT(md, Catch::Contains("](figures/" + f.id + ".svg)"));
    CHECK_THAT(html, Catch::Contains("<figure id=\"figure-" + f.id + "\"><svg id=\"stand-in-" + f.id + "\">"));
  }
  CHECK_THAT(html, !Catch::Contains("<!--ltv-figure:") && !Catch::Contains("<?xml"));
  CHECK_THAT(html, Catch::Contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

TEST_CASE("without experiments, their figures are named as missing with the command that makes them") {
  json r = fixture();
  r.erase("experiments");
  const auto figures = ltv::report_figures(r);
  int missing = 0;
  for (const auto& f : figures)
    if (!f.missing.empty()) {
      ++missing;
      CHECK_THAT(f.missing, Catch::Contains("ltv reproduce table1") || Catch::Contains("ltv experiment a24"));
    }
  CHECK(missing == 4);  // training curves, Adam vs SGD, Table 1 vs the paper, noise profiles
  const std::string md = ltv::render_markdown(r, figures);
  CHECK_THAT(md, Catch::Contains("Not drawn: experiments.table1 is not in this results file"));
  CHECK_THAT(md, Catch::Contains("None in this results file"));
}

TEST_CASE("a failing obligation is listed among the discrepancies with its counterexample") {
  json r = fixture();
  const std::string clean = ltv::render_markdown(r, {});
  json& o = r.at("obligations")[0];
  const std::string id = o.at("id");
  CHECK_THAT(clean, !Catch::Contains("### " + id + " — FAILS"));
  o["verdict"] = "FAILS";
  o["counterexample"] = "d=1 n=1 the deliberately planted case";
  const std::string md = ltv::render_markdown(r, {});
  CHECK_THAT(md, Catch::Contains("### " + id + " — FAILS") && Catch::Contains("the deliberately planted case"));
}

TEST_CASE("gnuplot draws every figure of the fixture — a broken program is an error") {
  REQUIRE_FALSE(ltv::gnuplot_version().empty());  // CI installs gnuplot (scripts/setup)
  for (const auto& f : ltv::report_figures(fixture())) {
    INFO(f.id);
    const std::string svg = ltv::gnuplot_svg(f.script);
    CHECK_THAT(svg, Catch::Contains("<svg") && Catch::Contains("</svg>"));
    CHECK_THAT(svg, !Catch::Contains("<script"));  // no mouse script: nothing executes in the page
  }
  CHECK_THROWS_WITH(ltv::gnuplot_svg("plot $nonexistent using 1:2\n"), Catch::Contains("gnuplot failed"));
}
