// Golden values of ltv's random streams (src/ltv/core/random.hpp, src/ltv/core/task.hpp).
//
// Every seed of ltv is meant to fix every number on every platform. That rests on three things
// this file pins with literals written out once (hex floats: exact): the engine (std::mt19937_64,
// whose stream the C++ standard specifies), the seed mixing (derive_seed, stable_hash), and
// Boost.Random's distributions (their algorithms are Boost's own; the standard's distributions are
// implementation-defined and banned by tests/lint/no_std_distributions.cmake). A standard library,
// Boost version or libm that changed a stream fails here, naming the first value that moved.
//
// The draws themselves are compared exactly. The Sampler's outputs that go through arithmetic
// (L·g with a non-identity Cholesky factor, Xw + σξ, <w, x_q>) are compared to a few roundings:
// Eigen's products use FMA instructions when the build targets a CPU that has them (LTV_NATIVE),
// which moves the last bit; a changed stream moves the first.
#include "ltv/core/task.hpp"
#include "ltv/verify/property.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <sstream>
#include <vector>

namespace {

using ltv::Rng;

std::string hex(double x) {
  std::ostringstream os;
  os << std::hexfloat << x;
  return os.str();
}

/// `count` draws of `dist` from Rng(seed).
template <class Dist>
std::vector<typename Dist::result_type> draws(Dist dist, std::uint64_t seed, int count) {
  Rng rng(seed);
  std::vector<typename Dist::result_type> out;
  for (int i = 0; i < count; ++i) out.push_back(dist(rng));
  return out;
}

void check_exact(const std::vector<double>& got, const std::vector<double>& golden) {
  REQUIRE(got.size() == golden.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("draw " << i << ": got " << hex(got[i]) << ", golden " << hex(golden[i]));
    CHECK(got[i] == golden[i]);
  }
}

void check_exact(const Eigen::MatrixXd& got, const Eigen::MatrixXd& golden) {
  REQUIRE(got.rows() == golden.rows());
  REQUIRE(got.cols() == golden.cols());
  for (Eigen::Index i = 0; i < got.rows(); ++i)
    for (Eigen::Index j = 0; j < got.cols(); ++j) {
      INFO("entry (" << i << ", " << j << "): got " << hex(got(i, j)) << ", golden " << hex(golden(i, j)));
      CHECK(got(i, j) == golden(i, j));
    }
}

/// A value computed from exact draws by at most kRoundings roundings of terms of size <= `scale`
/// (Cholesky factor, products, a d-term sum, one multiply-add; FMA or not).
constexpr double kRoundings = 16;

void check_rounded(const Eigen::MatrixXd& got, const Eigen::MatrixXd& golden, double scale) {
  REQUIRE(got.rows() == golden.rows());
  REQUIRE(got.cols() == golden.cols());
  const double bound = kRoundings * std::numeric_limits<double>::epsilon() * scale;
  for (Eigen::Index i = 0; i < got.rows(); ++i)
    for (Eigen::Index j = 0; j < got.cols(); ++j) {
      INFO("entry (" << i << ", " << j << "): got " << hex(got(i, j)) << ", golden " << hex(golden(i, j)));
      CHECK(std::abs(got(i, j) - golden(i, j)) <= bound);
    }
}

Eigen::MatrixXd matrix(int rows, int cols, std::initializer_list<double> row_major) {
  Eigen::MatrixXd m(rows, cols);
  auto it = row_major.begin();
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = *it++;
  return m;
}

}  // namespace

TEST_CASE("golden: the engine's stream (std::mt19937_64, specified by the standard)") {
  Rng rng(1);
  CHECK(rng() == 2469588189546311528ULL);
  CHECK(rng() == 2516265689700432462ULL);
  CHECK(rng() == 8323445853463659930ULL);
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64.
  Rng standard;
  standard.discard(9999);
  CHECK(standard() == 9981545732273789042ULL);
}

TEST_CASE("golden: seed mixing (derive_seed: splitmix64, stable_hash: FNV-1a)") {
  CHECK(ltv::derive_seed(1, 0) == 10451216379200822465ULL);
  CHECK(ltv::derive_seed(1, 1) == 13757245211066428519ULL);
  CHECK(ltv::derive_seed(20261125, 7) == 9002933300785920624ULL);
  CHECK(ltv::stable_hash("") == 14695981039346656037ULL);  // the FNV-1a offset basis
  CHECK(ltv::stable_hash("EXP.MC") == 16586478981715160266ULL);
  CHECK(ltv::property_seed(1, "EXP.MC", "monte carlo") ==
        ltv::derive_seed(1, ltv::stable_hash("EXP.MC/monte carlo")));
}

TEST_CASE("golden: Boost.Random's distributions as ltv uses them") {
  SECTION("normal (Sampler, spectra, proofs)") {
    check_exact(draws(boost::random::normal_distribution<double>(), ltv::derive_seed(1, 0), 6),
                {0x1.ec325ad546a86p-1, -0x1.e080b6bbfcec1p+0, -0x1.b0a309dfa8f5ep-1, -0x1.131f0429e1095p+0,
                 -0x1.b3bb80fb4fc4ap-3, 0x1.af83789f5426ap-3});
  }
  SECTION("uniform_int (dyadic inputs, categorical noise)") {
    CHECK(draws(boost::random::uniform_int_distribution<int>(-8, 8), ltv::derive_seed(1, 1), 8) ==
          std::vector<int>{6, 3, 2, -5, 7, 3, -4, -7});
    CHECK(draws(boost::random::uniform_int_distribution<std::size_t>(0, 2), ltv::derive_seed(1, 2), 8) ==
          std::vector<std::size_t>{0, 2, 2, 2, 1, 1, 2, 0});
  }
  SECTION("uniform_real (uniform noise, spectra)") {
    check_exact(draws(boost::random::uniform_real_distribution<double>(0, 1), ltv::derive_seed(1, 3), 4),
                {0x1.88271d14da12bp-2, 0x1.6b1a5ccb88485p-2, 0x1.bf28e1023c4bap-1, 0x1.db6f5bd1b6bd7p-3});
  }
  SECTION("gamma (A24's heavy-tailed covariates: shape 0.1, scale 10)") {
    check_exact(draws(boost::random::gamma_distribution<double>(ltv::kGammaCovariateShape, ltv::kGammaCovariateScale),
                      ltv::derive_seed(1, 4), 4),
                {0x1.d9aab3dc9fd05p-12, 0x1.42c41e5121f8p-1, 0x1.c0a4b04b1c54ep-17, 0x1.8538f59f551bdp-19});
  }
}

TEST_CASE("golden: a Sampler batch (Gaussian covariates, Σ = I, uniform noise)") {
  ltv::TaskDistribution task;
  task.d = 2;
  task.n = 3;
  task.noise = {ltv::NoiseMode::Uniform, 1.0, {}};
  const auto batch = ltv::Sampler(task).sample_batch(2, 7);
  REQUIRE(batch.size() == 2);
  // With Σ = I the covariates and w are the normal draws themselves (L = I, prior N(0, I)) and σ is
  // the uniform draw: exact. y and y_q are sums of products: to a few roundings.
  const auto& a = batch[0];
  check_exact(a.X, matrix(3, 2,
                          {-0x1.09c52b9e30b82p-1, -0x1.14e132e2f0ba6p-2, 0x1.b6d1b78612348p-1, -0x1.fd2e038f6f5f2p-2,
                           0x1.9f3e3bd9b21bfp-1, -0x1.7c554b3b9f1dap-2}));
  check_exact(a.xq, matrix(2, 1, {-0x1.444b4657b52a2p-3, -0x1.fe710d9c9cd02p-2}));
  check_exact(a.w, matrix(2, 1, {-0x1.a3f0dc69d2d25p-1, 0x1.4881dbcdf4778p-2}));
  CHECK(a.sigma == 0x1.af2eea21b12ddp-1);
  check_rounded(a.y, matrix(3, 1, {-0x1.1c878fb41aa88p-3, -0x1.953e1e98b8a6cp-1, -0x1.39d7008247f1p+0}), 4);
  check_rounded(matrix(1, 1, {a.yq}), matrix(1, 1, {-0x1.ec2dd30e954ep-6}), 1);
  const auto& b = batch[1];
  check_exact(b.X, matrix(3, 2,
                          {0x1.a434beaca4142p-1, -0x1.9e9b3968f70f2p-2, 0x1.78c2c514ac07fp-2, -0x1.bd291ef3ddc67p+0,
                           -0x1.87f56b5ebdfa7p-2, -0x1.0d263c62634c2p+1}));
  check_exact(b.w, matrix(2, 1, {-0x1.061e3ad588cc8p+0, -0x1.9f7e88031b398p-5}));
  CHECK(b.sigma == 0x1.a78e844b8d3fbp-1);
  check_rounded(b.y, matrix(3, 1, {-0x1.2a6d4386372f6p+0, -0x1.a4a7973cb8a26p-2, -0x1.0c39bf5e72146p-1}), 4);
}

TEST_CASE("golden: a Sampler batch (Gamma covariates, Σ ≠ I, w ~ N(0, Σ⁻¹), categorical noise)") {
  ltv::TaskDistribution task;
  task.d = 2;
  task.n = 2;
  task.cov = matrix(2, 2, {2, 0.5, 0.5, 1});
  task.prior = ltv::TaskPrior::InverseCovariance;
  task.covariates = ltv::Covariates::Gamma;
  task.noise = {ltv::NoiseMode::Categorical, 0, {0.5, 1, 2}};
  const auto batch = ltv::Sampler(task).sample_batch(1, 7);
  REQUIRE(batch.size() == 1);
  const auto& s = batch[0];
  CHECK(s.sigma == 2);  // the third level: the uniform_int draw
  check_rounded(s.X, matrix(2, 2, {-0x1.7747769526feep-1, -0x1.be3d4b7989788p-2, 0x1.ef44446dc8687p-2, -0x1.a35013e0b1258p-6}), 1);
  check_rounded(s.xq, matrix(2, 1, {-0x1.acc8f5a80b581p-14, -0x1.0443c467679e4p-16}), 0x1p-13);
  check_rounded(s.w, matrix(2, 1, {-0x1.54d7771cd4eaep-1, 0x1.5f30647d68f38p-2}), 1);
  check_rounded(s.y, matrix(2, 1, {0x1.f80dc80226bcep+0, -0x1.09f42b9b1c3bep-2}), 4);
  check_rounded(matrix(1, 1, {s.yq}), matrix(1, 1, {0x1.0721437310cfap-14}), 0x1p-13);
}
