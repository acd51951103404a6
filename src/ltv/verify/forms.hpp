#pragma once
// The usual shape of an obligation: one case generator and one check, run for the statement as
// printed, for the second form (a correction, or the printed form under a convention of the
// paper's; only when the printed form fails), and for the negative control — each as its own
// property — then decided (decide.hpp).
#include "ltv/verify/decide.hpp"

namespace ltv {

enum class Form { Printed, Corrected, NegativeControl };

struct FormTexts {
  std::optional<std::string> correction;  ///< the second form's statement; none: only the printed form
  std::string negative_control;           ///< the deliberately wrong variant
  FormRole role = FormRole::Correction;   ///< what the second form is (Form::Corrected runs it)
  std::string convention;                 ///< FormRole::Convention: which convention of the paper's
  std::string where;                      ///< FormRole::Convention: where the paper uses it

  FormTexts(std::optional<std::string> second, std::string negative, FormRole second_role = FormRole::Correction,
            std::string second_convention = {}, std::string second_where = {})
      : correction(std::move(second)),
        negative_control(std::move(negative)),
        role(second_role),
        convention(std::move(second_convention)),
        where(std::move(second_where)) {}
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
    s.second = SecondForm{texts.role, *texts.correction, texts.convention, texts.where, false};
    s.second_outcome = run_property(o.id, "corrected", gen, form_check(Form::Corrected), options);
  }
  s.negative_description = texts.negative_control;
  s.negative = run_property(o.id, "negative", gen, form_check(Form::NegativeControl), options);
  return decide(o, options, s);
}

}  // namespace ltv
