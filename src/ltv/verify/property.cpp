#include "ltv/verify/property.hpp"

#include <rapidcheck/detail/TestListener.h>

#include <rapidcheck/detail/Configuration.h>

#include <iostream>
#include <sstream>

namespace ltv::detail {
namespace {

/// RapidCheck prints through its listener; ltv reports through results.json instead.
class SilentListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

std::string join_example(const rc::detail::Example& example) {
  std::string out;
  for (const auto& [type, value] : example) out += (out.empty() ? "" : "; ") + value;
  return out;
}

}  // namespace

void EvidenceAccumulator::add(const CaseEvidence& e, const std::string& case_text) {
  for (const TierEvidence& t : e.tiers) {
    auto [it, fresh] = reports_.try_emplace(t.tier);
    TierReport& r = it->second;
    if (fresh) {
      r.tier = t.tier;
      r.worst_residual = t.residual;
      worst_size_[t.tier] = t.residual_size;
    }
    r.bits = t.bits;
    ++r.cases;
    if (t.residual_size > worst_size_[t.tier]) {
      worst_size_[t.tier] = t.residual_size;
      r.worst_residual = t.residual;
    }
    if (t.digits && (!r.digits || *t.digits < *r.digits)) {
      r.digits = t.digits;
      r.required_digits = t.required_digits;
      r.worst_case = case_text;
    }
    if (fresh && !t.digits) r.worst_case = case_text;
  }
}

std::vector<TierReport> EvidenceAccumulator::reports() const {
  std::vector<TierReport> out;
  for (const auto& [tier, report] : reports_) out.push_back(report);
  return out;
}

namespace {

/// RapidCheck announces its global configuration on stderr the first time it is loaded; ltv passes
/// its own parameters, so the announcement (with an unrelated random seed) would only mislead.
void load_configuration_quietly() {
  static const bool loaded = [] {
    std::streambuf* saved = std::cerr.rdbuf(nullptr);
    rc::detail::configuration();
    std::cerr.rdbuf(saved);
    return true;
  }();
  (void)loaded;
}

}  // namespace

PropertyOutcome run_rapidcheck(const rc::detail::Property& property, const std::string& name,
                               const rc::detail::TestParams& params) {
  load_configuration_quietly();
  SilentListener listener;
  rc::detail::TestMetadata metadata;
  metadata.id = name;
  metadata.description = name;
  const rc::detail::TestResult result = rc::detail::checkProperty(property, metadata, params, listener);
  PropertyOutcome out;
  if (result.is<rc::detail::SuccessResult>()) {
    out.passed = true;
    out.cases = result.get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.is<rc::detail::FailureResult>()) {
    const auto& f = result.get<rc::detail::FailureResult>();
    out.cases = f.numSuccess;
    out.counterexample = join_example(f.counterExample);
    out.failure = f.description;
  } else if (result.is<rc::detail::GaveUpResult>()) {
    const auto& g = result.get<rc::detail::GaveUpResult>();
    out.gave_up = true;
    out.cases = g.numSuccess;
    out.failure = g.description;
  } else {
    out.failure = result.get<rc::detail::Error>().description;
    throw std::runtime_error("RapidCheck error in " + name + ": " + out.failure);
  }
  return out;
}

}  // namespace ltv::detail
