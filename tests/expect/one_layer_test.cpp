// expect/one_layer.hpp and expect/gaussian_cubature.hpp, over the rationals (exact) and in double
// against Monte Carlo.
#include "ltv/expect/one_layer.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/core/task.hpp"
#include "ltv/expect/gaussian_cubature.hpp"
#include "ltv/model/forward.hpp"
#include "support/exact_inputs.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <boost/random/normal_distribution.hpp>

#include <cmath>

namespace {

using ltv::Mat;
using ltv::Rational;
using ltv::Vec;

/// E z^α under the rule, for z in dimension d and exponents α.
Rational rule_moment(int d, const std::vector<int>& alpha) {
  const auto rule = ltv::gaussian_degree5_rule<Rational>(d);
  Rational sum = 0;
  for (std::size_t k = 0; k < rule.nodes.size(); ++k) {
    Rational m = 1;
    for (int i = 0; i < d; ++i)
      for (int e = 0; e < alpha[static_cast<std::size_t>(i)]; ++e) m *= rule.nodes[k][i];
    sum += rule.weights[k] * m;
  }
  return sum;
}

/// The Gaussian moment E z^α = Π (α_i - 1)!! for even α_i, 0 otherwise.
Rational gaussian_moment(const std::vector<int>& alpha) {
  Rational m = 1;
  for (const int a : alpha) {
    if (a % 2) return 0;
    for (int k = a - 1; k > 0; k -= 2) m *= k;
  }
  return m;
}

/// A small rational problem: Σ exact (tests/support/exact_inputs.hpp).
ltv::OneLayerProblem<Rational> rational_problem(int d, int n, Rational noise, std::uint64_t seed) {
  ltv::Rng rng(seed);
  return {ltv::test::exact_cov(d, rng), noise, n, ltv::Norm::Mean};
}

}  // namespace

TEST_CASE("the rational cubature integrates every monomial of degree <= 5 exactly") {
  for (int d = 1; d <= 5; ++d) {
    // Every exponent vector with total degree <= 5.
    std::vector<int> alpha(static_cast<std::size_t>(d), 0);
    const std::function<void(int, int)> visit = [&](int i, int left) {
      if (i == d) {
        INFO("d=" << d);
        CHECK(rule_moment(d, alpha) == gaussian_moment(alpha));
        return;
      }
      for (int a = 0; a <= left; ++a) {
        alpha[static_cast<std::size_t>(i)] = a;
        visit(i + 1, left - a);
      }
      alpha[static_cast<std::size_t>(i)] = 0;
    };
    visit(0, 5);
  }
  // Degree 6 is beyond the rule: it must get z⁶ wrong (15), so the check above can fail.
  CHECK(rule_moment(1, {6}) != gaussian_moment({6}));
}

TEST_CASE("the gradient is the exact derivative of the loss") {
  // The loss has degree 4 in (P, Q): along a line it is a quartic, and the Richardson combination
  // (4 D(1) - D(2)) / 3 of central differences is its derivative exactly.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const int d = 1 + static_cast<int>(seed % 3);
    const auto problem = rational_problem(d, 3 + d, Rational(1, 4), seed);
    ltv::Rng rng(seed);
    const Mat<Rational> P = ltv::test::dyadic_matrix(d + 1, d + 1, rng),
                        Q = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
    const Mat<Rational> dP = ltv::test::dyadic_matrix(d + 1, d + 1, rng),
                        dQ = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
    const auto central = [&](const Rational& h) {
      return (ltv::one_layer_loss<Rational>(P + h * dP, Q + h * dQ, problem) -
              ltv::one_layer_loss<Rational>(P - h * dP, Q - h * dQ, problem)) /
             (2 * h);
    };
    const Rational directional = (4 * central(1) - central(2)) / 3;
    const auto g = ltv::one_layer_gradient<Rational>(P, Q, problem);
    CHECK(directional == (g.P.cwiseProduct(dP).sum() + g.Q.cwiseProduct(dQ).sum()));
    // Negative control: a gradient missing the noise-free cross term is caught.
    CHECK(directional != g.P.cwiseProduct(dP).sum());
  }
}

TEST_CASE("the Hessian is symmetric and exact along a direction") {
  const int d = 2;
  const auto problem = rational_problem(d, 5, Rational(0), 3);
  ltv::Rng rng(3);
  const Mat<Rational> P = ltv::test::dyadic_matrix(d + 1, d + 1, rng),
                      Q = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
  const Mat<Rational> H = ltv::one_layer_hessian<Rational>(P, Q, problem);
  CHECK(H == H.transpose());
  // Second directional derivative of the quartic t -> loss(θ + t v): exact from five points.
  const Mat<Rational> dP = ltv::test::dyadic_matrix(d + 1, d + 1, rng),
                      dQ = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
  const auto f = [&](int t) {
    return ltv::one_layer_loss<Rational>(P + Rational(t) * dP, Q + Rational(t) * dQ, problem);
  };
  // f''(0) of a quartic: (-f(2) + 16 f(1) - 30 f(0) + 16 f(-1) - f(-2)) / 12 (exact for degree <= 5).
  const Rational second = (-f(2) + 16 * f(1) - 30 * f(0) + 16 * f(-1) - f(-2)) / 12;
  const Vec<Rational> v = ltv::stack_parameters<Rational>(dP, dQ);
  CHECK(Rational(v.dot(H * v)) == second);
}

TEST_CASE("the exact loss agrees with Monte Carlo within 4 standard errors") {
  // d = 2, n = 4, Σ = diag(1, 1/2), σ² = 1/4, a fixed (P, Q): the sample mean of the squared error
  // of the token forward pass over 200 000 draws.
  const int d = 2, n = 4;
  Mat<double> cov(2, 2);
  cov << 1, 0, 0, 0.5;
  const ltv::OneLayerProblem<double> problem{cov, 0.25, n, ltv::Norm::Mean};
  Mat<double> P(3, 3), Q(3, 3);
  P << 0.1, 0.2, 0, -0.3, 0.1, 0.2, 0.3, -0.2, 0.9;
  Q << -0.8, 0.1, 0.2, 0.2, -0.6, 0.1, 0.1, 0.3, -0.2;
  const double exact = ltv::one_layer_loss<double>(P, Q, problem);

  ltv::TaskDistribution dist;
  dist.d = d;
  dist.n = n;
  dist.cov = cov;
  dist.noise = {ltv::NoiseMode::Fixed, 0.5, {}};
  const ltv::Sampler sampler(dist);
  const ltv::Model<double> model{d, ltv::Norm::Mean, {ltv::Layer<double>{{{P, Q}}}}};
  const int draws = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < draws; ++i) {
    const auto s = sampler.sample_at(77, static_cast<std::uint64_t>(i));
    const auto tokens = ltv::forward_tokens(model, ltv::make_tokens<double>(s.X, s.y, s.xq));
    const double err = ltv::prediction(tokens.back()) - s.yq;
    sum += err * err;
    sum2 += err * err * err * err;
  }
  const double mean = sum / draws;
  const double se = std::sqrt((sum2 / draws - mean * mean) / draws);
  INFO("exact " << exact << ", Monte Carlo " << mean << " ± " << se);
  CHECK(std::abs(mean - exact) <= 4 * se);
  // The check can fail: the loss without the noise term is more than 4 standard errors away.
  const ltv::OneLayerProblem<double> noiseless{cov, 0, n, ltv::Norm::Mean};
  CHECK(std::abs(mean - ltv::one_layer_loss<double>(P, Q, noiseless)) > 4 * se);
}
