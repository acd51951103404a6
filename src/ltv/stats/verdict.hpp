#pragma once
// The verdict vocabulary (docs/verdicts.md; data in results.json, not only text). A verdict says
// exactly what was shown: it never blames a paper for a convention, an approximation the paper
// itself names, or a reconstruction of ours.
#include <optional>
#include <string>
#include <string_view>

namespace ltv {

enum class Verdict {
  Holds,                ///< the statement holds on every case of its scope
  HoldsWithCorrection,  ///< the verbatim printed form fails under the paper's own conventions; a corrected form holds
  Convention,           ///< the printed form holds once a convention the paper uses elsewhere is applied
  Approximation,        ///< the paper calls it approximate; its error, measured, meets a rule fixed before the run
  ReconstructionFails,  ///< only our reconstruction of an unrecoverable display fails: no claim about the paper
  Fails,                ///< the statement fails and no corrected form holds
  Reproduced,           ///< an empirical claim is reproduced (with the numbers)
  NotReproduced,        ///< an empirical claim is not reproduced (with the numbers)
  Inconclusive,         ///< not decided: a control not rejected, a form that gave up, too little power (says why)
};

std::string_view verdict_name(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view name);

/// The kind of evidence an obligation gives.
enum class Kind {
  Identity,     ///< an algebraic identity: exact rationals, residual exactly 0
  Inequality,   ///< certified by interval arithmetic
  Population,   ///< a population optimum, by exact expectations at high precision
  Asymptotic,   ///< a measured rate
  Statistical,  ///< an estimate with its standard error and a decision rule
  Empirical,    ///< trained models
};

std::string_view kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view name);

/// Where the printed form an obligation checks comes from.
enum class Source {
  Verbatim,       ///< as printed in the paper (`quote` holds the formula)
  Reconstructed,  ///< the display could not be recovered; rebuilt from what `note` says
  Ltv,            ///< not a paper's claim: a check of ltv's own engine or training code
};

std::string_view source_name(Source s);
std::optional<Source> parse_source(std::string_view name);

/// The role of the second form an obligation checks beside the printed one.
enum class FormRole {
  Correction,     ///< the printed form corrected
  Convention,     ///< the printed form read under a convention the paper uses elsewhere
  Approximation,  ///< the approximation the paper states, judged by a rule
  ExactForm,      ///< the exact closed form of something the paper approximates
};

std::string_view form_role_name(FormRole r);
std::optional<FormRole> parse_form_role(std::string_view name);

}  // namespace ltv
