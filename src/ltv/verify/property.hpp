#pragma once
// Runs one statement form of an obligation as a RapidCheck property: generates cases, checks
// each, shrinks a failure to its smallest counterexample, and gathers per-tier evidence.
#include "ltv/core/random.hpp"
#include "ltv/scalar/tolerance.hpp"
#include "ltv/verify/obligation.hpp"

#include <rapidcheck.h>

#include <map>
#include <optional>
#include <string>

namespace ltv {

/// What one case showed at one tier.
struct TierEvidence {
  Tier tier = Tier::Double;
  unsigned bits = 0;
  std::string residual;          ///< the statement's residual at this tier, as a decimal string
  double residual_size = 0;      ///< |residual| relative to the scale (for picking the worst case)
  std::optional<double> digits;  ///< agreement with the rational tier (float tiers)
  std::optional<double> required_digits;
};

/// The outcome of checking one case: the evidence per tier, and why it failed (empty: it holds).
struct CaseEvidence {
  std::vector<TierEvidence> tiers;
  std::string failure;
  bool holds() const { return failure.empty(); }
};

struct PropertyOutcome {
  bool passed = false;
  bool gave_up = false;                       ///< too many discarded cases (RC_PRE); not evidence either way
  int cases = 0;                              ///< cases that held before the end (all of them when passed)
  std::optional<std::string> counterexample;  ///< shrunk, when it failed
  std::string failure;                        ///< the check's message for the counterexample (or the error)
  std::vector<TierReport> tiers;
};

namespace detail {

/// Folds the evidence of many cases into per-tier reports.
class EvidenceAccumulator {
 public:
  void add(const CaseEvidence& e, const std::string& case_text);
  std::vector<TierReport> reports() const;

 private:
  std::map<Tier, TierReport> reports_;
  std::map<Tier, double> worst_size_;
};

/// Runs a RapidCheck property silently with explicit parameters.
PropertyOutcome run_rapidcheck(const rc::detail::Property& property, const std::string& name,
                               const rc::detail::TestParams& params);

std::string show_case(const auto& c) {
  std::ostringstream os;
  rc::show(c, os);
  return os.str();
}

}  // namespace detail

/// The seed of property `name` of obligation `id` in a run seeded with `seed`.
inline std::uint64_t property_seed(std::uint64_t seed, const std::string& id, const std::string& name) {
  return derive_seed(seed, stable_hash(id + "/" + name));
}

/// Checks `check(case)` (returning CaseEvidence) on `options.cases` cases drawn from `gen`.
template <class Case, class Check>
PropertyOutcome run_property(const std::string& id, const std::string& name, const rc::Gen<Case>& gen,
                             Check check, const RunOptions& options) {
  detail::EvidenceAccumulator acc;
  std::string last_failure;  // RapidCheck's last failing evaluation is the shrunk counterexample
  auto property = rc::detail::toProperty([&] {
    const Case c = *gen;
    const CaseEvidence e = check(c);
    acc.add(e, detail::show_case(c));
    if (!e.holds()) {
      last_failure = e.failure;
      RC_FAIL(e.failure);
    }
  });
  rc::detail::TestParams params;
  params.seed = property_seed(options.seed, id, name);
  params.maxSuccess = options.cases;
  PropertyOutcome out = detail::run_rapidcheck(property, id + "/" + name, params);
  out.tiers = acc.reports();
  if (out.counterexample) out.failure = last_failure;
  return out;
}

}  // namespace ltv
