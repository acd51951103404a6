#include "ltv/verify/decide.hpp"

namespace ltv {

std::string reproduce_command(const std::string& id, const RunOptions& options) {
  return "ltv check --only '" + id + "' --seed " + std::to_string(options.seed) + " --cases " +
         std::to_string(options.cases) + " --bits " + std::to_string(options.bits);
}

ObligationResult decide(const Obligation& obligation, const RunOptions& options, const StatementOutcomes& o) {
  ObligationResult r;
  r.id = obligation.id;
  r.paper = obligation.paper;
  r.title = obligation.title;
  r.kind = std::string(kind_name(obligation.kind));
  r.statement = o.statement;
  r.seed = options.seed;
  r.reproduce = reproduce_command(obligation.id, options);

  const PropertyOutcome* deciding = &o.printed;
  if (o.printed.passed) {
    r.verdict = Verdict::Holds;
  } else if (o.printed.gave_up) {
    r.verdict = Verdict::Inconclusive;
    r.values["inconclusive_reason"] = o.printed.failure;
  } else {
    r.counterexample = o.printed.counterexample;
    r.values["printed_form_failure"] = o.printed.failure;
    if (o.corrected && o.corrected->passed) {
      r.verdict = Verdict::HoldsWithCorrection;
      r.correction = o.correction;
      deciding = &*o.corrected;
    } else {
      r.verdict = Verdict::Fails;
      if (o.corrected) {
        r.correction = o.correction;
        r.values["corrected_form_failure"] = o.corrected->failure;
      }
    }
  }
  r.cases = deciding->cases;
  r.tiers = deciding->tiers;

  r.negative_control.description = o.negative_description;
  r.negative_control.rejected = !o.negative.passed && !o.negative.gave_up;
  r.negative_control.counterexample = o.negative.counterexample;
  return r;
}

}  // namespace ltv
