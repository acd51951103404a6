#pragma once
// From the outcomes of an obligation's properties to its verdict (SPEC §3):
//   printed form holds                          -> HOLDS
//   printed fails, corrected form holds         -> HOLDS-WITH-CORRECTION (counterexample kept)
//   printed fails, no corrected form holds      -> FAILS
//   too many discarded cases                    -> INCONCLUSIVE
// The negative control must fail; `rejected` records whether it did.
#include "ltv/verify/property.hpp"

namespace ltv {

struct StatementOutcomes {
  std::string statement;  ///< the printed form
  PropertyOutcome printed;
  std::optional<std::string> correction;  ///< the corrected form, if one was checked
  std::optional<PropertyOutcome> corrected;
  std::string negative_description;
  PropertyOutcome negative;
};

/// The command line that reruns exactly this obligation.
std::string reproduce_command(const std::string& id, const RunOptions& options);

/// Fills id, paper, title, kind, verdict, cases, tiers, counterexample, negative control and
/// reproduce; the caller adds values.
ObligationResult decide(const Obligation& obligation, const RunOptions& options,
                        const StatementOutcomes& outcomes);

}  // namespace ltv
