#pragma once
// results.json: the single source of truth of a check run (docs/report.md). Written by `ltv check`,
// read by `ltv report`. Schema "ltv-results/2":
//   { "schema", "complete" (false: an interrupted run, written after each obligation),
//     "environment": {version, git_commit, build_type, compiler, libraries},
//     "options": {seed, cases, bits_requested, bits}, "obligations": [ObligationResult...] }
// Apart from "seconds", the document depends only on the options and the code.
#include "ltv/verify/runner.hpp"

#include <nlohmann/json.hpp>


namespace ltv {

inline constexpr const char* kResultsSchema = "ltv-results/2";

nlohmann::json environment_stamp();

/// Digits of agreement as JSON: JSON numbers cannot be infinite, so exact agreement is "inf".
nlohmann::json digits_json(const std::optional<double>& d);

nlohmann::json to_json(const ObligationResult& r);
ObligationResult obligation_from_json(const nlohmann::json& j);

nlohmann::json to_json(const CheckRun& run);

/// Parses and validates a results document; throws std::invalid_argument (bad input) naming what is
/// wrong.
nlohmann::json parse_results(const std::string& text);

}  // namespace ltv
