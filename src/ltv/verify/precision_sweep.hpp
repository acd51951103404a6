#pragma once
// Digits against precision (SPEC §6's first plot): one case of an identity, drawn from the
// obligation's own generator, checked again at a ladder of MPFR precisions. Each rung's digits of
// agreement with the exact tier show how the error of the high-precision tier shrinks with its
// mantissa — about log10(2) ≈ 0.30 digits per bit, less a constant set by the case's conditioning.
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/property.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace ltv {

inline constexpr std::initializer_list<unsigned> kPrecisionLadder{24, 53, 80, 113, 160, 256, 384, 512};

/// {"case": the case, "mpfr": [{bits, digits}...], "double_digits"} for the case drawn from `gen` at
/// RapidCheck size `size` with `seed`; `check(case) -> CaseEvidence` evaluates every tier.
template <class Case, class Check>
nlohmann::json digits_vs_precision(const rc::Gen<Case>& gen, Check check, std::uint64_t seed, int size = 10) {
  const Case c = gen(rc::Random(seed), size).value();
  nlohmann::json ladder = nlohmann::json::array();
  nlohmann::json double_digits = nullptr;
  for (const unsigned bits : kPrecisionLadder) {
    const ScopedBits scoped(bits);
    for (const TierEvidence& t : check(c).tiers) {
      if (t.tier == Tier::HighPrecision && t.digits) ladder.push_back({{"bits", t.bits}, {"digits", *t.digits}});
      if (t.tier == Tier::Double && t.digits) double_digits = *t.digits;
    }
  }
  return {{"case", detail::show_case(c)}, {"mpfr", ladder}, {"double_digits", double_digits}};
}

}  // namespace ltv
