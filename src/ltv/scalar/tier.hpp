#pragma once
// The names of the scalar tiers (docs/conventions.md), without their types: one name per tier, the
// same as the scalar type's (double, Mpfr, Rational, Interval), spelled in lower case in
// results.json, on the command line, in the report and in the docs. Every such string is made here.
#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ltv {

/// In this order: kTierNames and kAllTiers follow it.
enum class Tier { Double, Mpfr, Rational, Interval };

inline constexpr std::array<Tier, 4> kAllTiers = {Tier::Double, Tier::Mpfr, Tier::Rational, Tier::Interval};
inline constexpr std::array<std::string_view, 4> kTierNames = {"double", "mpfr", "rational", "interval"};

constexpr std::string_view tier_name(Tier t) { return kTierNames[static_cast<std::size_t>(t)]; }

inline std::ostream& operator<<(std::ostream& os, Tier t) { return os << tier_name(t); }

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
