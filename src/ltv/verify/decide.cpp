#include "ltv/verify/decide.hpp"

namespace ltv {

std::string reproduce_command(const std::string& id, const RunOptions& options) {
  return "ltv check --only '" + id + "' --seed " + std::to_string(options.seed) + " --cases " +
         std::to_string(options.cases) + " --bits " + std::to_string(options.bits);
}

void make_inconclusive(ObligationResult& r, const std::string& reason) {
  r.verdict = Verdict::Inconclusive;
  if (r.inconclusive_reason.empty()) r.inconclusive_reason = reason;
}

void gate_on_negative_control(ObligationResult& r) {
  if (!r.negative_control.rejected && r.verdict != Verdict::Inconclusive)
    make_inconclusive(r, "the negative control (" + r.negative_control.description +
                             ") was not rejected, so the check did not show it can fail");
}

namespace {

/// The verdict when the printed form failed and `second` (if any) was checked.
Verdict verdict_after_printed_failed(const Obligation& o, const std::optional<SecondForm>& second) {
  const bool ours = o.printed_form.source != Source::Verbatim;
  if (!second || !second->holds) return ours ? Verdict::ReconstructionFails : Verdict::Fails;
  if (second->role == FormRole::Convention) return Verdict::Convention;
  return ours ? Verdict::ReconstructionFails : Verdict::HoldsWithCorrection;
}

}  // namespace

ObligationResult decide(const Obligation& obligation, const RunOptions& options, const StatementOutcomes& o) {
  ObligationResult r;
  r.id = obligation.id;
  r.paper = obligation.paper;
  r.title = obligation.title;
  r.kind = std::string(kind_name(obligation.kind));
  r.statement = o.statement;
  r.printed_form = obligation.printed_form;
  r.conventions = obligation.conventions;
  r.scope = obligation.scope;
  r.seed = options.seed;
  r.reproduce = reproduce_command(obligation.id, options);

  const PropertyOutcome* deciding = &o.printed;
  if (o.printed.gave_up) {
    make_inconclusive(r, "the printed form gave up (too many discarded cases): " + o.printed.failure);
  } else if (o.printed.passed) {
    r.verdict = obligation.approximate ? Verdict::Approximation : Verdict::Holds;
  } else {
    r.counterexample = o.printed.counterexample;
    r.values["printed_form_failure"] = o.printed.failure;
    if (o.second) {
      r.second_form = o.second;
      r.second_form->holds = o.second_outcome && o.second_outcome->passed;
      if (o.second_outcome && !o.second_outcome->passed && !o.second_outcome->gave_up)
        r.values["second_form_failure"] = o.second_outcome->failure;
      if (r.second_form->holds) deciding = &*o.second_outcome;
    }
    if (o.second_outcome && o.second_outcome->gave_up)
      make_inconclusive(r, "the " + std::string(form_role_name(o.second->role)) +
                               " gave up (too many discarded cases): " + o.second_outcome->failure);
    else
      r.verdict = verdict_after_printed_failed(obligation, r.second_form);
  }
  r.cases = deciding->cases;
  r.tiers = deciding->tiers;

  r.negative_control.description = o.negative_description;
  r.negative_control.rejected = !o.negative.passed && !o.negative.gave_up;
  r.negative_control.counterexample = o.negative.counterexample;
  gate_on_negative_control(r);
  return r;
}

}  // namespace ltv
