// V24 Lemma A.3 — one GD++ preconditioning layer with γν = 1/3 shrinks the condition number.
//
// Statement (docs/catalogue.md): Σ's eigenvalues lie in [µ, ν], κ = ν/µ; a preconditioning layer maps each
// eigenvalue λ to f(λ) = λ(1 − γλ)². With γν = 1/3: (1) for κ >= 1.1 the new ratio
// ν(1−γν)²/(µ(1−γµ)²) is <= cκ for a universal c < 1; (2) for κ = 1 + ε, 0 < ε <= 0.1, it is
// <= 1 + 2ε².
// Derivation (checked exactly below, not assumed):
//   * f'(λ) = (1 − γλ)(1 − 3γλ) >= 0 for γλ <= 1/3, so with γν = 1/3 f is increasing on [µ, ν]:
//     the new extreme eigenvalues are f(µ), f(ν) and the new condition number is the printed ratio.
//   * with t = 1/κ = µ/ν, the ratio over κ is ((1 − γν)/(1 − γµ))² = q(t) = (4/9)/(1 − t/3)²;
//     claim 1 is sup q over t ∈ (0, 1/1.1] < 1 (κ -> ∞ is t -> 0, a compact range);
//   * with κ = 1 + ε the ratio is 4(1+ε)³/(2+3ε)² = 1 + ε² h(ε), h(ε) = (3+4ε)/(2+3ε)²; claim 2 is
//     sup h over [0, 0.1] <= 2. Dividing out ε² matters: 1 + 2ε² − ratio vanishes at ε = 0, so no
//     finite subdivision could certify the undivided form near 0.
// Evidence:
//   * interval: q and h are bounded on the whole ranges by branch and bound (a cover of 256 boxes,
//     then bisecting the box with the largest upper bound until the certified enclosure [L, U] of
//     the supremum is narrower than 2^-100); U is the tightest certified c;
//   * rational: on RapidCheck-generated (ν, κ) the true new condition number max f / min f over
//     [µ, ν] equals the printed ratio, equals κ q(1/κ) resp. 1 + ε² h(ε), exactly, and satisfies
//     both claims with c = U — so the interval bounds are about the statement's own quantity.
// Negative controls: γν = 1/2, where f peaks inside [µ, ν] and the condition number near
// κ = 1 becomes about 1 + ε, violating claim 2 (rational property, and interval branch and bound on
// the true ratio); and claim 1 with c = 9/10, below the true supremum 4356/4761.
#include "catalogue.hpp"

#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/forms.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <queue>
#include <sstream>

namespace ltv::proofs {
namespace v24_la_3_preconditioning_ratio_impl {
namespace {

using boost::multiprecision::lower;
using boost::multiprecision::upper;

// ---------------------------------------------------------------------------------------------
// Interval branch and bound.

/// A certified enclosure [lower, upper] of sup F over a range, and whether F <= bound there.
struct SupCertificate {
  Mpfr lower, upper;
  int boxes = 0;
  bool certified = false;  ///< upper <= bound: F <= bound on the whole range
  bool refuted = false;    ///< F(witness) > bound, certified at a point
  Mpfr witness;            ///< the point where the lower bound `lower` was attained
  std::optional<std::string> counterexample;
};

using IntervalFunction = std::function<Interval(const Interval&)>;

/// Bounds sup F over [lo, point_max] by boxes covering [lo, hi], hi >= point_max (the range's end
/// may not be representable: 10/11 is enclosed, not hit). Every box's enclosure is F over that
/// box, so the cover's largest upper bound is a rigorous upper bound of the supremum; evaluations
/// at points of [lo, point_max] give rigorous lower bounds. Bisects the box with the largest upper bound
/// until upper − lower <= tol, a point exceeds `bound` (refuted), or the box budget is spent.
SupCertificate certify_sup(const IntervalFunction& F, const Mpfr& lo, const Mpfr& hi, const Mpfr& point_max,
                           const Mpfr& bound, const Mpfr& tol, int initial_boxes = 256,
                           int max_boxes = 100000) {
  struct Box {
    Mpfr upper, lo, hi;
    bool operator<(const Box& o) const { return upper < o.upper; }
  };
  std::priority_queue<Box> heap;
  SupCertificate c;
  c.lower = -std::numeric_limits<Mpfr>::infinity();
  const auto point = [&](const Mpfr& x) {
    if (x > point_max) return;
    const Interval v = F(Interval(x));
    if (lower(v) > c.lower) {
      c.lower = Mpfr(lower(v));
      c.witness = x;
    }
  };
  const auto push = [&](const Mpfr& a, const Mpfr& b) {
    const Interval v = F(Interval(a, b));
    ++c.boxes;
    // A NaN upper bound says nothing: treat it as unbounded so the box keeps being split.
    const Mpfr u = isnan(upper(v)) ? std::numeric_limits<Mpfr>::infinity() : Mpfr(upper(v));
    heap.push({u, a, b});
    point((a + b) / 2);
  };
  point(lo);
  point(point_max);
  // Shared endpoints, computed once each, so the initial boxes cover [lo, hi] without gaps.
  Mpfr left = lo;
  for (int k = 1; k <= initial_boxes; ++k) {
    const Mpfr right = k == initial_boxes ? hi : Mpfr(lo + (hi - lo) * k / initial_boxes);
    push(left, right);
    left = right;
  }
  while (true) {
    if (c.lower > bound) {
      c.refuted = true;
      break;
    }
    const Box top = heap.top();
    if (top.upper - c.lower <= tol || c.boxes >= max_boxes) break;
    heap.pop();
    const Mpfr mid = (top.lo + top.hi) / 2;
    push(top.lo, mid);
    push(mid, top.hi);
  }
  c.upper = heap.top().upper;
  c.certified = !c.refuted && c.upper <= bound;
  if (c.refuted)
    c.counterexample = "at " + short_decimal(c.witness) + " the value is >= " + short_decimal(c.lower);
  return c;
}

nlohmann::json certificate_json(const SupCertificate& c) {
  return {{"sup_lower", to_decimal(c.lower)},
          {"sup_upper", to_decimal(c.upper)},
          {"argmax", short_decimal(c.witness)},
          {"boxes", c.boxes},
          {"certified", c.certified},
          {"refuted", c.refuted},
          {"counterexample", c.counterexample ? *c.counterexample : ""}};
}

/// q(t) = ((1 − γν)/(1 − γµ))² with γν = 1/3, t = µ/ν: the new ratio over κ (claim 1).
Interval ratio_over_kappa(const Interval& t) {
  const Interval third = Interval(1) / 3;
  const Interval r = (1 - third) / (1 - third * t);
  return r * r;
}

/// h(ε) = (3 + 4ε)/(2 + 3ε)², so that the new ratio at κ = 1 + ε is 1 + ε² h(ε) (claim 2).
Interval excess_over_eps2(const Interval& e) {
  const Interval d = 2 + 3 * e;
  return (3 + 4 * e) / (d * d);
}

/// f(λ) = λ(1 − γλ)², in any tier.
template <class T>
T eigenvalue_map(const T& lambda, const T& gamma) {
  const T s = 1 - gamma * lambda;
  return lambda * s * s;
}

/// The true new condition number max f / min f over [µ = 1, ν = 1 + ε] with γν = g, enclosed over
/// an interval of ε: f rises up to λ* = 1/(3γ) and falls after it (up to 1/γ >= ν when g <= 1),
/// so its minimum is at an end and its maximum at an end or at λ* when λ* may lie in [µ, ν].
Interval true_ratio(const Interval& eps, const Interval& g) {
  const Interval mu(1), nu = 1 + eps, gamma = g / nu;
  const Interval fm = eigenvalue_map(mu, gamma), fn = eigenvalue_map(nu, gamma);
  const Interval peak = 1 / (3 * gamma), fpeak = eigenvalue_map(peak, gamma);
  Mpfr max_lo = std::max<Mpfr>(Mpfr(lower(fm)), Mpfr(lower(fn)));
  Mpfr max_hi = std::max<Mpfr>(Mpfr(upper(fm)), Mpfr(upper(fn)));
  const bool peak_surely_inside = lower(peak) >= 1 && upper(peak) <= lower(nu);
  const bool peak_maybe_inside = upper(peak) >= 1 && lower(peak) <= upper(nu);
  if (peak_maybe_inside) max_hi = std::max<Mpfr>(max_hi, Mpfr(upper(fpeak)));
  if (peak_surely_inside) max_lo = std::max<Mpfr>(max_lo, Mpfr(lower(fpeak)));
  const Interval max_f(max_lo, max_hi);
  const Interval min_f(std::min<Mpfr>(Mpfr(lower(fm)), Mpfr(lower(fn))),
                       std::min<Mpfr>(Mpfr(upper(fm)), Mpfr(upper(fn))));
  return max_f / min_f;
}

// ---------------------------------------------------------------------------------------------
// The exact check on generated (ν, κ).

/// κ >= 11/10 (claim 1), κ = 11/10 + k/2^e; or κ = 1 + ε with ε = k/2^e <= 1/10 (claim 2).
struct RatioCase {
  bool near_one = false;
  std::int64_t k = 0;
  int e = 0;
  std::int64_t nu8 = 8;  ///< ν = nu8 / 8 (the statement is scale invariant; this checks it)
  Rational kappa() const {
    const Rational x = Rational(k) / Rational(std::int64_t{1} << e);
    return near_one ? 1 + x : Rational(11, 10) + x;
  }
};

std::ostream& operator<<(std::ostream& os, const RatioCase& c) {
  return os << (c.near_one ? "kappa=1+" : "kappa=11/10+") << c.k << "/2^" << c.e << " nu=" << c.nu8 << "/8";
}
[[maybe_unused]] void showValue(const RatioCase& c, std::ostream& os) { os << c; }

rc::Gen<RatioCase> ratio_case() {
  return rc::gen::exec([] {
    RatioCase c;
    c.near_one = *rc::gen::arbitrary<bool>();
    c.nu8 = *rc::gen::inRange<std::int64_t>(1, 65);
    if (c.near_one) {
      c.e = *rc::gen::inRange(4, 41);
      // ε = k/2^e in (0, 1/10]: 10k <= 2^e.
      c.k = *rc::gen::inRange<std::int64_t>(1, (std::int64_t{1} << c.e) / 10 + 1);
    } else {
      c.e = *rc::gen::inRange(0, 11);
      c.k = *rc::gen::inRange<std::int64_t>(0, std::int64_t{1} << 30);
    }
    return c;
  });
}

/// The true condition number after one layer, exactly: γ = g/ν, extremes of f over [µ, ν].
Rational exact_new_ratio(const Rational& mu, const Rational& nu, const Rational& g) {
  const Rational gamma = g / nu;
  const Rational fm = eigenvalue_map(mu, gamma), fn = eigenvalue_map(nu, gamma);
  Rational max_f = fm > fn ? fm : fn;
  const Rational peak = nu / (3 * g);
  if (peak >= mu && peak <= nu) {
    const Rational fp = eigenvalue_map(peak, gamma);
    if (fp > max_f) max_f = fp;
  }
  const Rational min_f = fm < fn ? fm : fn;
  return max_f / min_f;
}

CaseEvidence ratio_check(const RatioCase& c, Form form, const Rational& c_bound) {
  const Rational g = form == Form::NegativeControl ? Rational(1, 2) : Rational(1, 3);
  const Rational nu = Rational(c.nu8) / 8, kappa = c.kappa(), mu = nu / kappa, gamma = g / nu;
  const Rational R = exact_new_ratio(mu, nu, g);
  CaseEvidence e;
  Rational residual = 0;
  if (form != Form::NegativeControl) {
    // The reductions the interval certificates rest on, exactly.
    const Rational printed =
        nu * (1 - gamma * nu) * (1 - gamma * nu) / (mu * (1 - gamma * mu) * (1 - gamma * mu));
    const Rational s = (1 - Rational(1, 3) / kappa);
    const Rational q = Rational(4, 9) / (s * s);
    residual += abs(R - printed) + abs(R - kappa * q);
    if (c.near_one) {
      const Rational eps = kappa - 1;
      residual += abs(R - (1 + eps * eps * (3 + 4 * eps) / ((2 + 3 * eps) * (2 + 3 * eps))));
    }
  }
  e.tiers.push_back({Tier::Rational, 0, to_decimal(residual), 0, std::nullopt, std::nullopt});
  if (residual != 0) {
    e.failure = "the new condition number differs from its reduced forms by " + to_decimal(residual);
  } else if (c.near_one) {
    const Rational eps = kappa - 1;
    if (R > 1 + 2 * eps * eps)
      e.failure = "new ratio " + short_decimal(Mpfr(R)) +
                  " > 1 + 2 eps^2 = " + short_decimal(Mpfr(1 + 2 * eps * eps));
  } else if (R > c_bound * kappa) {
    e.failure =
        "new ratio / kappa = " + short_decimal(Mpfr(R / kappa)) + " > c = " + short_decimal(Mpfr(c_bound));
  }
  return e;
}

}  // namespace
}  // namespace v24_la_3_preconditioning_ratio_impl

Obligation v24_la_3_preconditioning_ratio() {
  using namespace v24_la_3_preconditioning_ratio_impl;
  Obligation obligation = make_obligation(
      "V24.LA.3", "V24", "A γν = 1/3 preconditioning layer shrinks the condition number (Lemma A.3)",
      Kind::Inequality, {Tier::Interval, Tier::Rational},
      "with $γν = 1/3$: for $κ ≥ 1.1$ the new ratio $\\frac{ν(1-γν)^2}{µ(1-γµ)^2} ≤ cκ$ for a universal $c < "
      "1$; "
      "for $κ = 1 + ε$, $ε ≤ 0.1$, it is $≤ 1 + 2ε^2$");
  obligation.scope.checked = {{"κ", "[1.1, ∞) (certified, t = 1/κ)"}, {"ε", "(0, 0.1] (certified)"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const Mpfr tol = ldexp(Mpfr(1), -100);
    const Interval t_max = Interval(10) / 11, eps_max = Interval(1) / 10;
    // Claim 1 over t = 1/κ ∈ [0, 10/11] (a cover of (0, 1/1.1]); claim 2 over ε ∈ [0, 1/10].
    const Mpfr t_hi(upper(t_max)), t_in(lower(t_max)), eps_hi(upper(eps_max)), eps_in(lower(eps_max));
    const SupCertificate c1 = certify_sup(ratio_over_kappa, Mpfr(0), t_hi, t_in, Mpfr(1), tol);
    const SupCertificate c2 = certify_sup(excess_over_eps2, Mpfr(0), eps_hi, eps_in, Mpfr(2), tol);
    // Negative controls on the interval side.
    const SupCertificate n1 = certify_sup(ratio_over_kappa, Mpfr(0), t_hi, t_in, Mpfr(Rational(9, 10)), tol);
    const Interval half = Interval(1) / 2;
    const SupCertificate n2 =
        certify_sup([&half](const Interval& e) { return (true_ratio(e, half) - 1) / (e * e); }, Mpfr(0),
                    eps_hi, eps_in, Mpfr(2), tol);

    // The exact side, with the tightest certified c (c1.upper, a dyadic, so exactly rational).
    const Rational c_bound = convert<Rational>(c1.upper);
    ObligationResult r =
        run_forms(o, options, ratio_case(),
                  [&c_bound](const RatioCase& c, Form f) { return ratio_check(c, f, c_bound); },
                  {std::nullopt, "$γν = 1/2$ (the true condition number $\\max f / \\min f$)"});

    const Rational c_exact(4356, 4761);  // (4/9)/(1 − 10/33)² = q(10/11), q increasing in t
    const bool certified = c1.certified && c2.certified && c1.upper < 1;
    r.values["tightest_c"] = {
        {"certified_enclosure", {to_decimal(c1.lower), to_decimal(c1.upper)}},
        {"closed_form", "4356/4761 = (4/9)(33/23)^2, attained at kappa = 1.1"},
        {"closed_form_inside_enclosure", Mpfr(c_exact) >= c1.lower && Mpfr(c_exact) <= c1.upper},
        {"margin_below_1", short_decimal(Mpfr(1 - c1.upper))}};
    r.values["claim1_ratio_over_kappa"] = certificate_json(c1);
    r.values["claim2_excess_over_eps2"] = certificate_json(c2);
    r.values["claim2_margin"] = {
        {"certified_sup_h", to_decimal(c2.upper)},
        {"margin_over_eps2", short_decimal(Mpfr(2 - c2.upper))},
        {"note",
         "ratio = 1 + eps^2 h(eps) with sup h = h(0) = 3/4: the new ratio is <= 1 + 0.75 eps^2, so "
         "1 + 2 eps^2 - ratio >= 1.25 eps^2 on (0, 0.1]"}};
    r.values["boxes"] = c1.boxes + c2.boxes;
    r.values["negative_interval_c_9_10"] = certificate_json(n1);
    r.values["negative_interval_gamma_nu_half_claim2"] = certificate_json(n2);

    TierReport interval;
    interval.tier = Tier::Interval;
    interval.bits = working_bits();
    interval.cases = std::min(c1.boxes, c2.boxes);
    interval.worst_residual = short_decimal(Mpfr(1 - c1.upper));  // the smaller certified margin
    interval.worst_case = "kappa = 1.1 (t = 10/11)";
    r.tiers.insert(r.tiers.begin(), interval);

    if (!certified && r.verdict == Verdict::Holds) {
      r.verdict = Verdict::Fails;
      r.counterexample = c1.counterexample ? c1.counterexample : c2.counterexample;
      if (!r.counterexample) make_inconclusive(r, "the interval branch and bound neither certified nor refuted a claim");
    }
    const bool interval_negatives_rejected = n1.refuted && n2.refuted;
    r.negative_control.rejected = r.negative_control.rejected && interval_negatives_rejected;
    r.negative_control.description +=
        "; interval: gamma nu = 1/2 against claim 2, and claim 1 with c = 9/10 < 4356/4761";
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
