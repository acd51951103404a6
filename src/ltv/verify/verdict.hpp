#pragma once
// The verdict vocabulary of SPEC §3 (data in results.json, not only text).
#include <optional>
#include <string>
#include <string_view>

namespace ltv {

enum class Verdict {
  Holds,                ///< the statement as printed holds on every case
  HoldsWithCorrection,  ///< the printed form fails (counterexample shown); a corrected form holds
  Fails,                ///< the statement fails and no corrected form holds
  Reproduced,           ///< an empirical claim is reproduced (with the numbers)
  NotReproduced,        ///< an empirical claim is not reproduced (with the numbers)
  Inconclusive,         ///< not enough statistical power; the result says what would decide it
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

}  // namespace ltv
