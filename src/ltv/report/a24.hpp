#pragma once
// The A24 experiment's document (experiments.a24 of results.json, made by experiments/a24.hpp's
// a24_document) as Markdown: the protocol and budget it ran at, every claim with its statistic,
// estimate and interval, verdict and negative control, and the runs that diverged.
#include <nlohmann/json.hpp>

#include <string>

namespace ltv {

std::string a24_markdown(const nlohmann::json& document);

}  // namespace ltv
