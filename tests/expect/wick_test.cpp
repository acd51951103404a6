// The Wick engine (src/ltv/expect/wick.hpp) in double: Monte Carlo agreement on random cases (the
// acceptance criterion of SPEC §4: at least 95 of 100 random cases within 4 standard errors), and
// agreement with the exact tier to the tolerance of scalar/tolerance.hpp. The wrong engines of
// tests/expect/wick_checks.hpp are the negative controls: the same decision rule must reject them.
#include "wick_checks.hpp"

#include "ltv/core/task.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ltv::Mat;
using ltv::WickChain;
using ltv::test::Flaw;
using ltv::test::WickCase;
using Q = ltv::Rational;

/// The decision rule of the Monte Carlo check: of kCases random cases, each estimated from kDraws
/// samples, at least kRequiredWithin must lie within kStandardErrors standard errors of the exact
/// value (for an exact engine and Gaussian sample means, P(|z| > 4) = 6·10^-5 per case; the margin
/// of 5 cases covers the heavy tails of products of up to 4 sample covariances, whose standard
/// errors are themselves estimated from the samples).
constexpr int kCases = 100;
constexpr int kDraws = 20'000;
constexpr double kStandardErrors = 4.0;
constexpr int kRequiredWithin = 95;

/// Sizes of the random cases: d <= 4, n <= 8, k <= 4 copies of S.
constexpr int kMaxDimension = 4;
constexpr int kMaxSamples = 8;
constexpr int kMaxCopies = 4;

/// The fixed seed of the Monte Carlo check (the cases and the draws derive from it).
constexpr std::uint64_t kMonteCarloSeed = 20240402;

/// One scalar the Monte Carlo check estimates: E tr(C_0 S ··· C_{k−1} S) or one entry (p, q) of
/// E[C_0 S ··· S C_k].
struct MonteCarloCase {
  WickChain chain = WickChain::Cyclic;
  WickCase<double> input;
  Eigen::Index p = 0, q = 0;
};

MonteCarloCase monte_carlo_case(std::uint64_t seed) {
  ltv::Rng rng(seed);
  std::uniform_int_distribution<int> dimension(1, kMaxDimension), samples(1, kMaxSamples),
      copies(1, kMaxCopies);
  MonteCarloCase out;
  out.chain = seed % 2 == 0 ? WickChain::Cyclic : WickChain::Open;
  const int d = dimension(rng), n = samples(rng), k = copies(rng);
  out.input = ltv::test::random_case<double>(d, n, out.chain == WickChain::Cyclic ? k : k + 1, rng());
  std::uniform_int_distribution<Eigen::Index> entry(0, d - 1);
  out.p = entry(rng);
  out.q = entry(rng);
  return out;
}

/// The scalar of the case for one realisation of S.
double realisation(const MonteCarloCase& c, const Eigen::MatrixXd& S) {
  const auto& C = c.input.C;
  Eigen::MatrixXd product = C.front();
  for (std::size_t a = 1; a < C.size(); ++a) product = product * S * C[a];
  return c.chain == WickChain::Cyclic ? (product * S).trace() : product(c.p, c.q);
}

/// The exact value of the case's scalar by an engine: the library, or a flawed per-matching one.
double engine_value(const MonteCarloCase& c, bool library, Flaw flaw) {
  const Mat<double> value = library ? ltv::test::library_wick(c.chain, c.input, true)
                                    : ltv::test::naive_wick(c.chain, c.input, true, flaw);
  return c.chain == WickChain::Cyclic ? value(0, 0) : value(c.p, c.q);
}

struct Estimate {
  double mean = 0;
  double standard_error = 0;
};

/// The sample mean of the case's scalar over kDraws independent S (x_i drawn by core/task.hpp's
/// Sampler with Σ_x = Σ), with the standard error from the sample variance (Welford).
Estimate monte_carlo(const MonteCarloCase& c, std::uint64_t seed) {
  ltv::TaskDistribution dist;
  dist.d = static_cast<int>(c.input.Sigma.rows());
  dist.n = c.input.n;
  dist.cov = c.input.Sigma;
  const ltv::Sampler sampler(dist);
  ltv::Rng rng(seed);
  double mean = 0, sum_of_squares = 0;
  for (int draw = 1; draw <= kDraws; ++draw) {
    const Eigen::MatrixXd X = sampler.sample(rng).X;
    const double value = realisation(c, X.transpose() * X / c.input.n);
    const double delta = value - mean;
    mean += delta / draw;
    sum_of_squares += delta * (value - mean);
  }
  return {mean, std::sqrt(sum_of_squares / (kDraws - 1) / kDraws)};
}

/// The z-scores (estimate − engine value) / standard error of the kCases cases, for the library
/// and for the two flawed engines (sharing the samples).
struct ZScores {
  std::vector<double> library, no_component_weight, no_transposes;
};

const ZScores& monte_carlo_z_scores() {
  static const ZScores scores = [] {
    ZScores out;
    for (int i = 0; i < kCases; ++i) {
      const auto seed = ltv::derive_seed(kMonteCarloSeed, static_cast<std::uint64_t>(i));
      const MonteCarloCase c = monte_carlo_case(seed);
      const Estimate estimate = monte_carlo(c, ltv::derive_seed(seed, 1));
      const auto z = [&](bool library, Flaw flaw) {
        return (estimate.mean - engine_value(c, library, flaw)) / estimate.standard_error;
      };
      out.library.push_back(z(true, Flaw::None));
      out.no_component_weight.push_back(z(false, Flaw::NoComponentWeight));
      out.no_transposes.push_back(z(false, Flaw::NoTransposes));
    }
    return out;
  }();
  return scores;
}

int within(const std::vector<double>& z, double bound) {
  return static_cast<int>(
      std::count_if(z.begin(), z.end(), [bound](double x) { return std::abs(x) <= bound; }));
}

/// A one-line summary of z-scores: how many lie within 2, 3, 4 SE, and the largest |z|.
std::string summary(const std::vector<double>& z) {
  std::ostringstream os;
  double largest = 0;
  for (const double x : z) largest = std::max(largest, std::abs(x));
  os << within(z, 2) << "/" << within(z, 3) << "/" << within(z, 4) << " of " << z.size()
     << " within 2/3/4 SE, max |z| = " << std::setprecision(3) << largest;
  return os.str();
}

}  // namespace

TEST_CASE("Monte Carlo: >= 95 of 100 random cases within 4 standard errors",
          "[expect][wick][double][montecarlo]") {
  const ZScores& z = monte_carlo_z_scores();
  std::cout << "Wick engine vs Monte Carlo (" << kDraws << " draws per case): " << summary(z.library) << "\n";
  std::cout << "  z-scores:";
  for (const double x : z.library) std::cout << " " << std::fixed << std::setprecision(2) << x;
  std::cout << std::defaultfloat << "\n";
  INFO(summary(z.library));
  CHECK(within(z.library, kStandardErrors) >= kRequiredWithin);
}

TEST_CASE("Monte Carlo rejects the wrong engines (negative controls)", "[expect][wick][double][montecarlo]") {
  const ZScores& z = monte_carlo_z_scores();
  std::cout << "  without the n^c weight: " << summary(z.no_component_weight) << "\n";
  std::cout << "  without the transposes: " << summary(z.no_transposes) << "\n";
  INFO("no component weight: " << summary(z.no_component_weight));
  CHECK(within(z.no_component_weight, kStandardErrors) < kRequiredWithin);
  INFO("no transposes: " << summary(z.no_transposes));
  CHECK(within(z.no_transposes, kStandardErrors) < kRequiredWithin);
}

TEST_CASE("double agrees with the exact tier to its tolerance", "[expect][wick][double]") {
  rc::prop("entry-wise against the magnitude of the Wick sum", [] {
    const auto chain = *rc::gen::element(WickChain::Cyclic, WickChain::Open);
    const int d = *rc::gen::inRange(1, kMaxDimension + 1);
    const int n = *rc::gen::inRange(1, kMaxSamples + 1);
    const int k = *rc::gen::inRange(1, kMaxCopies + 1);
    const auto exact = ltv::test::random_case<Q>(d, n, chain == WickChain::Cyclic ? k : k + 1,
                                                 *rc::gen::arbitrary<std::uint64_t>());
    WickCase<double> rounded{n, ltv::convert_matrix<double>(exact.Sigma), {}};
    for (const auto& c : exact.C) rounded.C.push_back(ltv::convert_matrix<double>(c));
    ltv::Agreement agreement = ltv::agreement<double, Q>(ltv::test::library_wick(chain, rounded, true),
                                                         ltv::test::library_wick(chain, exact, true));
    agreement.scale =
        std::max(agreement.scale, ltv::convert<ltv::Mpfr>(ltv::test::wick_magnitude(chain, exact)));
    const auto tolerance = ltv::tolerance_for<double>(ltv::test::wick_size_factor(k, d), 1);
    RC_TAG(static_cast<int>(std::min(agreement.digits(), tolerance.mantissa_digits)));
    RC_ASSERT(tolerance.accepts(agreement));
  });
}
