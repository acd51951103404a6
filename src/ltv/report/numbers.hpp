#pragma once
// Numbers as the report's tables print them.
#include <nlohmann/json.hpp>

#include <string>

namespace ltv {

/// `digits` significant digits; "nan", "inf", "-inf" for what is not a number.
std::string short_number(double x, int digits = 4);
/// A number of results.json, where ±∞ and NaN are strings ("inf", "-inf", "NaN"): as short_number,
/// a string as it is.
std::string short_number(const nlohmann::json& x, int digits = 4);

}  // namespace ltv
