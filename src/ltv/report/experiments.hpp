#pragma once
// The training experiments' documents (experiments.a24, .a23 and .v24 of results.json, made by
// experiments/a24.hpp's, a23.hpp's and v24.hpp's documents) as Markdown: the protocol and budget each ran at,
// every claim with its statistic, estimate and interval, verdict and negative control, and the runs
// that diverged.
#include <nlohmann/json.hpp>

#include <string>

namespace ltv {

std::string a24_markdown(const nlohmann::json& document);
std::string a23_markdown(const nlohmann::json& document);
std::string v24_markdown(const nlohmann::json& document);

}  // namespace ltv
