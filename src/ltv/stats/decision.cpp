// Decision rules of empirical claims (decision.hpp).
#include "ltv/stats/decision.hpp"

#include <cmath>
#include <sstream>

namespace ltv::stats {
namespace {

std::string number(double x) {
  std::ostringstream s;
  s.precision(4);
  s << x;
  return s.str();
}

/// JSON has no ±∞ or NaN: they are written as strings.
nlohmann::json json_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

}  // namespace

std::string Rule::text(double level) const {
  const std::string percent = number(100 * level) + "%";
  const std::string claim_side = side == Side::Above ? "above" : "below";
  const std::string other_side = side == Side::Above ? "below" : "above";
  return "REPRODUCED when the " + percent + " interval of " + statistic + " lies " + claim_side + " " +
         number(threshold) + ", NOT-REPRODUCED when it lies " + other_side + ", INCONCLUSIVE otherwise";
}

Decision decide(const Rule& rule, const Estimate& e) {
  Decision d{rule, e, Verdict::Inconclusive, ""};
  if (!e.defined()) {
    d.reason = "no interval: " + std::to_string(e.samples) + " usable observations (" + e.method + ")";
    return d;
  }
  const bool above = e.lower > rule.threshold, below = e.upper < rule.threshold;
  if ((rule.side == Side::Above && above) || (rule.side == Side::Below && below)) {
    d.verdict = Verdict::Reproduced;
  } else if ((rule.side == Side::Above && below) || (rule.side == Side::Below && above)) {
    d.verdict = Verdict::NotReproduced;
  } else {
    d.reason = "the interval [" + number(e.lower) + ", " + number(e.upper) + "] contains the threshold " +
               number(rule.threshold);
  }
  return d;
}

nlohmann::json to_json(const Estimate& e) {
  return {{"value", json_number(e.value)},
          {"interval", {json_number(e.lower), json_number(e.upper)}},
          {"level", e.level},
          {"samples", e.samples},
          {"method", e.method}};
}

nlohmann::json to_json(const Decision& d) {
  nlohmann::json j = {{"verdict", verdict_name(d.verdict)},
                      {"claim", d.rule.claim},
                      {"statistic", d.rule.statistic},
                      {"threshold", d.rule.threshold},
                      {"rule", d.rule.text(d.estimate.level)},
                      {"estimate", to_json(d.estimate)}};
  if (!d.reason.empty()) j["reason"] = d.reason;
  return j;
}

nlohmann::json to_json(const ControlledDecision& d) {
  nlohmann::json j = to_json(d.claim);
  j["verdict"] = verdict_name(d.verdict());
  j["control"] = {{"description", d.control_description},
                  {"verdict", verdict_name(d.control.verdict)},
                  {"estimate", to_json(d.control.estimate)}};
  j["control_rejected"] = d.control_rejected();
  if (!d.control_rejected())
    j["reason"] = "the negative control (" + d.control_description + ") was not rejected";
  return j;
}

nlohmann::json decide_claim(const std::string& id, const Rule& rule, const Estimate& claim,
                            const std::string& control_description, const Estimate& control) {
  nlohmann::json j = to_json(ControlledDecision{decide(rule, claim), decide(rule, control), control_description});
  j["id"] = id;
  return j;
}

}  // namespace ltv::stats
