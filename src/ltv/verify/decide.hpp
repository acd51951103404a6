#pragma once
// From the outcomes of an obligation's properties to its verdict (docs/verdicts.md):
//   printed form (or, for an approximation, its rule) gave up       -> INCONCLUSIVE
//   printed form holds                                              -> HOLDS, or APPROXIMATION when the
//                                                                      paper calls the form approximate
//   printed fails, second form gave up                              -> INCONCLUSIVE
//   printed fails, second form holds: a convention of the paper's   -> CONVENTION
//                                     our reconstruction            -> RECONSTRUCTION-FAILS
//                                     verbatim printed form         -> HOLDS-WITH-CORRECTION
//   printed fails, no second form holds                             -> FAILS (RECONSTRUCTION-FAILS when
//                                                                      the printed form is ours)
// and then the gate: a negative control that was not rejected makes any verdict INCONCLUSIVE.
#include "ltv/verify/property.hpp"

namespace ltv {

struct StatementOutcomes {
  std::string statement;  ///< the printed form
  PropertyOutcome printed;
  std::optional<SecondForm> second;  ///< the corrected / conventional / exact form, if one was checked
  std::optional<PropertyOutcome> second_outcome;
  std::string negative_description;
  PropertyOutcome negative;
};

/// The command line that reruns exactly this obligation.
std::string reproduce_command(const std::string& id, const RunOptions& options);

/// Fills id, paper, title, kind, provenance, conventions, scope, verdict, cases, tiers,
/// counterexample, negative control and reproduce; the caller adds values.
ObligationResult decide(const Obligation& obligation, const RunOptions& options,
                        const StatementOutcomes& outcomes);

/// Turns `r` INCONCLUSIVE when its negative control was not rejected (idempotent). decide() applies
/// it, and the runner applies it again after an obligation's own adjustments to the verdict.
void gate_on_negative_control(ObligationResult& r);

/// Marks `r` INCONCLUSIVE with `reason` (keeps the first reason given).
void make_inconclusive(ObligationResult& r, const std::string& reason);

}  // namespace ltv
