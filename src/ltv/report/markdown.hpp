#pragma once
// The Markdown verification report, rendered from a results document by a pure function: the
// environment stamp, the theorem table, the discrepancies with their counterexamples, the readings
// (conventions, approximations), the experiments (V24 Table 1, A24), the figures, and every
// obligation in detail: its verdict and scope, where its printed form comes from, its conventions
// and, where there are two, the printed form beside the second form.
//
// Every prose field of an obligation (statement, correction, printed form, conventions, second form,
// scope, counterexample notes) may hold inline math `$…$` (TeX, Unicode letters allowed); `\$` is
// a literal dollar.
#include "ltv/report/figures.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ltv {

/// Who reads the Markdown. Reader: report.md, figures linked as figures/<id>.svg and math kept as
/// `$…$` (GitHub typesets it). Html: the input of render_html, figures as `<!--ltv-figure:<id>-->`
/// and each formula as `<!--ltv-math:<hex of its TeX>-->`, so that cmark sees nothing of the TeX (no
/// `*` or `_` inside a formula becomes emphasis); render_html replaces both.
enum class MarkdownFor { Reader, Html };

/// Renders a parsed results.json (see verify/results_json.hpp) as Markdown. Fields that an older
/// results file lacks (verdict_text, printed_form, conventions, scope, second_form) are skipped.
std::string render_markdown(const nlohmann::json& results, const std::vector<Figure>& figures,
                            MarkdownFor target = MarkdownFor::Reader);

/// The placeholder of figure `id` (MarkdownFor::Html).
std::string figure_placeholder(const std::string& id);

/// A prose field cut at its inline math spans: `$…$` is a span (TeX inside, where `\$` does not end
/// it); outside a span `\$` is a literal dollar, and a `$` that opens no non-empty span is literal.
struct TextPiece {
  std::string text;  ///< Markdown outside a span (with `\$` as written); the TeX of a span
  bool math = false;
};
std::vector<TextPiece> split_math(const std::string& text);

/// A prose field as Markdown for `target`: its formulas as `$…$` (a literal `$` escaped as `\$`) or
/// as math placeholders.
std::string markdown_text(const std::string& text, MarkdownFor target);

/// The opening of a math placeholder, "<!--ltv-math:"; the TeX follows in hex, then "-->".
inline constexpr const char* kMathPlaceholder = "<!--ltv-math:";

}  // namespace ltv
