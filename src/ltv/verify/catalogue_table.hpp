#pragma once
// The catalogue table (docs/catalogue.md's, printed by `ltv check --list --markdown`), generated
// from the obligations' own declarations so that the docs cannot drift from the code: a test
// compares the two.
#include "ltv/verify/obligation.hpp"

#include <string>
#include <vector>

namespace ltv {

/// "d ≤ 6, n ≤ 12, L ≤ 4" from a scope's checked ranges.
std::string scope_ranges(const Scope& s);

/// One Markdown table, a row per obligation in the given order.
std::string catalogue_markdown(const std::vector<Obligation>& obligations);

}  // namespace ltv
