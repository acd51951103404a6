// V24 Theorem 5.2 — two DIAG layers solve a two-level noise mixture (docs/catalogue.md).
//
// Statement (as printed): x_i ~ N(0, I/n), w ~ N(0, I), σ ∈ {σ₁, σ₂} per sequence; a two-layer DIAG
// model, layer 1 with only ω_yx, layer 2 with only ω_yy, with
//     (1 + n σ_j² ω_yy) ω_yx = 1/(1 + σ_j²),   j = 1, 2;
// then the model's implicit weight w² tends to the oracle ridge solution w_ρ = (Σ + σ_j² I)⁻¹ α of
// that sequence's σ_j as n -> ∞.
//
// What the two layers compute (docs/conventions.md with c = 1, tokens (x_i, y_i), query (x_q, 0), ŷ = -y_{n+1}):
//   layer 1 (only ω_yx): x unchanged; y_i^1 = y_i + ω_yx <α, x_i> for every token, so the context
//     labels become y^1 = y + ω_yx X α (the residuals of one GD step when ω_yx < 0, not the old
//     labels) and the query's label is ω_yx <α, x_q>: w^1 = -ω_yx α, a^1 = 1.
//   layer 2 (only ω_yy): x unchanged; y^2 = (1 + ω_yy λ¹) y^1 with
//     λ¹ = Σ_i (y_i^1)² = λ + 2 ω_yx |α|² + ω_yx² αᵀΣα.
//   Hence  w² = -ω_yx (1 + ω_yy λ¹) α  and  ŷ = <w², x_q>,  a² = 1 + ω_yy λ¹.
// This closed form is checked against the token forward pass and against the statistics-space
// forward pass (values "derivation_check").
//
// Why the limit: with x_i ~ N(0, I/n), Σ = I + O(√(d/n)), α = w + O(σ) is O(1), and
// λ¹ = n σ² + O(√n) (the noise's Σ ξ_i²); so with ω_yy = O(1/n), 1 + ω_yy λ¹ = 1 + n σ² ω_yy + O(n^{-1/2})
// and w² -> -ω_yx (1 + n σ_j² ω_yy) α, while w_ρ -> α / (1 + σ_j²). Both errors are O(n^{-1/2}).
//
// Finding: the two printed equations have the unique solution (symmetric in σ₁, σ₂)
//     ω_yy = -1 / (n (1 + σ₁² + σ₂²)),   ω_yx = (1 + σ₁² + σ₂²) / ((1 + σ₁²)(1 + σ₂²)) > 0,
// and with the prediction ŷ = -y_{n+1} (docs/conventions.md, V24 itself: a GD step needs ω_yx < 0, cf. V24.S5.3's
// step -ω_yx(…)) this gives w² -> -w_ρ: relative error -> 2, no convergence. The magnitudes (the
// factor n, the σ_j², the 1/(1 + σ_j²)) are right; the sign of the right-hand side is not. Corrected
// form: (1 + n σ_j² ω_yy) ω_yx = -1/(1 + σ_j²), i.e. ω_yx = -(1 + σ₁² + σ₂²)/((1 + σ₁²)(1 + σ₂²)),
// same ω_yy; measured rate n^{-1/2}.
//
// Measurement: d = 4, σ ∈ {1, 3} (V24's mixture), n = 10², 10^2.5, …, 10⁶, kDraws sequences per
// (n, σ_j). The statistics are sampled directly: z_i = (x_i, ξ_i) ~ N(0, diag(I/n, σ²)), so
// Σ_i z_i z_iᵀ ~ Wishart_{d+1}(n, diag(I/n, σ²)) (Bartlett decomposition: O(d²) per draw at any n),
// and G = [[Σ, α], [αᵀ, λ]] = T (Σ_i z_i z_iᵀ) Tᵀ with T = [[I, 0], [wᵀ, 1]]. The model runs in
// statistics space (model/statistics_forward.hpp). The derivation check uses real tokens (core/
// task.hpp's Sampler) at small n, so it also validates the Wishart shortcut's algebra.
//
// Decision rule (per form, for each σ_j): the mean relative error |w² - w_ρ| / |w_ρ| over the draws
// fitted against n on log-log axes must have slope <= kMaxSlope, and the mean error at n = 10⁶ must
// be <= kMaxFinalError. Negative control: the condition with the factor n dropped,
// (1 + σ_j² ω_yy) ω_yx = -1/(1 + σ_j²) (ω_yy = O(1), so 1 + ω_yy λ¹ grows like n); rejected.
// (Swapping σ₁ and σ₂ is no control: the solution is symmetric in them.)
#include "catalogue.hpp"

#include "ltv/core/task.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/theory/least_squares.hpp"
#include "ltv/theory/noise_mixture.hpp"
#include "ltv/verify/decide.hpp"
#include "ltv/verify/measured.hpp"

#include <boost/random/chi_squared_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace ltv::proofs {
namespace v24_t5_2_noise_mixture_impl {
namespace {

constexpr int kDimension = 4;
constexpr double kSigmas[2] = {1.0, 3.0};
constexpr int kDraws = 32;               ///< sequences per (n, σ_j)
constexpr double kMaxSlope = -0.25;      ///< a fitted rate at least n^{-1/4}
constexpr double kMaxFinalError = 0.05;  ///< mean relative error at n = 10⁶
/// Derivation check: |closed form - forward pass| <= kDerivationUlps · n · ε · scale (sums of n terms).
constexpr double kDerivationUlps = 16.0;

/// The context lengths: half-decades from 10² to 10⁶.
std::vector<int> lengths() {
  std::vector<int> ns;
  for (int k = 4; k <= 12; ++k) ns.push_back(static_cast<int>(std::lround(std::pow(10.0, k / 2.0))));
  return ns;
}

/// A condition (1 + s_j ω_yy) ω_yx = r_j, j = 1, 2, with s_j = (n·)σ_j² and r_j = ±1/(1 + σ_j²).
enum class Condition { Printed, Corrected, NoFactorN };

using Omegas = MixtureOmegas;

/// The conditions' solution (theory/noise_mixture.hpp) for condition c at context length n.
Omegas solve(Condition c, int n) {
  const double scale = c == Condition::NoFactorN ? 1.0 : static_cast<double>(n);
  const double sign = c == Condition::Printed ? 1.0 : -1.0;
  double s[2], r[2];
  for (int j = 0; j < 2; ++j) {
    s[j] = scale * kSigmas[j] * kSigmas[j];
    r[j] = sign / (1 + kSigmas[j] * kSigmas[j]);
  }
  return solve_mixture_conditions(s, r);
}

Model<double> two_layer_model(const Omegas& o) { return noise_mixture_model(kDimension, o); }

/// The derived closed form w² = -ω_yx (1 + ω_yy λ¹) α, λ¹ = λ + 2 ω_yx |α|² + ω_yx² αᵀΣα.
Vec<double> closed_form_w2(const Mat<double>& G, const Omegas& o) {
  const int d = kDimension;
  const Mat<double> gram = G.topLeftCorner(d, d);
  const Vec<double> alpha = G.col(d).head(d);
  const double lambda1 = G(d, d) + 2 * o.yx * alpha.squaredNorm() + o.yx * o.yx * alpha.dot(gram * alpha);
  return -o.yx * (1 + o.yy * lambda1) * alpha;
}

/// w^L from the statistics-space forward pass: the last row of T^L is (-w^Lᵀ, a^L).
Vec<double> statistics_w2(const Model<double>& m, const Mat<double>& G, int n) {
  const auto s = statistics_forward(m, G, n);
  return -s.transform.back().row(kDimension).head(kDimension).transpose();
}

/// G of one sequence: w ~ N(0, I), Σ_i z_i z_iᵀ ~ Wishart_{d+1}(n, diag(I/n, σ²)) by Bartlett's
/// decomposition S = L A Aᵀ Lᵀ (A lower triangular, A_kk² ~ χ²(n - k), A_kl ~ N(0, 1) below).
Mat<double> sample_gram(int n, double sigma, Rng& rng) {
  const int p = kDimension + 1;
  boost::random::normal_distribution<double> normal;
  Vec<double> w(kDimension);
  for (int k = 0; k < kDimension; ++k) w[k] = normal(rng);
  Mat<double> A = Mat<double>::Zero(p, p);
  for (int k = 0; k < p; ++k) {
    boost::random::chi_squared_distribution<double> chi2(static_cast<double>(n - k));
    A(k, k) = std::sqrt(chi2(rng));
    for (int l = 0; l < k; ++l) A(k, l) = normal(rng);
  }
  Vec<double> root(p);
  root.head(kDimension).setConstant(1 / std::sqrt(static_cast<double>(n)));
  root[kDimension] = sigma;
  const Mat<double> LA = root.asDiagonal() * A;
  Mat<double> T = Mat<double>::Identity(p, p);
  T.row(kDimension).head(kDimension) = w.transpose();
  return T * (LA * LA.transpose()) * T.transpose();
}

std::string sci(double x, int digits = 3) {
  std::ostringstream os;
  os << std::setprecision(digits) << x;
  return os.str();
}

/// What one form showed for one σ_j.
struct Sweep {
  std::vector<double> mean_error, standard_error, mean_cosine;
  double slope = 0;
  bool converges() const { return slope <= kMaxSlope && mean_error.back() <= kMaxFinalError; }
};

/// Least-squares slope of log(error) against log(n).
double fitted_slope(const std::vector<int>& ns, const std::vector<double>& err) {
  const double m = static_cast<double>(ns.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < ns.size(); ++i) {
    const double x = std::log(static_cast<double>(ns[i])), y = std::log(err[i]);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

struct FormOutcome {
  Sweep per_sigma[2];
  int draws = 0;
  double max_derivation_gap = 0;  ///< |closed form - statistics forward| / |w²|, over all draws
  bool converges() const { return per_sigma[0].converges() && per_sigma[1].converges(); }
};

FormOutcome measure(Condition c, std::uint64_t seed) {
  FormOutcome out;
  const std::vector<int> ns = lengths();
  for (int j = 0; j < 2; ++j) {
    const double sigma = kSigmas[j];
    Sweep& sw = out.per_sigma[j];
    for (std::size_t i = 0; i < ns.size(); ++i) {
      const int n = ns[i];
      const Omegas o = solve(c, n);
      const Model<double> model = two_layer_model(o);
      // The same draws for every form (the seed does not depend on the form): a paired comparison.
      Rng rng(derive_seed(seed, static_cast<std::uint64_t>(j * 100 + static_cast<int>(i))));
      double sum = 0, sum_sq = 0, cos_sum = 0;
      for (int draw = 0; draw < kDraws; ++draw) {
        const Mat<double> G = sample_gram(n, sigma, rng);
        const Mat<double> gram = G.topLeftCorner(kDimension, kDimension);
        const Vec<double> alpha = G.col(kDimension).head(kDimension);
        const Vec<double> ridge =
            (gram + sigma * sigma * Mat<double>::Identity(kDimension, kDimension)).ldlt().solve(alpha);
        const Vec<double> w2 = statistics_w2(model, G, n);
        const double err = (w2 - ridge).norm() / ridge.norm();
        sum += err;
        sum_sq += err * err;
        cos_sum += w2.dot(ridge) / (w2.norm() * ridge.norm());
        out.max_derivation_gap =
            std::max(out.max_derivation_gap, (closed_form_w2(G, o) - w2).norm() / w2.norm());
        ++out.draws;
      }
      const double mean = sum / kDraws;
      sw.mean_error.push_back(mean);
      sw.standard_error.push_back(std::sqrt(std::max(0.0, sum_sq / kDraws - mean * mean) / (kDraws - 1)));
      sw.mean_cosine.push_back(cos_sum / kDraws);
    }
    sw.slope = fitted_slope(ns, sw.mean_error);
  }
  return out;
}

std::string summary(Condition c, const FormOutcome& f) {
  const std::vector<int> ns = lengths();
  std::string s;
  for (int j = 0; j < 2; ++j) {
    const Sweep& sw = f.per_sigma[j];
    const Omegas o = solve(c, ns.back());
    s.append(j == 0 ? "" : "; ").append("σ = ").append(sci(kSigmas[j])).append(", n = 10^6 (ω_yx = ");
    s.append(sci(o.yx, 4)).append(", ω_yy = ").append(sci(o.yy, 4)).append("): mean |w² - w_ρ|/|w_ρ| = ");
    s.append(sci(sw.mean_error.back())).append(", mean cos(w², w_ρ) = ").append(sci(sw.mean_cosine.back()));
    s.append(", fitted slope ").append(sci(sw.slope)).append(sw.converges() ? " (converges)" : " (does not)");
  }
  return s;
}

nlohmann::json form_values(Condition c, const FormOutcome& f) {
  const std::vector<int> ns = lengths();
  nlohmann::json j = {{"converges", f.converges()}};
  for (int s = 0; s < 2; ++s) {
    const Sweep& sw = f.per_sigma[s];
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < ns.size(); ++i) {
      const Omegas o = solve(c, ns[i]);
      rows.push_back({{"n", ns[i]},
                      {"omega_yx", o.yx},
                      {"omega_yy", o.yy},
                      {"mean_relative_error", sw.mean_error[i]},
                      {"standard_error", sw.standard_error[i]},
                      {"mean_cosine", sw.mean_cosine[i]}});
    }
    j["sigma_" + sci(kSigmas[s])] = {
        {"fitted_slope", sw.slope}, {"converges", sw.converges()}, {"rows", rows}};
  }
  return j;
}

/// The closed form against the token forward pass on real tokens (and its labels after layer 1),
/// small n, the corrected ω's: the largest gap relative to its tolerance kDerivationUlps·n·ε.
nlohmann::json derivation_check(std::uint64_t seed, double statistics_gap) {
  double worst_ratio = 0, worst_gap = 0;
  int cases = 0;
  for (const int n : {20, 100, 400}) {
    for (const double sigma : kSigmas) {
      TaskDistribution dist;
      dist.d = kDimension;
      dist.n = n;
      dist.cov = Eigen::MatrixXd::Identity(kDimension, kDimension) / n;
      dist.noise = {NoiseMode::Fixed, sigma, {}};
      const Sampler sampler(dist);
      for (const Condition c : {Condition::Printed, Condition::Corrected}) {
        const Omegas o = solve(c, n);
        const Model<double> model = two_layer_model(o);
        for (const Sequence& s : sampler.sample_batch(8, derive_seed(seed, static_cast<std::uint64_t>(n)))) {
          const Mat<double> Z = make_tokens<double>(s.X, s.y, s.xq);
          const auto tokens = forward_tokens(model, Z);
          const Mat<double> G = context_gram(Z);
          const Vec<double> alpha = s.X.transpose() * s.y;
          const Vec<double> w2 = closed_form_w2(G, o);
          // Labels after layer 1: y + ω_yx X α (context), ω_yx <α, x_q> (query).
          Vec<double> y1_expected(n + 1);
          y1_expected.head(n) = s.y + o.yx * (s.X * alpha);
          y1_expected[n] = o.yx * alpha.dot(s.xq);
          const Vec<double> y1 = tokens[1].row(kDimension).transpose();
          const double label_gap = (y1 - y1_expected).norm() / y1_expected.norm();
          const double pred_gap =
              std::abs(prediction(tokens.back()) - w2.dot(s.xq)) / (w2.norm() * s.xq.norm());
          const double gap = std::max(label_gap, pred_gap);
          worst_gap = std::max(worst_gap, gap);
          worst_ratio =
              std::max(worst_ratio, gap / (kDerivationUlps * n * std::numeric_limits<double>::epsilon()));
          ++cases;
        }
      }
    }
  }
  return {{"closed_form",
           "w2 = -omega_yx (1 + omega_yy lambda1) alpha, lambda1 = lambda + 2 omega_yx |alpha|^2 + "
           "omega_yx^2 alpha^T Sigma alpha; layer-1 labels y + omega_yx X alpha"},
          {"token_cases", cases},
          {"max_relative_gap_vs_token_forward", worst_gap},
          {"gap_over_tolerance", worst_ratio},
          {"tolerance", "16 n eps (double)"},
          {"max_relative_gap_vs_statistics_forward_in_sweep", statistics_gap},
          {"holds", worst_ratio <= 1 && statistics_gap <= kDerivationUlps * lengths().back() *
                                                              std::numeric_limits<double>::epsilon()}};
}

PropertyOutcome as_property(Condition c, const FormOutcome& f) {
  const std::string text = summary(c, f);
  return measured_outcome(
      f.draws, f.converges() ? std::nullopt : std::optional<std::string>(text),
      {measured_tier(Tier::Double, 53, f.draws,
                     sci(std::max(f.per_sigma[0].mean_error.back(), f.per_sigma[1].mean_error.back())) +
                         " (relative, n = 10^6)",
                     text)},
      "no convergence to the oracle ridge solution: " + text);
}

}  // namespace
}  // namespace v24_t5_2_noise_mixture_impl

Obligation v24_t5_2_noise_mixture() {
  using namespace v24_t5_2_noise_mixture_impl;
  Obligation obligation = make_obligation(
      "V24.T5.2", "V24", "Two DIAG layers (ω_yx, then ω_yy) solve a two-level noise mixture",
      Kind::Asymptotic, {Tier::Double},
      "$x_i \\sim N(0, I/n)$, $σ ∈ \\{σ_1, σ_2\\}$; layer 1 only $ω_{yx}$, layer 2 only $ω_{yy}$ with "
      "$(1 + n σ_j^2 ω_{yy}) ω_{yx} = \\frac{1}{1 + σ_j^2}$, $j = 1, 2$ (the proof's condition); then $w^2$ "
      "→ the "
      "ridge solution $(Σ + σ_j^2 I)^{-1} α$ as $n → ∞$");
  obligation.scope.checked = {{"d", "4"}, {"σ", "{1, 3}"}, {"n", "10²–10⁶"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const std::uint64_t seed = property_seed(options.seed, o.id, "sweep");
    const FormOutcome printed = measure(Condition::Printed, seed);
    const FormOutcome corrected = measure(Condition::Corrected, seed);
    const FormOutcome negative = measure(Condition::NoFactorN, seed);

    StatementOutcomes s;
    s.statement = o.statement;
    s.printed = as_property(Condition::Printed, printed);
    s.second = SecondForm{
        FormRole::Correction,
        "$(1 + n σ_j^2 ω_{yy}) ω_{yx} = -\\frac{1}{1 + σ_j^2}$ (with the readout $\\hat y = -y_{n+1}$ of V24 §2.1, layer 1 "
        "is a GD step only for $ω_{yx} < 0$): $ω_{yy} = -\\frac{1}{n (1 + σ_1^2 + σ_2^2)}$, "
        "$ω_{yx} = -\\frac{1 + σ_1^2 + σ_2^2}{(1 + σ_1^2)(1 + σ_2^2)}$; $w^2 → w_ρ$ at rate $n^{-1/2}$. The proof's "
        "$w^1 = ω_{yx} \\sum_i y_i x_i$ (App. A.5) has the opposite sign to §4's implicit model ($w^1 = -ω_{yx} α$)",
        "", "", false};
    s.second_outcome = as_property(Condition::Corrected, corrected);
    s.negative_description =
        "the corrected condition with the factor n dropped: $(1 + σ_j^2 ω_{yy}) ω_{yx} = -\\frac{1}{1 + σ_j^2}$";
    s.negative = as_property(Condition::NoFactorN, negative);
    ObligationResult r = decide(o, options, s);

    const Omegas literal = solve(Condition::Printed, 1);
    r.values["setting"] =
        "d = 4, sigma in {1, 3}, w ~ N(0, I), x_i ~ N(0, I/n), n = 10^2, 10^2.5, ..., 10^6, " +
        std::to_string(kDraws) + " sequences per (n, sigma); statistics sampled as Wishart";
    r.values["rule"] =
        "per sigma_j: least-squares slope of log(mean relative error) vs log n <= -0.25 and mean relative "
        "error "
        "at n = 10^6 <= 0.05; the error is |w2 - w_ridge| / |w_ridge|, w_ridge = (Sigma + sigma_j^2 I)^-1 "
        "alpha";
    r.values["printed_solution"] = {{"omega_yx", literal.yx}, {"omega_yy_times_n", literal.yy}};
    r.values["printed"] = form_values(Condition::Printed, printed);
    r.values["corrected"] = form_values(Condition::Corrected, corrected);
    r.values["negative_control_no_factor_n"] = form_values(Condition::NoFactorN, negative);
    r.values["derivation_check"] = derivation_check(
        property_seed(options.seed, o.id, "derivation"),
        std::max({printed.max_derivation_gap, corrected.max_derivation_gap, negative.max_derivation_gap}));
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
