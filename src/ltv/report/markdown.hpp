#pragma once
// The Markdown verification report, rendered from a results document by a pure function.
#include <nlohmann/json.hpp>

#include <string>

namespace ltv {

/// Renders a parsed results.json (see verify/results_json.hpp) as Markdown.
std::string render_markdown(const nlohmann::json& results);

}  // namespace ltv
