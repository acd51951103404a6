#pragma once
// The Markdown verification report, rendered from a results document by a pure function: the
// environment stamp, the theorem table, the discrepancies with their counterexamples, the
// experiments (V24 Table 1, A24), the figures, and every obligation in detail.
#include "ltv/report/figures.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ltv {

/// How a figure appears in the Markdown: as a link to figures/<id>.svg next to report.md, or as the
/// placeholder `<!--ltv-figure:<id>-->` that the HTML renderer replaces by the inline SVG.
enum class FigureLinks { Files, Placeholders };

/// Renders a parsed results.json (see verify/results_json.hpp) as Markdown.
std::string render_markdown(const nlohmann::json& results, const std::vector<Figure>& figures,
                            FigureLinks links = FigureLinks::Files);

/// The placeholder of figure `id` (FigureLinks::Placeholders).
std::string figure_placeholder(const std::string& id);

}  // namespace ltv
