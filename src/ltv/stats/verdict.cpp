#include "ltv/stats/verdict.hpp"

#include <array>
#include <utility>

namespace ltv {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 9> kVerdicts{{
    {Verdict::Holds, "HOLDS"},
    {Verdict::HoldsWithCorrection, "HOLDS-WITH-CORRECTION"},
    {Verdict::Convention, "CONVENTION"},
    {Verdict::Approximation, "APPROXIMATION"},
    {Verdict::ReconstructionFails, "RECONSTRUCTION-FAILS"},
    {Verdict::Fails, "FAILS"},
    {Verdict::Reproduced, "REPRODUCED"},
    {Verdict::NotReproduced, "NOT-REPRODUCED"},
    {Verdict::Inconclusive, "INCONCLUSIVE"},
}};

constexpr std::array<std::pair<Kind, std::string_view>, 6> kKinds{{
    {Kind::Identity, "identity"},
    {Kind::Inequality, "inequality"},
    {Kind::Population, "population"},
    {Kind::Asymptotic, "asymptotic"},
    {Kind::Statistical, "statistical"},
    {Kind::Empirical, "empirical"},
}};

constexpr std::array<std::pair<Source, std::string_view>, 3> kSources{{
    {Source::Verbatim, "verbatim"},
    {Source::Reconstructed, "reconstructed"},
    {Source::Ltv, "ltv"},
}};

constexpr std::array<std::pair<FormRole, std::string_view>, 4> kRoles{{
    {FormRole::Correction, "correction"},
    {FormRole::Convention, "convention"},
    {FormRole::Approximation, "approximation"},
    {FormRole::ExactForm, "exact form"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}

}  // namespace

std::string_view verdict_name(Verdict v) { return name_of(kVerdicts, v); }
std::optional<Verdict> parse_verdict(std::string_view name) { return parse(kVerdicts, name); }
std::string_view kind_name(Kind k) { return name_of(kKinds, k); }
std::optional<Kind> parse_kind(std::string_view name) { return parse(kKinds, name); }
std::string_view source_name(Source s) { return name_of(kSources, s); }
std::optional<Source> parse_source(std::string_view name) { return parse(kSources, name); }
std::string_view form_role_name(FormRole r) { return name_of(kRoles, r); }
std::optional<FormRole> parse_form_role(std::string_view name) { return parse(kRoles, name); }

}  // namespace ltv
