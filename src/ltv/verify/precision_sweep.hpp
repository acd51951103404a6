#pragma once
// Digits against precision (docs/report.md's first plot): one case of an identity, drawn from the
// obligation's own generator, checked again at a ladder of MPFR precisions. Each rung's digits of
// agreement with the rational tier show how the error of the high-precision tier shrinks with its
// mantissa — about log10(2) ≈ 0.30 digits per bit, less a constant set by the case's conditioning.
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/property.hpp"
#include "ltv/verify/results_json.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace ltv {

inline constexpr std::initializer_list<unsigned> kPrecisionLadder{32, 53, 80, 113, 160, 256, 384, 512};

/// {"case": the case, "mpfr": [{bits, digits}...], "double_digits"} for the first of the cases drawn
/// from `gen` (RapidCheck size 100, seeds derived from `seed`) on which the lowest rung rounds at
/// all: small dyadic cases are often computed exactly, and an exact case shows no error to plot.
/// `check(case) -> CaseEvidence` evaluates every tier. Null when no case of `attempts` rounds.
template <class Case, class Check>
nlohmann::json digits_vs_precision(const rc::Gen<Case>& gen, Check check, std::uint64_t seed, int attempts = 50) {
  for (int attempt = 0; attempt < attempts; ++attempt) {
    const Case c = gen(rc::Random(derive_seed(seed, attempt)), 100).value();
    nlohmann::json ladder = nlohmann::json::array();
    nlohmann::json double_digits = nullptr;
    for (const unsigned bits : kPrecisionLadder) {
      const ScopedBits scoped(bits);
      for (const TierEvidence& t : check(c).tiers) {
        // A rung that computes the case exactly agrees to infinitely many digits: "inf".
        if (t.tier == Tier::Mpfr && t.digits)
          ladder.push_back({{"bits", t.bits}, {"digits", digits_json(t.digits)}});
        if (t.tier == Tier::Double && t.digits) double_digits = *t.digits;
      }
    }
    if (ladder.size() == kPrecisionLadder.size())
      return {
          {"case", detail::show_case(c)}, {tier_name(Tier::Mpfr), ladder}, {"double_digits", double_digits}};
  }
  return nullptr;
}

}  // namespace ltv
