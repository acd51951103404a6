// EXP.MC — Monte Carlo cross-check of the Wick engine (docs/architecture.md, the second of its three
// validations of the engine).
//
// Statement: on 100 random cases, each a scalar E tr(C_0 S C_1 S ··· C_{k−1} S) (cyclic chain) or
// one entry of E[C_0 S ··· S C_k] (open chain), S = (1/n) Σ_{i<=n} x_i x_iᵀ, x_i ~ N(0, Σ), with
// d <= 4, n <= 8, k <= 4 copies of S, Σ Householder-built (eigenvalues in [1/4, 2)) and the C_a
// dyadic and non-symmetric (expect/wick_reference.hpp's random_wick_case), the mean of 20 000
// independent draws lies within 4 standard errors of the engine's exact value, up to the few
// exceedances chance allows.
//
// The decision rule, fixed here. z = (Monte Carlo mean − exact value) / standard error, the
// standard error from the sample variance. For a correct engine z is a Studentized mean of N =
// 20 000 i.i.d. draws: for Gaussian draws exactly Student's t with N − 1 degrees of freedom, so the
// per-case probability of |z| > 4 is p = P(|t_{N−1}| > 4) = 6.34·10⁻⁵ (2Φ(−4) = 6.33·10⁻⁵: the t
// correction is 0.4 %). The cases are independent (own draws, own inputs), so the count of
// exceedances is Binomial(100, p), and the rule allows the smallest k with P(Binomial >= k + 1) <=
// kFamilyAlpha = 0.001: k = 1 (P(>= 2) = 2.0·10⁻⁵; P(>= 1) = 6.3·10⁻³ would not do).
// Non-Gaussian draws: the draws are polynomials of degree up to 8 in Gaussians, skewed and heavy
// tailed. For a Studentized mean the 1/√N term of the two-sided tail cancels; the 1/N term is
// (Edgeworth; Hall 1992, §2.6) P(|T| > z) ≈ P(|t_{N−1}| > z) + (2zφ(z)/N)(γ²(z⁴ + 2z² − 3)/18 −
// κ(z² − 3)/12), γ the skewness and κ the excess kurtosis of one draw: up to 45 times p for the
// most skewed cases (n = 1, γ ≈ 60). `values.tail_check` evaluates it per case from the case's own
// sample moments (at least p) and the probability that the count of exceedances, now
// Poisson-binomial, exceeds the allowed k: the check of the rule's assumption, which must stay
// <= 0.001. The rule itself stays fixed: k from the t-law. The rule is fixed for 100 cases and
// 20 000 draws: `--cases` does not change it. The draws come from core/task.hpp's Sampler (Cholesky factor of Σ), which shares
// nothing with the engine.
//
// Negative control: the per-matching reference evaluator with either of its flaws (expect/
// wick_reference.hpp: every matching weighted 1 instead of n^{#components}; C_a in place of C_aᵀ
// where a cycle crosses it backwards) in place of the engine, on the same cases and draws; both
// must be rejected by the same rule.
//
// Seeds: the cases and draws derive from (--seed, "EXP.MC"), so a run is reproducible and another
// seed gives other cases. Costs about a second (2·10⁶ draws of at most 8×4).
#include "catalogue.hpp"
#include "statistical_rules.hpp"

#include "ltv/core/task.hpp"
#include "ltv/expect/wick_reference.hpp"
#include "ltv/verify/decide.hpp"
#include "ltv/verify/measured.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace ltv::proofs {
namespace exp_mc_wick_monte_carlo_impl {
namespace {

constexpr int kCases = 100;
constexpr int kDraws = 20'000;
constexpr double kStandardErrors = 4.0;
constexpr double kFamilyAlpha = 0.001;  ///< P(a correct engine fails the rule) at most this

/// P(|z| > 4) per case for a correct engine: Student's t with N − 1 degrees of freedom.
double per_case_probability() {
  const boost::math::students_t t(kDraws - 1);
  return 2 * boost::math::cdf(boost::math::complement(t, kStandardErrors));
}

/// The exceedances of |z| > 4 the rule allows among kCases cases.
int allowed_exceedances() { return stats::allowed_exceedances(kCases, per_case_probability(), kFamilyAlpha); }

/// The Edgeworth estimate of P(|T| > 4) for a Studentized mean of draws with skewness γ and excess
/// kurtosis κ (header).
double edgeworth_tail(double skewness, double excess_kurtosis) {
  const double z = kStandardErrors, phi = std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
  return per_case_probability() +
         2 * z * phi / kDraws *
             (skewness * skewness * (z * z * z * z + 2 * z * z - 3) / 18 - excess_kurtosis * (z * z - 3) / 12);
}

constexpr int kMaxDimension = 4;
constexpr int kMaxSamples = 8;
constexpr int kMaxCopies = 4;

/// One scalar to estimate: E tr(C_0 S ··· C_{k−1} S), or entry (p, q) of E[C_0 S ··· S C_k].
struct MonteCarloCase {
  WickChain chain = WickChain::Cyclic;
  WickCase<double> input;
  Eigen::Index p = 0, q = 0;

  int copies() const { return static_cast<int>(input.C.size()) - (chain == WickChain::Open ? 1 : 0); }
  std::string describe() const {
    std::ostringstream os;
    os << (chain == WickChain::Cyclic ? "E tr(C_0 S ··· C_{k−1} S)" : "E[C_0 S ··· S C_k]");
    if (chain == WickChain::Open) os << "_{" << p << "," << q << "}";
    os << ", d = " << input.Sigma.rows() << ", n = " << input.n << ", k = " << copies();
    return os.str();
  }
};

MonteCarloCase monte_carlo_case(std::uint64_t seed) {
  Rng rng(seed);
  boost::random::uniform_int_distribution<int> coin(0, 1), dimension(1, kMaxDimension),
      samples(1, kMaxSamples), copies(1, kMaxCopies);
  MonteCarloCase out;
  out.chain = coin(rng) == 0 ? WickChain::Cyclic : WickChain::Open;
  const int d = dimension(rng), n = samples(rng), k = copies(rng);
  out.input = random_wick_case<double>(d, n, out.chain == WickChain::Cyclic ? k : k + 1, rng());
  boost::random::uniform_int_distribution<Eigen::Index> entry(0, d - 1);
  out.p = entry(rng);
  out.q = entry(rng);
  return out;
}

/// The case's scalar for one realisation of S.
double realisation(const MonteCarloCase& c, const Eigen::MatrixXd& S) {
  const auto& C = c.input.C;
  Eigen::MatrixXd product = C.front();
  for (std::size_t a = 1; a < C.size(); ++a) product = product * S * C[a];
  return c.chain == WickChain::Cyclic ? (product * S).trace() : product(c.p, c.q);
}

struct Estimate {
  double mean = 0;
  double standard_error = 0;
  double skewness = 0;         ///< of one draw, from the sample's central moments
  double excess_kurtosis = 0;  ///< of one draw
};

/// The sample mean of the case's scalar over kDraws independent S, with the standard error from
/// the sample variance and the sample skewness and kurtosis (one-pass central-moment updates:
/// Welford's, extended to the third and fourth moments; stable for means far from 0).
Estimate monte_carlo(const MonteCarloCase& c, std::uint64_t seed) {
  TaskDistribution dist;
  dist.d = static_cast<int>(c.input.Sigma.rows());
  dist.n = c.input.n;
  dist.cov = c.input.Sigma;
  const Sampler sampler(dist);
  Rng rng(seed);
  double mean = 0, m2 = 0, m3 = 0, m4 = 0;
  for (int draw = 1; draw <= kDraws; ++draw) {
    const Eigen::MatrixXd X = sampler.sample(rng).X;
    const double value = realisation(c, X.transpose() * X / c.input.n);
    const double k = draw, delta = value - mean, delta_k = delta / k, term = delta * delta_k * (k - 1);
    mean += delta_k;
    m4 += term * delta_k * delta_k * (k * k - 3 * k + 3) + 6 * delta_k * delta_k * m2 - 4 * delta_k * m3;
    m3 += term * delta_k * (k - 2) - 3 * delta_k * m2;
    m2 += term;
  }
  const double N = kDraws;
  Estimate e;
  e.mean = mean;
  e.standard_error = std::sqrt(m2 / (N - 1) / N);
  e.skewness = std::sqrt(N) * m3 / std::pow(m2, 1.5);
  e.excess_kurtosis = N * m4 / (m2 * m2) - 3;
  return e;
}

/// An engine whose values are tested: the library's, or the reference evaluator with a flaw.
struct Engine {
  std::string key;  ///< its name in values
  bool library = true;
  WickFlaw flaw = WickFlaw::None;
};

double engine_value(const MonteCarloCase& c, const Engine& engine) {
  const Mat<double> value = engine.library ? wick_value(c.chain, c.input, true)
                                           : reference_wick(c.chain, c.input, true, engine.flaw);
  return c.chain == WickChain::Cyclic ? value(0, 0) : value(c.p, c.q);
}

int within(const std::vector<double>& z, double bound) {
  return static_cast<int>(
      std::count_if(z.begin(), z.end(), [bound](double x) { return std::abs(x) <= bound; }));
}

std::string fixed(double x, int digits) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(digits) << x;
  return os.str();
}

std::string significant(double x, int digits) {
  std::ostringstream os;
  os << std::setprecision(digits) << x;
  return os.str();
}

/// What the cases showed for one engine.
struct EngineOutcome {
  std::vector<double> z;
  std::size_t worst = 0;  ///< the case with the largest |z|
  std::string worst_text;
  int exceedances() const { return static_cast<int>(z.size()) - within(z, kStandardErrors); }
  bool accepted() const { return exceedances() <= allowed_exceedances(); }
  double max_abs_z() const { return std::abs(z[worst]); }
  std::string summary() const {
    return std::to_string(exceedances()) + " of " + std::to_string(z.size()) +
           " cases beyond 4 SE (the rule allows " + std::to_string(allowed_exceedances()) +
           "); largest |z|: " + worst_text;
  }
  nlohmann::json values(bool with_scores) const {
    nlohmann::json j = {{"within_2_se", within(z, 2)},
                        {"within_3_se", within(z, 3)},
                        {"within_4_se", within(z, 4)},
                        {"beyond_4_se", exceedances()},
                        {"p_value",
                         stats::binomial_at_least(static_cast<int>(z.size()), exceedances(), per_case_probability())},
                        {"max_abs_z", std::round(max_abs_z() * 100) / 100},
                        {"accepted", accepted()}};
    if (with_scores) {
      nlohmann::json scores = nlohmann::json::array();
      for (const double x : z) scores.push_back(std::round(x * 100) / 100);  // 2 decimals suffice
      j["z_scores"] = scores;
    }
    return j;
  }
};

}  // namespace
}  // namespace exp_mc_wick_monte_carlo_impl

Obligation exp_mc_wick_monte_carlo() {
  using namespace exp_mc_wick_monte_carlo_impl;
  Obligation obligation =
      make_obligation("EXP.MC", "ltv", "The Wick engine agrees with Monte Carlo within 4 standard errors",
                      Kind::Statistical, {Tier::Double},
                      "On 100 random cases $E\\, \\mathrm{tr}(C_0 S \\cdots C_{k-1} S)$ or $E[C_0 S \\cdots "
                      "S C_k]_{pq}$ ($d ≤ 4$, "
                      "$n ≤ 8$, $k ≤ 4$, random Σ, non-symmetric C), the mean of 20 000 draws lies within 4 "
                      "standard errors of "
                      "the Wick engine's value for all but at most 1 case (the binomial law of the count "
                      "under a correct engine, "
                      "family α = 0.001)");
  obligation.scope.checked = {{"d", "1–4"}, {"n", "1–8"}, {"copies of S", "1–4"}, {"cases", "100 × 20 000 draws"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const std::vector<Engine> engines{
        {"engine", true, WickFlaw::None},
        {"reference_without_component_weight", false, WickFlaw::NoComponentWeight},
        {"reference_without_transposes", false, WickFlaw::NoTransposes}};
    std::vector<EngineOutcome> outcomes(engines.size());
    std::vector<int> by_copies(kMaxCopies + 1, 0);
    int cyclic = 0;
    const std::uint64_t seed = property_seed(options.seed, o.id, "monte carlo");
    double largest_tail = 0;
    std::vector<double> tails;  // per case: max(t-law, Edgeworth estimate)
    std::string largest_tail_case;
    for (int i = 0; i < kCases; ++i) {
      const std::uint64_t case_seed = derive_seed(seed, static_cast<std::uint64_t>(i));
      const MonteCarloCase c = monte_carlo_case(case_seed);
      ++by_copies[static_cast<std::size_t>(c.copies())];
      cyclic += c.chain == WickChain::Cyclic;
      const Estimate estimate = monte_carlo(c, derive_seed(case_seed, 1));
      const double tail = edgeworth_tail(estimate.skewness, estimate.excess_kurtosis);
      tails.push_back(std::max(per_case_probability(), tail));
      if (i == 0 || tail > largest_tail) {
        largest_tail = tail;
        largest_tail_case = "case " + std::to_string(i) + " (" + c.describe() + "): skewness " +
                            significant(estimate.skewness, 3) + ", excess kurtosis " +
                            significant(estimate.excess_kurtosis, 3);
      }
      for (std::size_t e = 0; e < engines.size(); ++e) {
        const double exact = engine_value(c, engines[e]);
        const double z = (estimate.mean - exact) / estimate.standard_error;
        EngineOutcome& out = outcomes[e];
        out.z.push_back(z);
        if (out.z.size() == 1 || std::abs(z) > out.max_abs_z()) {
          out.worst = out.z.size() - 1;
          out.worst_text = std::string("z = ") + fixed(z, 2);
          out.worst_text.append(" on case ").append(std::to_string(i)).append(" (").append(c.describe());
          out.worst_text.append("): Monte Carlo ").append(significant(estimate.mean, 4)).append(" ± ");
          out.worst_text.append(significant(estimate.standard_error, 2));
          out.worst_text.append(", exact ").append(significant(exact, 4));
        }
      }
    }

    // The outcomes as properties: the printed form is the engine's; the negative control (both
    // flawed engines) "holds" unless the rule rejects both.
    const EngineOutcome& engine = outcomes[0];
    StatementOutcomes s;
    s.statement = o.statement;
    s.printed = measured_outcome(
        kCases, engine.accepted() ? std::nullopt : std::optional<std::string>(engine.worst_text),
        {measured_tier(Tier::Double, 53, kCases, fixed(engine.max_abs_z(), 2) + " SE",
                       engine.worst_text)},  // |z|, not a residual
        engine.summary());
    s.negative_description =
        "the reference evaluator without the $n^{\\#\\mathrm{components}}$ weight, and without the transposes, in "
        "place of the engine";
    std::string rejections;
    for (std::size_t e = 1; e < engines.size(); ++e)
      if (!outcomes[e].accepted())
        rejections.append(rejections.empty() ? "" : "\n")
            .append(engines[e].key)
            .append(": ")
            .append(outcomes[e].summary());
    // The control "holds" (is not rejected) unless the rule rejects both flawed engines.
    const bool rejected = !outcomes[1].accepted() && !outcomes[2].accepted();
    s.negative = measured_outcome(kCases, rejected ? std::optional<std::string>(rejections) : std::nullopt);
    ObligationResult r = decide(o, options, s);

    const int k = allowed_exceedances();
    r.values["rule"] =
        "at most " + std::to_string(k) + " of 100 cases beyond 4 standard errors, 20000 draws per case: the "
        "smallest k with P(Binomial(100, p) >= k + 1) <= 0.001, p = P(|t_19999| > 4)";
    r.values["binomial_rule"] = {{"per_case_probability", per_case_probability()},
                                 {"two_sided_normal_tail", stats::two_sided_p(kStandardErrors)},
                                 {"family_alpha", kFamilyAlpha},
                                 {"allowed_exceedances", k},
                                 {"p_at_least_allowed_plus_one", stats::binomial_at_least(kCases, k + 1, per_case_probability())},
                                 {"p_at_least_allowed", stats::binomial_at_least(kCases, k, per_case_probability())}};
    const double edgeworth_error = stats::poisson_binomial_at_least(tails, k + 1);
    r.values["tail_check"] = {
        {"largest_edgeworth_tail", largest_tail},
        {"largest_edgeworth_case", largest_tail_case},
        {"mean_per_case_tail", std::accumulate(tails.begin(), tails.end(), 0.0) / kCases},
        {"p_at_least_allowed_plus_one_with_edgeworth_tails", edgeworth_error},
        {"family_alpha_kept", edgeworth_error <= kFamilyAlpha}};
    r.values["draws_per_case"] = kDraws;
    r.values["case_mix"] = {{"cyclic", cyclic},    {"open", kCases - cyclic}, {"k_1", by_copies[1]},
                            {"k_2", by_copies[2]}, {"k_3", by_copies[3]},     {"k_4", by_copies[4]}};
    for (std::size_t e = 0; e < engines.size(); ++e) r.values[engines[e].key] = outcomes[e].values(e == 0);
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
