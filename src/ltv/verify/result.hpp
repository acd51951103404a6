#pragma once
// What one obligation run produces: the data behind a row of the theorem table and an entry of
// results.json (SPEC §6). Plain data; results_json.hpp reads and writes it.
#include "ltv/verify/verdict.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv {

/// Evidence gathered at one scalar tier over all cases of an obligation.
struct TierReport {
  std::string tier;              ///< "double", "mpfr", "rational", "interval"
  unsigned bits = 0;             ///< mantissa bits really used (0 for the exact tier)
  int cases = 0;                 ///< cases evaluated at this tier
  std::string worst_residual;    ///< largest residual of the statement, as a decimal string ("0" exact)
  std::optional<double> digits;  ///< worst digits of agreement with the exact tier (null: exact tier)
  std::optional<double> required_digits;  ///< the tolerance those digits were held to
  std::string worst_case;                 ///< the case where the worst digits were seen
};

struct NegativeControlReport {
  std::string description;                    ///< the deliberately wrong variant
  bool rejected = false;                      ///< true when the check rejected it
  std::optional<std::string> counterexample;  ///< the shrunk case that rejected it
};

struct ObligationResult {
  std::string id;
  std::string paper;
  std::string title;
  std::string kind;
  std::string statement;                  ///< as printed (or reconstructed; SPEC says which)
  std::optional<std::string> correction;  ///< the corrected form, when the printed one fails
  Verdict verdict = Verdict::Inconclusive;
  int cases = 0;
  std::uint64_t seed = 0;
  std::vector<TierReport> tiers;
  nlohmann::json values = nlohmann::json::object();  ///< named measured quantities
  std::optional<std::string> counterexample;         ///< to the printed form, when it fails
  NegativeControlReport negative_control;
  std::string reproduce;  ///< a command line that reruns exactly this obligation
  double seconds = 0;     ///< wall time (the only field that differs between identical runs)
};

}  // namespace ltv
