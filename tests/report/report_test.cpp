// report/: the Markdown and HTML reports and the figures' gnuplot programs, rendered from a fixed
// results file (a real `ltv check` + `ltv experiment a24` + `ltv reproduce table1` run) and compared
// with golden files; the same for results_v2.json, a hand-made copy that gives every verdict and
// the per-obligation verdict data (printed form, conventions, scope, second form) with formulas.
// Also: formulas are protected from cmark, KaTeX's assets are inlined, SHA-256 and base64 match
// their standards' test vectors. After an intended change: LTV_UPDATE_GOLDEN=1 ctest -R report_test,
// then review the diff of tests/report/golden/.
#include "ltv/io/files.hpp"
#include "ltv/report/figures.hpp"
#include "ltv/report/gnuplot.hpp"
#include "ltv/report/html.hpp"
#include "ltv/report/katex.hpp"
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

// results_v2.json: a hand-made results file (schema ltv-results/2) in which every verdict occurs.
json fixture_v2() { return ltv::parse_results(ltv::read_file(kReportTests / "fixtures" / "results_v2.json")); }

// Stand-ins for KaTeX's assets, so that the golden HTML does not hold 600 kB of Debian's files.
const ltv::Katex kStandInKatex{"/* katex.min.js stand-in */" + ltv::katex_render_call(),
                               "/* katex.min.css stand-in */"};

std::map<std::string, std::string> stand_in_svgs(const std::vector<ltv::Figure>& figures) {
  std::map<std::string, std::string> svgs;
  for (const auto& f : figures)
    if (f.missing.empty()) svgs[f.id] = "<?xml version=\"1.0\"?>\n<svg id=\"stand-in-" + f.id + "\"></svg>";
  return svgs;
}

std::string html_of(const json& r, const ltv::Katex* katex = &kStandInKatex) {
  const auto figures = ltv::report_figures(r);
  return ltv::render_html(ltv::render_markdown(r, figures, ltv::MarkdownFor::Html), stand_in_svgs(figures),
                          "ltv verification report", katex);
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

int occurrences(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
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
  compare_with_golden("report.html", html_of(fixture()));
}

TEST_CASE("every obligation, experiment and figure of the fixture is in the report") {
  const json r = fixture();
  const auto figures = ltv::report_figures(r);
  REQUIRE(figures.size() == 13);
  for (const auto& f : figures) {
    INFO(f.id << ": " << f.missing);
    CHECK(f.missing.empty());
    CHECK_FALSE(f.script.empty());
  }
  const std::string md = ltv::render_markdown(r, figures);
  const std::string html =
      ltv::render_html(ltv::render_markdown(r, figures, ltv::MarkdownFor::Html), stand_in_svgs(figures), "t");
  for (const json& o : r.at("obligations")) {
    const std::string id = o.at("id");
    INFO(id);
    CHECK_THAT(md, Catch::Contains("| " + id + " |"));
    CHECK_THAT(html, Catch::Contains("<td>" + id + "</td>"));
  }
  CHECK_THAT(md, Catch::Contains("### V24 Table 1") && Catch::Contains("### A24: Adam against SGD") &&
                     Catch::Contains("### A23: Theorems 3 and 4 trained"));
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
      CHECK_THAT(f.missing, Catch::Contains("ltv reproduce table1") || Catch::Contains("ltv experiment a24") ||
                                Catch::Contains("ltv experiment a23") || Catch::Contains("ltv experiment v24"));
    }
  CHECK(missing == 8);  // training curves, Adam vs SGD, A23's Dist curves, Table 1 vs the paper, noise profiles, V24's three
  const std::string md = ltv::render_markdown(r, figures);
  CHECK_THAT(md, Catch::Contains("Not drawn: experiments.table1 is not in this results file"));
  CHECK_THAT(md, Catch::Contains("None in this results file"));
}

TEST_CASE("an A24 run that diverged is left out of the Adam-vs-SGD figure and counted in its caption") {
  json r = fixture();
  json& configs = r.at("experiments").at("a24").at("configs");
  json& runs = configs.at("setting_1").at("runs").at("adam");
  const std::size_t diverged_before = r.at("experiments").at("a24").at("diverged_runs").size();
  runs[0]["final_loss"] = "diverged";
  for (const auto& f : ltv::report_figures(r))
    if (f.id == "adam_vs_sgd") {
      CHECK_THAT(f.caption, Catch::Contains("setting_1: 1 run(s) diverged."));
      CHECK(f.missing.empty());
      CHECK_THAT(ltv::gnuplot_svg(f.script), Catch::Contains("</svg>"));
    }
  CHECK(runs.size() > 1);
  const std::string md = ltv::render_markdown(r, ltv::report_figures(r));
  CHECK_THAT(md, Catch::Contains(std::to_string(diverged_before) + " run(s) diverged"));
}

TEST_CASE("an A24 section written by an earlier ltv is named as such, not an error") {
  json r = fixture();
  r["experiments"]["a24"] = {{"setting_1", {{"setting", 1}, {"phenomena", json::object()}}}};
  const auto figures = ltv::report_figures(r);
  for (const auto& f : figures)
    if (f.id == "adam_vs_sgd") CHECK_THAT(f.missing, Catch::Contains("format of an earlier ltv"));
  CHECK_THAT(ltv::render_markdown(r, figures), Catch::Contains("in the format of an earlier ltv"));
}

TEST_CASE("a failing obligation is listed among the discrepancies with its counterexample") {
  json r = fixture();
  const std::string clean = ltv::render_markdown(r, {});
  json& o = r.at("obligations")[0];
  const std::string id = o.at("id");
  CHECK_THAT(clean, !Catch::Contains("### " + id + " — FAILS"));
  o["verdict"] = "FAILS";
  o["verdict_text"] = "FAILS";
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

// ---- Formulas ---------------------------------------------------------------------------------

TEST_CASE("split_math: spans, literal dollars, code spans") {
  using P = std::vector<std::pair<std::string, bool>>;
  const auto pieces = [](const std::string& text) {
    P out;
    for (const auto& p : ltv::split_math(text)) out.emplace_back(p.text, p.math);
    return out;
  };
  CHECK(pieces("a $w^*$ b") == P{{"a ", false}, {"w^*", true}, {" b", false}});
  CHECK(pieces("costs \\$5, $x \\$ y$") == P{{"costs \\$5, ", false}, {"x \\$ y", true}});
  CHECK(pieces("$a$$b$") == P{{"a", true}, {"b", true}});
  CHECK(pieces("lone $ dollar") == P{{"lone \\$ dollar", false}});
  CHECK(pieces("$$x$$") == P{{"\\$\\$x\\$\\$", false}});  // display math is not part of the format
  CHECK(pieces("`ltv --only '$ID'` and $x$") == P{{"`ltv --only '$ID'` and ", false}, {"x", true}});
  CHECK(pieces("").empty());
}

TEST_CASE("cmark never interprets a formula: no emphasis, no HTML, no table break inside $…$") {
  // Every character cmark would act on: emphasis (* _), HTML (< > &), a table cell's pipe, escapes.
  const std::string tex = R"(w^*_i - x_* * y_2 + |a|_b < c > d \& e \|f\|)";
  const std::string typeset_source = R"(w^*_i - x_* * y_2 + |a|_b &lt; c &gt; d \&amp; e \|f\|)";
  const std::string field = "$" + tex + "$ and *emphasis*";
  const std::string md =
      "| formula |\n|---|\n| " + ltv::markdown_text(field, ltv::MarkdownFor::Html) + " |\n";
  const std::string html = ltv::render_html(md, {}, "t", &kStandInKatex);
  CHECK_THAT(html, Catch::Contains("<td><span class=\"math\">" + typeset_source +
                                   "</span> and <em>emphasis</em></td>"));
  // Negative control: the same TeX given to cmark unprotected becomes emphasis and loses its escapes.
  const std::string raw = ltv::render_html(tex + "\n", {}, "t", &kStandInKatex);
  CHECK_THAT(raw, Catch::Contains("<em>") && !Catch::Contains(typeset_source));
  // report.md keeps the formula for GitHub, a table cell's pipes escaped.
  CHECK(ltv::markdown_text(field, ltv::MarkdownFor::Reader) == field);
}

TEST_CASE("the page inlines KaTeX only when it has formulas, and its policy names the script's hash") {
  const std::string plain = ltv::render_html("no formula\n", {}, "t", &kStandInKatex);
  CHECK_THAT(plain, Catch::Contains("content=\"default-src 'none'; style-src 'unsafe-inline'\">") &&
                        !Catch::Contains("<script") && !Catch::Contains("stand-in"));
  const std::string md = ltv::markdown_text("$x$", ltv::MarkdownFor::Html) + "\n";
  CHECK(ltv::count_formulas(md) == 1);
  const std::string page = ltv::render_html(md, {}, "t", &kStandInKatex);
  CHECK_THAT(page, Catch::Contains(
                       "default-src 'none'; style-src 'unsafe-inline'; font-src data:; script-src 'sha256-" +
                       ltv::sha256_base64(kStandInKatex.script) + "'\">"));
  CHECK_THAT(page, Catch::Contains("<script>" + kStandInKatex.script + "</script>") &&
                       Catch::Contains("<style>/* katex.min.css stand-in */</style>"));
  // Without KaTeX the formula stays as its source, and the page runs nothing.
  const std::string bare = ltv::render_html(md, {}, "t", nullptr);
  CHECK_THAT(bare, Catch::Contains("<span class=\"math\">x</span>") && !Catch::Contains("<script"));
}

TEST_CASE("SHA-256 and base64 give their standards' test vectors") {
  // FIPS 180-4 examples (via their hex digests) and the empty message.
  CHECK(ltv::sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(ltv::sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(ltv::sha256_base64("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
  CHECK(ltv::sha256_base64(std::string(1000000, 'a')) == "zcduXJkU+5KBocfihNc+Z/GAmkiklyAOBG05zMcRLNA=");
  CHECK(ltv::sha256_base64("abd") != ltv::sha256_base64("abc"));
  // RFC 4648 §10.
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [in, out] : vectors) CHECK(ltv::base64(in) == out);
}

TEST_CASE("KaTeX from Debian's libjs-katex: every font inlined as woff2, nothing left to fetch") {
  REQUIRE(std::filesystem::exists(ltv::kKatexDir));  // CI installs libjs-katex (scripts/setup)
  const ltv::Katex katex = ltv::load_katex();
  CHECK(occurrences(katex.css, "url(data:font/woff2;base64,") == 20);  // KaTeX 0.16's twenty @font-faces
  CHECK_THAT(katex.css,
             !Catch::Contains("url(fonts/") && !Catch::Contains(".woff)") && !Catch::Contains(".ttf)"));
  CHECK_THAT(katex.script, Catch::EndsWith(ltv::katex_render_call()) && Catch::Contains("katex"));
  CHECK_THROWS_WITH(ltv::load_katex("/nonexistent-katex"),
                    Catch::Contains("/nonexistent-katex/katex.min.js not found"));
}

// ---- The verdict data (results_v2.json) --------------------------------------------------------

TEST_CASE("golden: report.md and report.html of results_v2.json") {
  const json r = fixture_v2();
  compare_with_golden("report_v2.md", ltv::render_markdown(r, ltv::report_figures(r)));
  compare_with_golden("report_v2.html", html_of(r));
}

/// The text of the Markdown section that starts with `heading`, up to the next heading of its level.
std::string section(const std::string& md, const std::string& heading) {
  const std::size_t start = md.find("\n" + heading + "\n");
  if (start == std::string::npos) return "";
  const std::string level = heading.substr(0, heading.find(' ') + 1);
  const std::size_t end = md.find("\n" + level, start + heading.size() + 1);
  return md.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST_CASE("every verdict of results_v2.json is where it belongs, with its data") {
  const std::string md = ltv::render_markdown(fixture_v2(), {});
  const std::string discrepancies = section(md, "## Discrepancies with the papers");
  const std::string readings = section(md, "## Readings");
  // The theorem table prints verdict_text, and falls back to the verdict.
  CHECK_THAT(md,
             Catch::Contains("| V24.T4.1 | V24 | identity | **HOLDS ($L \\le 2$; $L = 3$ not reached)** |"));
  CHECK_THAT(md, Catch::Contains("| V24.LA.2 | V24 | inequality | **HOLDS** |"));
  for (const char* id :
       {"A23.T1 — FAILS", "V24.L4.4 — HOLDS-WITH-CORRECTION", "V24.T5.2 — RECONSTRUCTION-FAILS",
        "V24.T4.2 — INCONCLUSIVE", "A23.T5 — NOT-REPRODUCED"})
    CHECK_THAT(discrepancies, Catch::Contains(std::string("### ") + id));
  CHECK_THAT(section(discrepancies, "### V24.T5.2 — RECONSTRUCTION-FAILS (sign of $ω_{yx}$)"),
             Catch::Contains("ltv's reconstruction of the statement, not a claim about the paper"));
  CHECK_THAT(discrepancies, Catch::Contains("- Not decided: the negative control was not rejected"));
  for (const char* id : {"A23.L1", "V24.S5.3", "V24.T4.1", "EXP.MC", "V24.LA.2"})
    CHECK_THAT(discrepancies, !Catch::Contains(std::string("### ") + id));
  CHECK_THAT(
      readings,
      Catch::Contains("- **A23.L1** — CONVENTION (holds with $Q^\\top$ in place of $Q$): second form "
                      "(convention) $θ_{l+1} = θ_l - A_l^\\top \\nabla R(θ_l)$ — A23's code uses $Q^\\top$ "
                      "(A23 code, linear_transformer.py)"));
  CHECK_THAT(readings, Catch::Contains("- **V24.S5.3** — APPROXIMATION"));
  CHECK_THAT(readings, !Catch::Contains("V24.L4.4") && !Catch::Contains("A23.T1"));

  // Per obligation: provenance, conventions, scope, and the two forms side by side.
  const std::string t41 =
      section(md, "### V24.T4.1: " + fixture_v2().at("obligations")[0].at("title").get<std::string>());
  CHECK_THAT(t41, Catch::Contains(
                      "Printed form: reconstructed, V24 §4, Theorem 4.1 — rebuilt from the theorem's prose"));
  CHECK_THAT(t41, Catch::Contains("| readout | $\\hat y = -y_{n+1}$ | V24 §2, eq. (3) |"));
  CHECK_THAT(t41,
             Catch::Contains(
                 "| norm | $\\|x\\|$ is the Euclidean norm; $\\\\|A\\\\|$ the spectral norm | V24 §2 |"));
  // nlohmann::json keeps an object's keys sorted: H, L, d, n, Σ.
  CHECK_THAT(
      t41,
      Catch::Contains(
          "Scope: checked H = 1, L = 2, d = 1–5, n = d–12, Σ = dyadic Gram matrices; "
          "not reached: $L = 3$; the paper's setting (d = 5, n = 20, L = 3 (V24 §6)): **not reached**."));
  CHECK_THAT(t41, !Catch::Contains("| as printed"));  // HOLDS: one form
  // CONVENTION, APPROXIMATION, HOLDS-WITH-CORRECTION, RECONSTRUCTION-FAILS:
  CHECK(occurrences(md, "| second form") == 4);
  CHECK_THAT(md, Catch::Contains("| as printed | second form: convention |\n|---|---|\n| $θ^{l+1} = θ^l - "
                                 "A_l \\nabla R_{w^*}(θ^l)$ | "
                                 "$θ_{l+1} = θ_l - A_l^\\top \\nabla R(θ_l)$ |"));
  CHECK_THAT(md, Catch::Contains("| | convention: A23's code uses $Q^\\top$ |"));
  CHECK_THAT(md, Catch::Contains("| as reconstructed by ltv | second form: correction |"));
  CHECK_THAT(
      md, Catch::Contains("Counterexample to the reconstruction: $σ = 1$"));  // a note with formulas is prose
  CHECK_THAT(md, Catch::Contains("Not decided: the negative control was not rejected"));
}

TEST_CASE("verdict data of unexpected types or absent is skipped, never a crash") {
  json r = fixture_v2();
  for (json& o : r.at("obligations")) {
    o["verdict_text"] = 3;
    o["printed_form"] = "verbatim";
    o["conventions"] = json::object({{"name", "x"}});
    o["scope"] = json::array({1, 2});
    o["second_form"] = nullptr;
    o.erase("inconclusive_reason");
  }
  r.at("obligations")[0]["scope"] =
      json::object({{"checked", "all"}, {"not_reached", "L = 3"}, {"paper_setting_reached", 1}});
  r.at("obligations")[1]["conventions"] = json::array({"readout", json::object({{"value", 2}})});
  std::string md;
  REQUIRE_NOTHROW(md = ltv::render_markdown(r, {}));
  CHECK_THAT(md, Catch::Contains("| V24.T4.1 | V24 | identity | **HOLDS** |"));  // verdict_text not a string
  CHECK_THAT(md, !Catch::Contains("Printed form:") && !Catch::Contains("Scope:") &&
                     !Catch::Contains("| second form"));
  REQUIRE_NOTHROW(html_of(r));
}
