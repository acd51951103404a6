#pragma once
// V24 Table 1's document (experiments.table1 of results.json, made by experiments/table1.hpp's
// table1_document: cells sorted by row and column, the paper's column labels under "columns") as
// CSV and as Markdown. Pure functions of the document: report reads results, not the experiment.
#include <nlohmann/json.hpp>

#include <string>

namespace ltv {

/// The document as CSV (one line per cell) and as a Markdown table in the paper's layout (rows and
/// columns in the document's order). Neither contains timings, so equal documents up to timings
/// give equal files.
std::string table1_csv(const nlohmann::json& document);
std::string table1_markdown(const nlohmann::json& document);

}  // namespace ltv
