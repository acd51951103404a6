#pragma once
// The report's plots (docs/report.md), as gnuplot programs with their data inline, computed from
// results.json by a pure function; report/gnuplot.hpp runs them. A figure whose data is not in the
// results file is kept with the reason and the command that produces its data, so the report says
// what is missing instead of silently dropping it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ltv {

struct Figure {
  std::string id;       ///< file stem, e.g. "digits_vs_precision"
  std::string title;
  std::string caption;  ///< what is plotted and where the numbers come from
  std::string script;   ///< gnuplot commands, terminal-independent; empty when missing
  std::string missing;  ///< why it is not drawn, and how to get its data (empty when drawn)
};

/// Every plot of the report, in the report's order: digits vs precision, GD++ digit doubling,
/// T4.2 cosine vs n, T5.2 error vs n, Monte Carlo z-scores, training curves, Adam vs SGD, Table 1 vs
/// the paper, per-noise-level profiles.
std::vector<Figure> report_figures(const nlohmann::json& results);

}  // namespace ltv
