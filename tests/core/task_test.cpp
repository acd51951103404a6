// Tests of the task distribution and its sampler (src/ltv/core/task.hpp).
//
// Exact properties (determinism, shapes, validation) are RapidCheck properties. Statistical ones
// compare a sample moment with its population value: within kStandardErrors standard errors, the
// standard error derived from the population's own higher moments. They run on fixed seeds, so a pass or failure is reproducible.
#include "ltv/core/task.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

using ltv::Covariates;
using ltv::NoiseMode;
using ltv::NoiseSpec;
using ltv::Rng;
using ltv::Sampler;
using ltv::Sequence;
using ltv::TaskDistribution;
using ltv::TaskPrior;

/// Decision rule for a sample moment: |estimate − population value| <= 4 standard errors (a
/// two-sided normal tail of 6·10^-5 per comparison).
constexpr double kStandardErrors = 4.0;

/// Condition number bound of the random covariances below (with_spectrum of a geometric spectrum).
constexpr double kMaxCovarianceCondition = 1e3;

/// A random symmetric positive definite d×d matrix with condition number `kappa`: eigenvalues
/// geometric from 1/2 to kappa/2, Haar eigenvectors.
Eigen::MatrixXd random_covariance(int d, double kappa, std::uint64_t seed) {
  Rng rng(seed);
  return ltv::with_spectrum<double>(ltv::geometric_spectrum<double>(d, 0.5, kappa),
                                    ltv::haar_orthogonal(d, rng));
}

/// An arbitrary task distribution with small, shrinkable sizes; any Σ_x, prior, noise, covariates.
rc::Gen<TaskDistribution> arbitrary_task() {
  return rc::gen::exec([] {
    TaskDistribution dist;
    dist.d = *rc::gen::inRange(1, 6);
    dist.n = *rc::gen::inRange(1, 9);
    if (*rc::gen::arbitrary<bool>()) {
      const double kappa = *rc::gen::inRange(1, static_cast<int>(kMaxCovarianceCondition));
      dist.cov = random_covariance(dist.d, kappa, *rc::gen::arbitrary<std::uint64_t>());
    }
    dist.prior = *rc::gen::element(TaskPrior::Identity, TaskPrior::InverseCovariance);
    dist.covariates = *rc::gen::element(Covariates::Gaussian, Covariates::Sphere, Covariates::Gamma);
    dist.noise.mode = *rc::gen::element(NoiseMode::Fixed, NoiseMode::Uniform, NoiseMode::Categorical);
    // Dyadic noise levels k/4, so that the printed counterexample is the tested value.
    const auto level = rc::gen::map(rc::gen::inRange(0, 29), [](int k) { return k / 4.0; });
    dist.noise.sigma = *level;
    if (dist.noise.mode == NoiseMode::Categorical)
      dist.noise.levels =
          *rc::gen::container<std::vector<double>>(static_cast<std::size_t>(*rc::gen::inRange(1, 4)), level);
    return dist;
  });
}

/// Non-finite doubles, which RapidCheck's own double generator never yields.
rc::Gen<double> non_finite() {
  return rc::gen::element(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity());
}

/// Noise levels validate() must reject: negative or non-finite.
rc::Gen<double> bad_sigma() { return rc::gen::oneOf(non_finite(), rc::gen::negative<double>()); }

bool identical(const Sequence& a, const Sequence& b) {
  return a.X == b.X && a.y == b.y && a.xq == b.xq && a.yq == b.yq && a.w == b.w && a.sigma == b.sigma;
}

/// Decimal digits to which `computed` agrees with `reference` (relative to |reference|).
double digits(double computed, double reference) {
  return ltv::agreement<double, double>(Eigen::Matrix<double, 1, 1>::Constant(computed),
                                        Eigen::Matrix<double, 1, 1>::Constant(reference))
      .digits();
}

/// Digits the double tier must reach in a computation with the given number of roundings and
/// condition number.
double required_digits(double size_factor, double condition = 1) {
  return ltv::tolerance_for<double>(size_factor, condition).required_digits();
}

/// Checks the second-moment estimate S = (1/N) Σ v vᵀ of zero-mean Gaussian samples v ~ N(0, M)
/// entry by entry. By Isserlis, Var(v_j v_k) = M_jj M_kk + M_jk², so the standard error of S_jk is
/// sqrt((M_jj M_kk + M_jk²) / N).
void check_gaussian_second_moments(const std::vector<Eigen::VectorXd>& samples, const Eigen::MatrixXd& M) {
  const auto N = static_cast<double>(samples.size());
  Eigen::MatrixXd S = Eigen::MatrixXd::Zero(M.rows(), M.cols());
  for (const auto& v : samples) S += v * v.transpose();
  S /= N;
  for (Eigen::Index j = 0; j < M.rows(); ++j)
    for (Eigen::Index k = 0; k <= j; ++k) {
      const double se = std::sqrt((M(j, j) * M(k, k) + M(j, k) * M(j, k)) / N);
      INFO("entry (" << j << ", " << k << "): sample " << S(j, k) << ", population " << M(j, k)
                     << ", standard error " << se << ", N = " << N);
      CHECK(std::abs(S(j, k) - M(j, k)) <= kStandardErrors * se);
    }
}

std::vector<Eigen::VectorXd> covariate_rows(const std::vector<Sequence>& batch) {
  std::vector<Eigen::VectorXd> rows;
  for (const auto& s : batch)
    for (Eigen::Index i = 0; i < s.X.rows(); ++i) rows.emplace_back(s.X.row(i).transpose());
  return rows;
}

/// Seeds of the statistical tests, one per test, derived from its name.
std::uint64_t seed_of(const char* test) { return ltv::stable_hash(test); }

}  // namespace

TEST_CASE("sampling is a function of the seed", "[core][task]") {
  rc::prop("the same seed gives the same batch, and each sequence can be regenerated alone", [] {
    const TaskDistribution dist = *arbitrary_task();
    const auto seed = *rc::gen::arbitrary<std::uint64_t>();
    const int count = *rc::gen::inRange(0, 5);
    const Sampler sampler(dist);
    const auto batch = sampler.sample_batch(count, seed);
    const auto again = ltv::sample_batch(dist, count, seed);
    RC_ASSERT(batch.size() == static_cast<std::size_t>(count));
    RC_ASSERT(again.size() == batch.size());
    for (int i = 0; i < count; ++i) {
      const auto k = static_cast<std::size_t>(i);
      RC_ASSERT(identical(batch[k], again[k]));
      RC_ASSERT(identical(batch[k], sampler.sample_at(seed, k)));
      Rng rng(ltv::derive_seed(seed, k));
      RC_ASSERT(identical(batch[k], ltv::sample_sequence(dist, rng)));
    }
  });
  rc::prop("different seeds give different sequences", [] {
    const TaskDistribution dist = *arbitrary_task();
    const auto seed = *rc::gen::arbitrary<std::uint64_t>();
    const auto other = *rc::gen::distinctFrom(seed);
    const Sampler sampler(dist);
    RC_ASSERT(!identical(sampler.sample_at(seed, 0), sampler.sample_at(other, 0)));
    RC_ASSERT(!identical(sampler.sample_at(seed, 0), sampler.sample_at(seed, 1)));
  });
}

TEST_CASE("a sequence has the shape and relations of docs/conventions.md", "[core][task]") {
  rc::prop("sizes, noiseless query label, σ from the noise specification", [] {
    const TaskDistribution dist = *arbitrary_task();
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    const Sequence s = ltv::sample_sequence(dist, rng);
    RC_ASSERT(s.X.rows() == dist.n);
    RC_ASSERT(s.X.cols() == dist.d);
    RC_ASSERT(s.y.size() == dist.n);
    RC_ASSERT(s.xq.size() == dist.d);
    RC_ASSERT(s.w.size() == dist.d);
    RC_ASSERT(s.yq == s.w.dot(s.xq));
    switch (dist.noise.mode) {
      case NoiseMode::Fixed:
        RC_ASSERT(s.sigma == dist.noise.sigma);
        break;
      case NoiseMode::Uniform:
        RC_ASSERT(s.sigma >= 0);
        RC_ASSERT(s.sigma <= dist.noise.sigma);
        RC_ASSERT((s.sigma < dist.noise.sigma || dist.noise.sigma == 0));
        break;
      case NoiseMode::Categorical:
        RC_ASSERT(std::find(dist.noise.levels.begin(), dist.noise.levels.end(), s.sigma) !=
                  dist.noise.levels.end());
        break;
    }
    if (s.sigma == 0) RC_ASSERT(s.y == s.X * s.w);
  });
}

TEST_CASE("residuals y − Xw have standard deviation σ (Fixed noise)", "[core][task][statistical]") {
  for (const double sigma : {0.25, 1.0, 3.0}) {
    TaskDistribution dist;
    dist.d = 3;
    dist.n = 20;
    dist.cov = random_covariance(dist.d, 10, seed_of("residual covariance"));
    dist.noise = NoiseSpec{NoiseMode::Fixed, sigma, {}};
    const auto batch = ltv::sample_batch(dist, 2000, seed_of("residuals"));
    // ξ ~ N(0, σ²) with known mean 0: s² = (1/m) Σ ξ² has Var = 2σ⁴/m.
    double sum_sq = 0;
    double m = 0;
    for (const auto& s : batch) {
      REQUIRE(s.sigma == sigma);
      sum_sq += (s.y - s.X * s.w).squaredNorm();
      m += static_cast<double>(s.y.size());
    }
    const double variance = sum_sq / m;
    const double se = sigma * sigma * std::sqrt(2 / m);
    INFO("σ = " << sigma << ": sample variance " << variance << ", standard error " << se);
    CHECK(std::abs(variance - sigma * sigma) <= kStandardErrors * se);
  }
}

TEST_CASE("uniform and categorical noise levels have the specified law", "[core][task][statistical]") {
  constexpr int kCount = 4000;
  SECTION("uniform: σ in [0, σ_max) with mean σ_max/2") {
    TaskDistribution dist;
    dist.noise = NoiseSpec{NoiseMode::Uniform, 7.0, {}};
    double sum = 0;
    for (const auto& s : ltv::sample_batch(dist, kCount, seed_of("uniform noise"))) {
      REQUIRE(s.sigma >= 0);
      REQUIRE(s.sigma < dist.noise.sigma);
      sum += s.sigma;
    }
    // U[0, a) has standard deviation a/sqrt(12).
    const double se = dist.noise.sigma / std::sqrt(12.0 * kCount);
    CHECK(std::abs(sum / kCount - dist.noise.sigma / 2) <= kStandardErrors * se);
  }
  SECTION("uniform with σ_max = 0 gives σ = 0") {
    TaskDistribution dist;
    dist.noise = NoiseSpec{NoiseMode::Uniform, 0.0, {}};
    for (const auto& s : ltv::sample_batch(dist, 10, seed_of("uniform zero noise"))) CHECK(s.sigma == 0);
  }
  SECTION("categorical: each level with frequency 1/k") {
    TaskDistribution dist;
    dist.noise = NoiseSpec{NoiseMode::Categorical, 0.0, {1.0, 3.0, 5.0}};
    std::vector<double> hits(dist.noise.levels.size(), 0.0);
    for (const auto& s : ltv::sample_batch(dist, kCount, seed_of("categorical noise"))) {
      const auto it = std::find(dist.noise.levels.begin(), dist.noise.levels.end(), s.sigma);
      REQUIRE(it != dist.noise.levels.end());
      ++hits[static_cast<std::size_t>(it - dist.noise.levels.begin())];
    }
    // A binomial frequency with p = 1/k has standard error sqrt(p(1−p)/N).
    const double p = 1.0 / static_cast<double>(hits.size());
    const double se = std::sqrt(p * (1 - p) / kCount);
    for (const double h : hits) CHECK(std::abs(h / kCount - p) <= kStandardErrors * se);
  }
}

TEST_CASE("Gaussian covariates have covariance Σ_x", "[core][task][statistical]") {
  TaskDistribution dist;
  dist.d = 4;
  dist.n = 10;
  dist.cov = random_covariance(dist.d, 20, seed_of("gaussian covariance"));
  const auto batch = ltv::sample_batch(dist, 2000, seed_of("gaussian covariates"));
  SECTION("context covariates x_i") { check_gaussian_second_moments(covariate_rows(batch), dist.cov); }
  SECTION("query covariates x_q") {
    std::vector<Eigen::VectorXd> queries;
    for (const auto& s : batch) queries.push_back(s.xq);
    check_gaussian_second_moments(queries, dist.cov);
  }
}

TEST_CASE("the task prior has covariance I or Σ_x^{-1}", "[core][task][statistical]") {
  TaskDistribution dist;
  dist.d = 3;
  dist.cov = random_covariance(dist.d, 20, seed_of("prior covariance"));
  for (const TaskPrior prior : {TaskPrior::Identity, TaskPrior::InverseCovariance}) {
    dist.prior = prior;
    std::vector<Eigen::VectorXd> ws;
    for (const auto& s : ltv::sample_batch(dist, 20000, seed_of("task prior"))) ws.push_back(s.w);
    const Eigen::MatrixXd expected =
        prior == TaskPrior::Identity
            ? Eigen::MatrixXd::Identity(dist.d, dist.d)
            : Eigen::MatrixXd(dist.cov.llt().solve(Eigen::MatrixXd::Identity(dist.d, dist.d)));
    INFO("prior " << (prior == TaskPrior::Identity ? "N(0, I)" : "N(0, Σ_x^{-1})"));
    check_gaussian_second_moments(ws, expected);
  }
}

TEST_CASE("Sphere covariates lie on the unit sphere (the Σ_x ellipsoid)", "[core][task]") {
  rc::prop("|x| = 1 for Σ_x = I", [] {
    TaskDistribution dist = *arbitrary_task();
    dist.cov.resize(0, 0);
    dist.covariates = Covariates::Sphere;
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    RC_LOG() << "as tested: " << dist << "\n";
    const Sequence s = ltv::sample_sequence(dist, rng);
    // Roundings: d/2 + 1 in the sampler's |g| (a sum of d squares, halved by the square root),
    // one in each g_i/|g|, and d/2 + 1 in the norm taken here: d + 3 in all.
    const double size_factor = dist.d + 3;
    for (Eigen::Index i = 0; i < s.X.rows(); ++i)
      RC_ASSERT(digits(s.X.row(i).norm(), 1.0) >= required_digits(size_factor));
    RC_ASSERT(digits(s.xq.norm(), 1.0) >= required_digits(size_factor));
  });
  rc::prop("|L^{-1} x| = 1 for Σ_x = L Lᵀ", [] {
    TaskDistribution dist = *arbitrary_task();
    dist.covariates = Covariates::Sphere;
    RC_LOG() << "as tested: " << dist << "\n";
    const Sampler sampler(dist);
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    const Sequence s = sampler.sample(rng);
    const Eigen::MatrixXd L = sampler.cholesky_factor();
    const Eigen::MatrixXd L_inv =
        L.triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(dist.d, dist.d));
    // x = L u and the solve here each cost a dot product of length d per entry, amplified by
    // Skeel's condition number ‖|L^{-1}||L|‖∞; in 2-norm that is 2d·sqrt(d) roundings. The
    // roundings of the unit norm are those of the previous property, d + 3.
    const double condition = (L_inv.cwiseAbs() * L.cwiseAbs()).rowwise().sum().maxCoeff();
    const double size_factor = 2 * dist.d * std::sqrt(dist.d) + dist.d + 3;
    const auto ellipsoid_digits = [&](const Eigen::VectorXd& x) {
      return digits(L.triangularView<Eigen::Lower>().solve(x).norm(), 1.0);
    };
    for (Eigen::Index i = 0; i < s.X.rows(); ++i)
      RC_ASSERT(ellipsoid_digits(s.X.row(i).transpose()) >= required_digits(size_factor, condition));
    RC_ASSERT(ellipsoid_digits(s.xq) >= required_digits(size_factor, condition));
  });
}

TEST_CASE("Gamma covariates have |x|² = r ~ Gamma(shape 0.1, scale 10)", "[core][task][statistical]") {
  // E r^k = scale^k · shape (shape+1) ··· (shape+k−1).
  const auto moment = [](int k) {
    double m = 1;
    for (int j = 0; j < k; ++j) m *= ltv::kGammaCovariateScale * (ltv::kGammaCovariateShape + j);
    return m;
  };
  TaskDistribution dist;
  dist.d = 5;
  dist.n = 20;
  dist.covariates = Covariates::Gamma;
  std::vector<double> r;
  for (const auto& x : covariate_rows(ltv::sample_batch(dist, 2000, seed_of("gamma covariates"))))
    r.push_back(x.squaredNorm());
  const auto N = static_cast<double>(r.size());
  double sum = 0;
  double sum_sq = 0;
  for (const double v : r) {
    sum += v;
    sum_sq += v * v;
  }
  // The mean of r^k has standard error sqrt((E r^{2k} − (E r^k)²) / N). The second moment
  // separates Gamma(0.1, 10) from Gamma(10, 0.1), which has the same mean.
  for (const int k : {1, 2}) {
    const double estimate = (k == 1 ? sum : sum_sq) / N;
    const double se = std::sqrt((moment(2 * k) - moment(k) * moment(k)) / N);
    INFO("E r^" << k << ": sample " << estimate << ", population " << moment(k) << ", standard error " << se);
    CHECK(std::abs(estimate - moment(k)) <= kStandardErrors * se);
  }
}

TEST_CASE("validate rejects bad input with a message naming the problem", "[core][task]") {
  struct Case {
    const char* name;
    void (*spoil)(TaskDistribution&);
    const char* message;
  };
  const Case cases[] = {
      {"d = 0", [](TaskDistribution& t) { t.d = 0; }, "d must be >= 1"},
      {"n = 0", [](TaskDistribution& t) { t.n = 0; }, "n must be >= 1"},
      {"d too large", [](TaskDistribution& t) { t.d = ltv::kMaxDimension + 1; }, "exceeds the limit"},
      {"n too large", [](TaskDistribution& t) { t.n = ltv::kMaxContextLength + 1; }, "exceeds the limit"},
      {"n·d too large",
       [](TaskDistribution& t) {
         t.d = ltv::kMaxDimension;
         t.n = 1'000'000;
       },
       "n·d"},
      {"cov of the wrong size", [](TaskDistribution& t) { t.cov = Eigen::MatrixXd::Identity(3, 2); },
       "cov must be d×d"},
      {"cov not symmetric",
       [](TaskDistribution& t) { t.cov = (Eigen::MatrixXd(2, 2) << 2, 1, 0, 2).finished(); },
       "not symmetric"},
      {"cov indefinite",
       [](TaskDistribution& t) { t.cov = (Eigen::MatrixXd(2, 2) << 1, 2, 2, 1).finished(); },
       "not positive definite"},
      {"cov singular", [](TaskDistribution& t) { t.cov = (Eigen::MatrixXd(2, 2) << 1, 1, 1, 1).finished(); },
       "not positive definite"},
      {"cov numerically singular",
       [](TaskDistribution& t) {
         t.cov = (Eigen::MatrixXd(2, 2) << 1, 1, 1, 1 + std::numeric_limits<double>::epsilon()).finished();
       },
       "not numerically positive definite"},
      {"negative σ", [](TaskDistribution& t) { t.noise.sigma = -1; }, "noise sigma must be"},
      {"negative σ_max",
       [](TaskDistribution& t) {
         t.noise = NoiseSpec{NoiseMode::Uniform, -1, {}};
       },
       "noise sigma_max must be"},
      {"empty categorical set",
       [](TaskDistribution& t) {
         t.noise = NoiseSpec{NoiseMode::Categorical, 0, {}};
       },
       "at least one level"},
      {"negative categorical level",
       [](TaskDistribution& t) {
         t.noise = NoiseSpec{NoiseMode::Categorical, 0, {1, -3}};
       },
       "categorical noise level 1"},
      {"unknown noise mode", [](TaskDistribution& t) { t.noise.mode = static_cast<NoiseMode>(7); },
       "unknown noise mode"},
      {"unknown prior", [](TaskDistribution& t) { t.prior = static_cast<TaskPrior>(7); },
       "unknown task prior"},
      {"unknown covariates", [](TaskDistribution& t) { t.covariates = static_cast<Covariates>(7); },
       "unknown covariates"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    TaskDistribution dist;
    dist.d = 2;
    dist.n = 3;
    c.spoil(dist);
    CHECK_THROWS_AS(dist.validate(), std::invalid_argument);
    CHECK_THROWS_WITH(dist.validate(), Catch::Contains(c.message));
    CHECK_THROWS_WITH(Sampler(dist), Catch::Contains(c.message));
  }
  CHECK_THROWS_WITH(ltv::sample_batch(TaskDistribution{}, -1, 0), Catch::Contains("count"));

  rc::prop("an arbitrary task distribution is valid", [] {
    const TaskDistribution dist = *arbitrary_task();
    dist.validate();
  });
  rc::prop("a non-finite entry of cov is named", [] {
    TaskDistribution dist = *arbitrary_task();
    dist.cov = dist.covariance();
    const auto i = *rc::gen::inRange(0, dist.d);
    const auto j = *rc::gen::inRange(0, dist.d);
    dist.cov(i, j) = *non_finite();
    RC_LOG() << "as tested: " << dist << "\n";
    try {
      dist.validate();
      RC_FAIL("validate accepted a non-finite cov");
    } catch (const std::invalid_argument& e) {
      RC_ASSERT(std::string(e.what()).find("non-finite entry") != std::string::npos);
    }
  });
  rc::prop("a negative eigenvalue of cov is rejected", [] {
    TaskDistribution dist = *arbitrary_task();
    // A negative eigenvalue among positive ones needs d ≥ 2. Drawn, not filtered: RC_PRE(d > 1)
    // discarded most of the small-size cases (inRange favours d = 1 there) and RapidCheck gave up.
    dist.d = *rc::gen::inRange(2, 6);
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    Eigen::VectorXd e = ltv::geometric_spectrum<double>(dist.d, 1, 10);
    e(*rc::gen::inRange(0, dist.d)) = -*rc::gen::inRange(1, 100) / 64.0;
    dist.cov = ltv::with_spectrum<double>(e, ltv::haar_orthogonal(dist.d, rng));
    RC_LOG() << "as tested: " << dist << "\n";
    try {
      dist.validate();
      RC_FAIL("validate accepted an indefinite cov");
    } catch (const std::invalid_argument& ex) {
      RC_ASSERT(std::string(ex.what()).find("positive definite") != std::string::npos);
    }
  });
  rc::prop("a negative or non-finite σ is rejected in every noise mode", [] {
    TaskDistribution dist = *arbitrary_task();
    const double bad = *bad_sigma();
    if (dist.noise.mode == NoiseMode::Categorical)
      dist.noise.levels[*rc::gen::inRange<std::size_t>(0, dist.noise.levels.size())] = bad;
    else
      dist.noise.sigma = bad;
    RC_LOG() << "as tested: " << dist << "\n";
    try {
      dist.validate();
      RC_FAIL("validate accepted σ = " + std::to_string(bad));
    } catch (const std::invalid_argument& e) {
      RC_ASSERT(std::string(e.what()).find("must be finite and >= 0") != std::string::npos);
    }
  });
}
