#pragma once
// The names of the scalar tiers (docs/conventions.md), without their types: one name per tier, the
// same as the scalar type's (double, Mpfr, Rational, Interval), spelled in lower case in
// results.json, on the command line, in the report and in the docs. Every such string is made here.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ltv {

enum class Tier { Double, Mpfr, Rational, Interval };

inline constexpr std::array<Tier, 4> kAllTiers = {Tier::Double, Tier::Mpfr, Tier::Rational, Tier::Interval};

constexpr std::string_view tier_name(Tier t) {
  switch (t) {
    case Tier::Double:
      return "double";
    case Tier::Mpfr:
      return "mpfr";
    case Tier::Rational:
      return "rational";
    case Tier::Interval:
      return "interval";
  }
  return "?";
}

/// The tier spelled `name`, or nothing when no tier is.
constexpr std::optional<Tier> parse_tier(std::string_view name) {
  for (Tier t : kAllTiers)
    if (tier_name(t) == name) return t;
  return std::nullopt;
}

/// The tiers' names joined by `separator` ("rational, mpfr, double").
inline std::string tier_list(const std::vector<Tier>& tiers, std::string_view separator) {
  std::string out;
  for (Tier t : tiers) (out += out.empty() ? "" : separator) += tier_name(t);
  return out;
}

}  // namespace ltv
