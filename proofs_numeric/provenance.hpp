#pragma once
// What each obligation's printed form owes its paper, declared in one place (provenance.cpp): where
// it comes from (verbatim, with the formula, or reconstructed, and from what), the paper's
// conventions it is read under, whether the paper itself calls it approximate, and the paper's own
// experimental setting for the claim. catalogue() attaches it to every obligation.
#include "ltv/verify/obligation.hpp"

#include <map>
#include <string>

namespace ltv::proofs {

struct PaperReading {
  Provenance printed_form;
  std::vector<Convention> conventions;
  bool approximate = false;   ///< the paper calls the printed form an approximation
  std::string paper_setting;  ///< the paper's experimental setting for the claim ("" if none)
};

/// Every obligation's reading, keyed by ID.
const std::map<std::string, PaperReading>& paper_readings();

/// Sets o's printed form, conventions, `approximate` and scope.paper_setting from its reading;
/// throws std::logic_error when the catalogue declares no reading for it.
void annotate(Obligation& o);

}  // namespace ltv::proofs
