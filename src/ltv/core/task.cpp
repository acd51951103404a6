#include "ltv/core/task.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>
#include <iterator>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace ltv {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

[[noreturn]] void reject(const std::string& what) {
  throw std::invalid_argument("task distribution: " + what);
}

std::string str(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

/// The largest asymmetry |Σ_ij − Σ_ji| that rounding alone can produce when a symmetric Σ is
/// assembled in double, e.g. as U diag(λ) Uᵀ: each entry is a sum of d products, so its error is
/// at most d·ε·Σ_k |u_ik λ_k u_jk| <= d·ε·λ_max, and λ_max <= tr Σ <= d·max_i Σ_ii; two entries
/// differ by at most twice that.
double symmetry_tolerance(const Eigen::MatrixXd& cov) {
  const double d = static_cast<double>(cov.rows());
  return 2 * d * d * kEps * cov.diagonal().cwiseAbs().maxCoeff();
}

/// The smallest Cholesky pivot L_kk² that is distinguishable from 0: the computed factor is the
/// exact factor of Σ + E with |E_ij| <= (d+1)·ε·(|L||Lᵀ|)_ij <= (d+1)·ε·max_i Σ_ii (Higham,
/// Accuracy and Stability, Thm 10.3), so a smaller pivot may belong to a singular matrix.
double pivot_floor(const Eigen::MatrixXd& cov) {
  const double d = static_cast<double>(cov.rows());
  return (d + 1) * kEps * cov.diagonal().maxCoeff();
}

void validate_cov(const Eigen::MatrixXd& cov, int d) {
  if (cov.rows() != d || cov.cols() != d)
    reject("cov must be d×d = " + std::to_string(d) + "×" + std::to_string(d) + ", got " +
           std::to_string(cov.rows()) + "×" + std::to_string(cov.cols()));
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i)
      if (!std::isfinite(cov(i, j)))
        reject("cov has a non-finite entry " + str(cov(i, j)) + " at (" + std::to_string(i) + ", " +
               std::to_string(j) + ")");
  const double asymmetry = (cov - cov.transpose()).cwiseAbs().maxCoeff();
  if (asymmetry > symmetry_tolerance(cov))
    reject("cov is not symmetric: max |cov(i,j) - cov(j,i)| = " + str(asymmetry) +
           " exceeds the rounding bound " + str(symmetry_tolerance(cov)));
  const Eigen::LLT<Eigen::MatrixXd> llt(cov);
  const double floor = pivot_floor(cov);
  if (llt.info() != Eigen::Success) reject("cov is not positive definite (its Cholesky factorisation fails)");
  const Eigen::VectorXd pivots = llt.matrixLLT().diagonal().cwiseAbs2();
  Eigen::Index k = 0;
  if (pivots.minCoeff(&k) <= floor)
    reject("cov is not numerically positive definite: Cholesky pivot " + std::to_string(k) + " is " +
           str(pivots(k)) + ", below the rounding floor " + str(floor));
}

Eigen::VectorXd standard_normals(Eigen::Index count, Rng& rng) {
  boost::random::normal_distribution<double> normal;
  Eigen::VectorXd g(count);
  for (Eigen::Index i = 0; i < count; ++i) g(i) = normal(rng);
  return g;
}

}  // namespace

void NoiseSpec::validate() const {
  switch (mode) {
    case NoiseMode::Fixed:
    case NoiseMode::Uniform:
      if (!std::isfinite(sigma) || sigma < 0)
        reject(std::string(mode == NoiseMode::Fixed ? "noise sigma" : "noise sigma_max") +
               " must be finite and >= 0, got " + str(sigma));
      return;
    case NoiseMode::Categorical:
      if (levels.empty()) reject("categorical noise needs at least one level, got an empty set");
      for (std::size_t k = 0; k < levels.size(); ++k)
        if (!std::isfinite(levels[k]) || levels[k] < 0)
          reject("categorical noise level " + std::to_string(k) + " must be finite and >= 0, got " +
                 str(levels[k]));
      return;
  }
  reject("unknown noise mode " + std::to_string(static_cast<int>(mode)));
}

double NoiseSpec::draw(Rng& rng) const {
  switch (mode) {
    case NoiseMode::Fixed:
      return sigma;
    case NoiseMode::Uniform:
      // Boost's uniform_real_distribution loops forever on an empty range [0, 0).
      if (sigma == 0) return 0;
      return boost::random::uniform_real_distribution<double>(0, sigma)(rng);
    case NoiseMode::Categorical:
      return levels[boost::random::uniform_int_distribution<std::size_t>(0, levels.size() - 1)(rng)];
  }
  reject("unknown noise mode " + std::to_string(static_cast<int>(mode)));
}

Eigen::MatrixXd TaskDistribution::covariance() const {
  return cov.size() == 0 ? Eigen::MatrixXd::Identity(d, d) : cov;
}

void TaskDistribution::validate() const {
  if (d < 1) reject("d must be >= 1, got " + std::to_string(d));
  if (n < 1) reject("n must be >= 1, got " + std::to_string(n));
  if (d > kMaxDimension)
    reject("d = " + std::to_string(d) + " exceeds the limit " + std::to_string(kMaxDimension));
  if (n > kMaxContextLength)
    reject("n = " + std::to_string(n) + " exceeds the limit " + std::to_string(kMaxContextLength));
  if (static_cast<double>(n) * d > kMaxSequenceEntries)
    reject("n·d = " + str(static_cast<double>(n) * d) + " exceeds the limit " + str(kMaxSequenceEntries) +
           " entries per sequence");
  if (cov.size() != 0) validate_cov(cov, d);
  switch (prior) {
    case TaskPrior::Identity:
    case TaskPrior::InverseCovariance:
      break;
    default:
      reject("unknown task prior " + std::to_string(static_cast<int>(prior)));
  }
  switch (covariates) {
    case Covariates::Gaussian:
    case Covariates::Sphere:
    case Covariates::Gamma:
      break;
    default:
      reject("unknown covariates " + std::to_string(static_cast<int>(covariates)));
  }
  noise.validate();
}

std::ostream& operator<<(std::ostream& os, const TaskDistribution& dist) {
  constexpr const char* priors[] = {"N(0,I)", "N(0,cov^-1)"};
  constexpr const char* modes[] = {"fixed", "uniform", "categorical"};
  constexpr const char* covariates[] = {"gaussian", "sphere", "gamma"};
  const auto put = [&os](const auto& names, auto value) {
    const auto k = static_cast<std::size_t>(value);
    if (k < std::size(names))
      os << names[k];
    else
      os << '?' << k;
  };
  const Eigen::IOFormat one_line(Eigen::FullPrecision, Eigen::DontAlignCols, " ", "; ", "", "", "[", "]");
  os << "{d=" << dist.d << " n=" << dist.n << " cov=";
  if (dist.cov.size() == 0)
    os << "I";
  else
    os << dist.cov.format(one_line);
  os << " w~";
  put(priors, dist.prior);
  os << " x~";
  put(covariates, dist.covariates);
  os << " noise=";
  put(modes, dist.noise.mode);
  if (dist.noise.mode == NoiseMode::Categorical) {
    os << "{";
    for (std::size_t k = 0; k < dist.noise.levels.size(); ++k)
      os << (k ? "," : "") << str(dist.noise.levels[k]);
    os << "}";
  } else {
    os << "(" << str(dist.noise.sigma) << ")";
  }
  return os << "}";
}

Sampler::Sampler(TaskDistribution dist) : dist_(std::move(dist)) {
  dist_.validate();
  llt_.compute(dist_.covariance());
}

Eigen::MatrixXd Sampler::cholesky_factor() const { return llt_.matrixL(); }

Eigen::VectorXd Sampler::covariate(Rng& rng) const {
  Eigen::VectorXd g = standard_normals(dist_.d, rng);
  if (dist_.covariates != Covariates::Gaussian) {
    // g = 0 has probability 0 but is not impossible in floating point; it has no direction.
    while (g.norm() == 0) g = standard_normals(dist_.d, rng);
    g /= g.norm();
    if (dist_.covariates == Covariates::Gamma)
      g *= std::sqrt(
          boost::random::gamma_distribution<double>(kGammaCovariateShape, kGammaCovariateScale)(rng));
  }
  return llt_.matrixL() * g;
}

Sequence Sampler::sample(Rng& rng) const {
  Sequence s;
  s.sigma = dist_.noise.draw(rng);
  const Eigen::VectorXd z = standard_normals(dist_.d, rng);
  // With Σ_x = L Lᵀ, w = L^{-T} z has covariance L^{-T} L^{-1} = Σ_x^{-1}.
  s.w = dist_.prior == TaskPrior::Identity ? z : Eigen::VectorXd(llt_.matrixU().solve(z));
  s.X.resize(dist_.n, dist_.d);
  for (int i = 0; i < dist_.n; ++i) s.X.row(i) = covariate(rng).transpose();
  s.xq = covariate(rng);
  s.yq = s.w.dot(s.xq);
  s.y = s.X * s.w + s.sigma * standard_normals(dist_.n, rng);
  return s;
}

Sequence Sampler::sample_at(std::uint64_t seed, std::uint64_t index) const {
  Rng rng(derive_seed(seed, index));
  return sample(rng);
}

std::vector<Sequence> Sampler::sample_batch(int count, std::uint64_t seed) const {
  if (count < 0) reject("batch count must be >= 0, got " + std::to_string(count));
  std::vector<Sequence> batch;
  batch.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) batch.push_back(sample_at(seed, static_cast<std::uint64_t>(i)));
  return batch;
}

Sequence sample_sequence(const TaskDistribution& dist, Rng& rng) { return Sampler(dist).sample(rng); }

std::vector<Sequence> sample_batch(const TaskDistribution& dist, int count, std::uint64_t seed) {
  return Sampler(dist).sample_batch(count, seed);
}

}  // namespace ltv
