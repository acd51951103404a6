#pragma once
// results.json as a file shared by several commands: `ltv check` writes the obligations, the
// experiments (`ltv experiment a24`, `ltv reproduce table1 --results`) add their sections under
// "experiments", and each keeps what the others wrote.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ltv::cli {

/// The "experiments" section of an existing results file (empty when the file does not exist).
/// Throws std::invalid_argument when the file exists but is not a JSON object, or its
/// "experiments" is not an object: it is left as is.
nlohmann::json existing_experiments(const std::string& path);

/// Before the work of a command that will merge its section at `pointer` into the results file:
/// throws std::invalid_argument unless the file is missing or a JSON object where `pointer` can be
/// set, and it can be rewritten with `added_bytes` more (check_writable_file).
void check_results_file(const std::string& path, const nlohmann::json::json_pointer& pointer,
                        std::uintmax_t added_bytes);

/// Sets `pointer` (e.g. "/experiments/a24/setting_1") in the results file to `value` and rewrites the
/// file atomically, creating it when missing. Throws std::invalid_argument like above.
void merge_into_results(const std::string& path, const nlohmann::json::json_pointer& pointer,
                        const nlohmann::json& value);

}  // namespace ltv::cli
