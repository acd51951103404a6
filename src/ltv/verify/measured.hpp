#pragma once
// The outcomes of rules decided on measured data — the statistical and asymptotic obligations,
// whose evidence is a sweep, a grid or a Monte Carlo estimate rather than RapidCheck cases — built
// in one call each, so that every such obligation reaches decide() the same way (as run_forms
// does for the identities).
#include "ltv/verify/property.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ltv {

/// A tier's report for a measured rule: `worst` is what the worst case showed ("2.64 SE", a
/// relative error, …), not necessarily a residual.
inline TierReport measured_tier(Tier tier, unsigned bits, int cases, std::string worst,
                                std::string worst_case, std::optional<double> digits = std::nullopt,
                                std::optional<double> required_digits = std::nullopt) {
  TierReport t;
  t.tier = tier;
  t.bits = bits;
  t.cases = cases;
  t.worst_residual = std::move(worst);
  t.digits = digits;
  t.required_digits = required_digits;
  t.worst_case = std::move(worst_case);
  return t;
}

/// The outcome of a measured rule: it held when `counterexample` is empty; `failure` says why it
/// did not (the counterexample itself when empty).
inline PropertyOutcome measured_outcome(int cases, std::optional<std::string> counterexample,
                                        std::vector<TierReport> tiers = {}, std::string failure = "") {
  PropertyOutcome p;
  p.passed = !counterexample;
  p.cases = cases;
  if (counterexample) p.failure = failure.empty() ? *counterexample : std::move(failure);
  p.counterexample = std::move(counterexample);
  p.tiers = std::move(tiers);
  return p;
}

/// Folds the evidence of cases checked in a fixed order (a grid: no generation, no shrinking) into
/// one outcome: it holds until the first case that fails, which is its counterexample.
class GridOutcome {
 public:
  void add(const CaseEvidence& e, const std::string& text) {
    accumulator_.add(e, text);
    if (!outcome_.passed) return;
    if (e.holds()) {
      ++outcome_.cases;
    } else {
      outcome_.passed = false;
      outcome_.counterexample = text;
      outcome_.failure = e.failure;
    }
  }
  PropertyOutcome done() const {
    PropertyOutcome out = outcome_;
    out.tiers = accumulator_.reports();
    return out;
  }

 private:
  detail::EvidenceAccumulator accumulator_;
  PropertyOutcome outcome_ = measured_outcome(0, std::nullopt);
};

}  // namespace ltv
