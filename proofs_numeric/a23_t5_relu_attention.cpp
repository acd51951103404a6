// A23 Theorem 5 — one layer of ReLU attention: the claimed optimum.
//
// Statement (docs/catalogue.md): Attn = P Z M relu(Zᵀ Q Z), x ~ N(0, I), w ~ N(0, I), no noise, c = 1/n;
// P₀ = diag(0, 1), Q₀ = −q₀ diag(I, 0) with q₀ = 1/((n−1)/(2n) + (d+2)/n) (last row of Q zero) is
// optimal. The loss is not polynomial (the ReLU), so the evidence is Monte Carlo with a stated
// confidence level: per draw, the prediction is ŷ = −(1/n) Σ_j (pᵀe_j) relu(e_jᵀ Q e_q) (p the
// last row of P, e_q = (x_q, 0)), the sample loss ℓ = (ŷ − wᵀx_q)², and its gradient
//     ∂ℓ/∂p = −(2/n)(ŷ − wᵀx_q) Σ_j relu(e_jᵀQe_q) e_j,
//     ∂ℓ/∂Q = −(2/n)(ŷ − wᵀx_q) Σ_j (pᵀe_j) 1[e_jᵀQe_q > 0] e_j e_qᵀ
// (Q's last column never reaches ŷ: its gradient is 0 and is left out).
// Decision rule, on a small grid of (d, n), 200 000 draws each. The tests: (1) every gradient
// coordinate is 0 (z = mean / standard error, two-sided normal p-value; a coordinate whose samples
// are all 0 is no test); (2) along the family Q = −q diag(I, 0), where ŷ = q g is linear in q (relu
// is positively homogeneous), the loss is minimised at q* = E[g wᵀx_q] / E[g²]; its delta-method
// z-score against q₀, two-sided p-value. All the tests of all grid points (9 + 16 + 36 gradient
// coordinates and 3 minimisers: 64) make one family; Holm–Bonferroni at family-wise level
// kFamilyAlpha = 1 % must reject none of them. (For "none rejected" Holm and Bonferroni agree: the
// smallest p-value must exceed 1 %/64, i.e. every |z| <= 3.78.) `values.family` lists every raw
// p-value. Negative control: the same family of tests with the claimed optimum scaled by 4/5
// (gradient at q = 0.8 q₀, and q* against 0.8 q₀), on the same draws; Holm must reject some test.
#include "catalogue.hpp"
#include "statistical_rules.hpp"

#include "ltv/core/random.hpp"
#include "ltv/verify/decide.hpp"
#include "ltv/verify/measured.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace ltv::proofs {
namespace a23_t5_relu_attention_impl {
namespace {

constexpr int kDraws = 200'000;
constexpr double kFamilyAlpha = 0.01;  ///< family-wise error rate over every test of the grid
struct Size {
  int d, n;
};
constexpr Size kSizes[] = {{2, 5}, {3, 10}, {5, 20}};

double claimed_scale(int d, int n) { return 1.0 / ((n - 1.0) / (2.0 * n) + (d + 2.0) / n); }

struct Estimates {
  std::vector<double> gradient_z;  ///< per gradient coordinate with a nonzero standard error
  std::vector<int> gradient_index;  ///< which coordinate each z is
  double scale = 0;                ///< q* = E[g t] / E[g²]
  double scale_se = 0;
  double max_abs_z() const {
    double m = 0;
    for (const double z : gradient_z) m = std::max(m, std::abs(z));
    return m;
  }
};

/// Monte Carlo at Q = −q diag(I, 0), P = diag(0, 1).
Estimates estimate(const Size& size, double q, std::uint64_t seed) {
  const int d = size.d, n = size.n, m = (d + 1) + (d + 1) * d;  // p, then Q without its last column
  Rng rng(seed);
  boost::random::normal_distribution<double> normal;
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(m), squares = Eigen::VectorXd::Zero(m), g(m);
  double sum_gt = 0, sum_gg = 0, sum_gt2 = 0, sum_gg2 = 0, sum_gtgg = 0;
  Eigen::MatrixXd E(d + 1, n);
  Eigen::VectorXd xq(d), w(d);
  for (int k = 1; k <= kDraws; ++k) {
    for (int i = 0; i < d; ++i) w[i] = normal(rng);
    for (int i = 0; i < d; ++i) xq[i] = normal(rng);
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < d; ++i) E(i, j) = normal(rng);
      E(d, j) = w.dot(E.col(j).head(d));
    }
    const double target = w.dot(xq);
    // Scores e_jᵀ Q e_q = −q x_jᵀ x_q; the value (last row of P) is y_j.
    const Eigen::VectorXd scores = -q * (E.topRows(d).transpose() * xq);
    double gain = 0;  // g = −(1/n) Σ y_j relu(−x_jᵀx_q), so that ŷ = q g
    for (int j = 0; j < n; ++j) gain -= E(d, j) * std::max(0.0, -E.col(j).head(d).dot(xq)) / n;
    const double prediction = q * gain, residual = prediction - target;
    g.setZero();
    for (int j = 0; j < n; ++j) {
      const double relu = std::max(0.0, scores[j]);
      g.head(d + 1) += (-2.0 / n) * residual * relu * E.col(j);
      if (scores[j] > 0) {
        // ∂ℓ/∂Q_{ab} = −(2/n) r y_j e_j[a] e_q[b], b < d (e_q's last entry is 0).
        for (int b = 0; b < d; ++b)
          g.segment(d + 1 + b * (d + 1), d + 1) += (-2.0 / n) * residual * E(d, j) * xq[b] * E.col(j);
      }
    }
    const Eigen::VectorXd delta = g - mean;
    mean += delta / k;
    squares += delta.cwiseProduct(g - mean);
    const double gt = gain * target, gg = gain * gain;
    sum_gt += gt;
    sum_gg += gg;
    sum_gt2 += gt * gt;
    sum_gg2 += gg * gg;
    sum_gtgg += gt * gg;
  }
  Estimates out;
  const Eigen::VectorXd se = (squares / (kDraws - 1.0) / kDraws).cwiseSqrt();
  for (int i = 0; i < m; ++i)
    if (se[i] > 0) {
      out.gradient_z.push_back(mean[i] / se[i]);
      out.gradient_index.push_back(i);
    }
  // q* = A/B with A = E[g t], B = E[g²]; delta method: Var(q*) ≈ (Var A − 2q* Cov(A,B) + q*² Var B)/N.
  const double N = kDraws, A = sum_gt / N, B = sum_gg / N;
  const double var_a = sum_gt2 / N - A * A, var_b = sum_gg2 / N - B * B, cov = sum_gtgg / N - A * B;
  out.scale = A / B;
  out.scale_se = std::sqrt((var_a - 2 * out.scale * cov + out.scale * out.scale * var_b) / N) / B;
  return out;
}

/// Name of gradient coordinate k: the last row of P, then Q column by column (its last column
/// left out).
std::string coordinate_name(int d, int k) {
  if (k <= d) return "p[" + std::to_string(k) + "]";
  const int j = k - (d + 1);
  return "Q[" + std::to_string(j % (d + 1)) + "," + std::to_string(j / (d + 1)) + "]";
}

/// One test of the family: what it tests, its statistic and its raw two-sided p-value.
struct Test {
  std::string name;
  double z = 0, p = 1;
};

/// The tests of one grid point at the claimed scale q (gradient coordinates, then q* against q).
std::vector<Test> point_tests(const Size& size, double q, const Estimates& e) {
  std::vector<Test> tests;
  const std::string where = "d=" + std::to_string(size.d) + " n=" + std::to_string(size.n) + ": ";
  for (std::size_t k = 0; k < e.gradient_z.size(); ++k)
    tests.push_back({where + "gradient " + coordinate_name(size.d, e.gradient_index[k]) + " = 0", e.gradient_z[k],
                     stats::two_sided_p(e.gradient_z[k])});
  const double z = (e.scale - q) / e.scale_se;
  std::ostringstream os;
  os << where << "q* = " << q << " (Monte Carlo q* = " << e.scale << " ± " << e.scale_se << ")";
  tests.push_back({os.str(), z, stats::two_sided_p(z)});
  return tests;
}

/// Holm–Bonferroni over a family: the tests it rejects, described (empty: none).
struct FamilyOutcome {
  std::vector<Test> tests;
  std::vector<bool> rejected;
  bool any_rejected() const { return std::find(rejected.begin(), rejected.end(), true) != rejected.end(); }
  std::size_t smallest_p() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < tests.size(); ++i)
      if (tests[i].p < tests[best].p) best = i;
    return best;
  }
  std::string rejections() const {
    std::ostringstream os;
    int count = 0;
    for (std::size_t i = 0; i < tests.size(); ++i) count += rejected[i] ? 1 : 0;
    const Test& t = tests[smallest_p()];
    os << count << " of " << tests.size() << " tests rejected by Holm at family-wise " << kFamilyAlpha
       << "; smallest p-value " << t.p << " (z = " << t.z << ", Holm threshold " << kFamilyAlpha / tests.size()
       << "): " << t.name;
    return os.str();
  }
  nlohmann::json values() const {
    nlohmann::json p = nlohmann::json::array();
    for (const Test& t : tests) p.push_back({{"test", t.name}, {"z", t.z}, {"p_value", t.p}});
    const Test& t = tests[smallest_p()];
    return {{"alpha", kFamilyAlpha},
            {"correction", "Holm-Bonferroni over every test of every grid point"},
            {"tests", tests.size()},
            {"smallest_p_value", t.p},
            {"smallest_p_test", t.name},
            {"holm_threshold_for_smallest", kFamilyAlpha / tests.size()},
            {"rejected", any_rejected()},
            {"raw_p_values", p}};
  }
};

FamilyOutcome holm(std::vector<Test> tests) {
  FamilyOutcome f;
  f.tests = std::move(tests);
  std::vector<double> p;
  for (const Test& t : f.tests) p.push_back(t.p);
  f.rejected = stats::holm_rejections(p, kFamilyAlpha);
  return f;
}

}  // namespace
}  // namespace a23_t5_relu_attention_impl

Obligation a23_t5_relu_attention() {
  using namespace a23_t5_relu_attention_impl;
  Obligation obligation = make_obligation(
      "A23.T5", "A23", "One layer of ReLU attention: the claimed optimum (Theorem 5)", Kind::Statistical,
      {Tier::Double},
      "$\\mathrm{Attn} = P Z M\\, \\mathrm{relu}(Z^⊤ Q Z)$, $Σ = I$: $P_0 = \\mathrm{diag}(0, 1)$, "
      "$Q_0 = -\\frac{1}{\\frac{n-1}{2n} + \\frac{d+2}{n}} \\mathrm{diag}(I, 0)$ (last row of Q zero) "
      "minimises the "
      "one-layer loss");
  obligation.scope.checked = {{"(d, n)", "(2, 5), (3, 10), (5, 20)"}, {"Σ", "I"}, {"Q", "last row zero (the theorem's class)"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    std::vector<Test> claimed_tests, control_tests;
    nlohmann::json rows = nlohmann::json::array();
    double worst_z = 0;
    std::string worst_case;
    for (const Size& size : kSizes) {
      const std::uint64_t seed =
          property_seed(options.seed, o.id, std::to_string(size.d) + "/" + std::to_string(size.n));
      const double q0 = claimed_scale(size.d, size.n);
      const Estimates at = estimate(size, q0, seed);
      const Estimates scaled = estimate(size, 0.8 * q0, seed);
      for (Test& t : point_tests(size, q0, at)) claimed_tests.push_back(std::move(t));
      for (Test& t : point_tests(size, 0.8 * q0, scaled)) control_tests.push_back(std::move(t));
      const double scale_z = (at.scale - q0) / at.scale_se;
      if (at.max_abs_z() >= worst_z) {
        worst_z = at.max_abs_z();
        std::ostringstream os;
        os << "d=" << size.d << " n=" << size.n << ": largest gradient |z| " << worst_z;
        worst_case = os.str();
      }
      rows.push_back({{"d", size.d},
                      {"n", size.n},
                      {"claimed_q0", q0},
                      {"monte_carlo_q_star", at.scale},
                      {"q_star_standard_error", at.scale_se},
                      {"q_star_z", scale_z},
                      {"gradient_coordinates_tested", at.gradient_z.size()},
                      {"gradient_max_abs_z", at.max_abs_z()},
                      {"control_0_8_q0_max_abs_z", scaled.max_abs_z()}});
    }
    const FamilyOutcome claimed = holm(std::move(claimed_tests));
    const FamilyOutcome control = holm(std::move(control_tests));

    StatementOutcomes s;
    s.statement = o.statement;
    const int sizes = static_cast<int>(std::size(kSizes));
    const auto rejections = [](const FamilyOutcome& f) {
      return f.any_rejected() ? std::optional<std::string>(f.rejections()) : std::nullopt;
    };
    s.printed = measured_outcome(
        claimed.any_rejected() ? 0 : sizes, rejections(claimed),
        {measured_tier(Tier::Double, 53, sizes, std::to_string(worst_z) + " SE", worst_case)});
    s.negative_description = "the optimum scaled by 4/5 ($q = 0.8 q_0$), through the same family of tests";
    s.negative = measured_outcome(sizes, rejections(control));
    ObligationResult r = decide(o, options, s);
    r.values.update(nlohmann::json{{"draws_per_point", kDraws},
                {"decision_rule",
                 "every gradient coordinate 0 and the Monte Carlo minimiser along the scalar family equal to q0, "
                 "two-sided z-tests, Holm-Bonferroni over all tests of the grid at family-wise 1 %: none rejected"},
                {"family", claimed.values()},
                {"negative_control_family", control.values()},
                {"grid", rows}});
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
