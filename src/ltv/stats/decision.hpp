#pragma once
// Decision rules of empirical claims (docs/experiments.md, "Decision rules"): a rule, stated before
// the run, compares an estimate's confidence interval with a threshold:
//   REPRODUCED      the whole interval lies on the claim's side of the threshold;
//   NOT-REPRODUCED  the whole interval lies on the other side;
//   INCONCLUSIVE    the interval contains the threshold, or could not be made.
// A verdict so decided changes between two machines only when an interval's end crosses the
// threshold, not with the last bits of one number. Each claim has a negative control run through
// the same rule; a control the rule does not reject (one it calls REPRODUCED) makes the claim
// INCONCLUSIVE.
#include "ltv/stats/estimate.hpp"
#include "ltv/stats/verdict.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace ltv::stats {

enum class Side { Above, Below };

struct Rule {
  std::string claim;      ///< what the paper says, in words
  std::string statistic;  ///< what is estimated
  Side side = Side::Above;
  double threshold = 0;
  /// The rule in words: "REPRODUCED when the 95% interval of ... lies above ...".
  std::string text(double level) const;
};

struct Decision {
  Rule rule;
  Estimate estimate;
  Verdict verdict = Verdict::Inconclusive;
  std::string reason;  ///< why, in words (for INCONCLUSIVE: what was missing)
};

Decision decide(const Rule& rule, const Estimate& estimate);

/// A claim with its negative control: the control, decided by the same rule, must not be
/// REPRODUCED; if it is, the claim's verdict becomes INCONCLUSIVE (and says so).
struct ControlledDecision {
  Decision claim;
  Decision control;
  std::string control_description;
  bool control_rejected() const { return control.verdict != Verdict::Reproduced; }
  Verdict verdict() const { return control_rejected() ? claim.verdict : Verdict::Inconclusive; }
};

nlohmann::json to_json(const Estimate& e);
nlohmann::json to_json(const Decision& d);
/// {verdict, claim, rule, estimate, reason, control: {description, verdict, estimate}, control_rejected}.
nlohmann::json to_json(const ControlledDecision& d);

/// A claim named `id` and its control decided by the same rule, as an experiment's document
/// entry: to_json of the ControlledDecision with "id" added.
nlohmann::json decide_claim(const std::string& id, const Rule& rule, const Estimate& claim,
                            const std::string& control_description, const Estimate& control);

}  // namespace ltv::stats
