#pragma once
// The usual shape of an obligation: one case generator and one check, run for the statement as
// printed, for the corrected form (when the printed one is known to need one), and for the
// negative control — each as its own property — then decided (decide.hpp).
#include "ltv/verify/decide.hpp"

namespace ltv {

enum class Form { Printed, Corrected, NegativeControl };

struct FormTexts {
  std::optional<std::string> correction;  ///< the corrected statement; none: only the printed form
  std::string negative_control;           ///< the deliberately wrong variant
};

/// Runs `check(case, form) -> CaseEvidence` on cases from `gen` for every form and decides.
/// The corrected form is only run when the printed form fails.
template <class Case, class Check>
ObligationResult run_forms(const Obligation& o, const RunOptions& options, const rc::Gen<Case>& gen,
                           Check check, const FormTexts& texts) {
  const auto form_check = [&](Form f) { return [&check, f](const Case& c) { return check(c, f); }; };
  StatementOutcomes s;
  s.statement = o.statement;
  s.printed = run_property(o.id, "printed", gen, form_check(Form::Printed), options);
  if (!s.printed.passed && texts.correction) {
    s.correction = texts.correction;
    s.corrected = run_property(o.id, "corrected", gen, form_check(Form::Corrected), options);
  }
  s.negative_description = texts.negative_control;
  s.negative = run_property(o.id, "negative", gen, form_check(Form::NegativeControl), options);
  return decide(o, options, s);
}

}  // namespace ltv
