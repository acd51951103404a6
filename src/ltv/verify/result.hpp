#pragma once
// What one obligation run produces: the data behind a row of the theorem table and an entry of
// results.json (docs/report.md). Plain data; results_json.hpp reads and writes it.
#include "ltv/scalar/tier.hpp"
#include "ltv/stats/verdict.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv {

/// Evidence gathered at one scalar tier over all cases of an obligation.
struct TierReport {
  Tier tier = Tier::Double;
  unsigned bits = 0;             ///< mantissa bits really used (0 for the rational tier)
  int cases = 0;                 ///< cases evaluated at this tier
  std::string worst_residual;    ///< largest residual of the statement, as a decimal string ("0" exact)
  std::optional<double> digits;  ///< worst digits of agreement with the rational tier (null: rational tier)
  std::optional<double> required_digits;  ///< the tolerance those digits were held to
  std::string worst_case;                 ///< the case where the worst digits were seen
};

struct NegativeControlReport {
  std::string description;                    ///< the deliberately wrong variant
  bool rejected = false;                      ///< true when the check rejected it
  std::optional<std::string> counterexample;  ///< the shrunk case that rejected it
};

struct Provenance {
  Source source = Source::Reconstructed;
  std::string where;  ///< section / theorem / equation of the paper
  std::string quote;  ///< verbatim only: the formula as printed ($…$ math)
  std::string note;   ///< what a reconstruction was rebuilt from, or a remark
};

/// One convention of the paper's that the printed form is read under.
struct Convention {
  std::string name;   ///< "readout", "attention", "normalisation", "ω signs", …
  std::string value;  ///< e.g. "$\hat y = -y_{n+1}$"
  std::string where;  ///< where the paper states it
};

/// What was actually checked, and what was not reached (part of every verdict's text).
struct Scope {
  std::vector<std::pair<std::string, std::string>> checked;  ///< ("d", "1–6"), ("L", "1–4"), …
  std::string limit;                                          ///< the short range the verdict text quotes, e.g. "L ≤ 2"
  std::vector<std::string> not_reached;                       ///< e.g. "L = 3"
  std::string paper_setting;                                  ///< the paper's own experimental setting ("" if none)
  std::optional<bool> paper_setting_reached;
};

struct SecondForm {
  FormRole role = FormRole::Correction;
  std::string statement;
  std::string convention;  ///< Convention: which one
  std::string where;       ///< Convention: where the paper uses it
  bool holds = false;
};

struct ObligationResult {
  std::string id;
  std::string paper;
  std::string title;
  std::string kind;
  std::string statement;  ///< as printed (or reconstructed: printed_form says which)
  Provenance printed_form;
  std::vector<Convention> conventions;
  Scope scope;
  std::optional<SecondForm> second_form;  ///< the corrected, conventional or exact form, when checked
  Verdict verdict = Verdict::Inconclusive;
  std::string inconclusive_reason;  ///< why, when INCONCLUSIVE
  int cases = 0;
  std::uint64_t seed = 0;
  std::vector<TierReport> tiers;
  nlohmann::json values = nlohmann::json::object();  ///< named measured quantities
  std::optional<std::string> counterexample;         ///< to the printed form, when it fails
  NegativeControlReport negative_control;
  std::string reproduce;  ///< a command line that reruns exactly this obligation
  double seconds = 0;     ///< wall time (the only field that differs between identical runs)
};

/// The verdict as every output prints it: "HOLDS (L ≤ 2; L = 3 not reached)".
std::string verdict_text(const ObligationResult& r);

}  // namespace ltv
