#pragma once
// The task distribution of docs/conventions.md and its sampler: one in-context regression sequence is
//
//     w ~ N(0, I) or N(0, Σ_x^{-1}),   x_1..x_n, x_q i.i.d. covariates,
//     y_i = <w, x_i> + ξ_i,  ξ_i ~ N(0, σ²),   y_q = <w, x_q> (noiseless),
//
// with σ (a standard deviation) fixed, uniform on [0, σ_max) or drawn from a finite set, once per
// sequence. Sampling is in double with Boost.Random distributions, whose output is specified, so
// a seed fixes every number on every platform; the higher tiers convert the doubles exactly.
#include "ltv/core/random.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cstdint>
#include <iosfwd>
#include <vector>

namespace ltv {

/// How the noise level σ of a sequence is chosen.
enum class NoiseMode {
  Fixed,        ///< σ = NoiseSpec::sigma
  Uniform,      ///< σ ~ U[0, σ_max), σ_max = NoiseSpec::sigma (V24 Table 1)
  Categorical,  ///< σ uniform over NoiseSpec::levels (V24's {1,3}, {1,3,5})
};

/// The per-sequence noise level; every value is a standard deviation.
struct NoiseSpec {
  NoiseMode mode = NoiseMode::Fixed;
  double sigma = 0;            ///< Fixed: σ; Uniform: σ_max; unused for Categorical
  std::vector<double> levels;  ///< Categorical: the possible values of σ; unused otherwise

  /// Throws std::invalid_argument naming the problem (negative or non-finite σ, an empty set).
  void validate() const;
  /// Draws σ for one sequence. Fixed, and Uniform with σ_max = 0, consume no random numbers.
  double draw(Rng& rng) const;
};

/// The prior of the task vector w.
enum class TaskPrior {
  Identity,           ///< w ~ N(0, I)
  InverseCovariance,  ///< w ~ N(0, Σ_x^{-1}), so that <w, x> has unit variance (A23)
};

/// The law of a covariate x, with L the Cholesky factor of Σ_x (L Lᵀ = Σ_x) and g ~ N(0, I_d).
/// Sphere and Gamma scale a uniformly distributed direction; since g/|g| is rotation invariant,
/// L·g/|g| has the law of Σ_x^{1/2}·g/|g| for every square root.
enum class Covariates {
  Gaussian,  ///< x = L g ~ N(0, Σ_x)
  Sphere,    ///< x = L g/|g|: on the ellipsoid xᵀΣ_x^{-1}x = 1; Cov(x) = Σ_x/d (A24)
  Gamma,     ///< x = sqrt(r) L g/|g|, r ~ Gamma(shape 0.1, scale 10): heavy-tailed,
             ///< E r = 1, Cov(x) = Σ_x/d (A24)
};

/// The shape parameters of Gamma covariates (A24): E r = 1, Var r = 10.
inline constexpr double kGammaCovariateShape = 0.1;
inline constexpr double kGammaCovariateScale = 10.0;

/// Sizes beyond these are rejected as input errors rather than left to fail in an allocation.
inline constexpr int kMaxDimension = 10'000;
inline constexpr int kMaxContextLength = 100'000'000;
inline constexpr double kMaxSequenceEntries = 1e9;  ///< n·d, i.e. 8 GB for X alone

/// A distribution of in-context regression tasks (docs/conventions.md).
struct TaskDistribution {
  int d = 1;            ///< dimension of x
  int n = 1;            ///< context length (number of labelled tokens)
  Eigen::MatrixXd cov;  ///< Σ_x (d×d, symmetric positive definite); empty means I_d
  TaskPrior prior = TaskPrior::Identity;
  NoiseSpec noise;
  Covariates covariates = Covariates::Gaussian;

  /// Σ_x as a d×d matrix (the identity when `cov` is empty).
  Eigen::MatrixXd covariance() const;
  /// Throws std::invalid_argument with a message naming the problem: d < 1, n < 1, sizes beyond
  /// the limits above, a `cov` that is not d×d, has a non-finite entry, is not symmetric (beyond
  /// rounding, see task.cpp) or not numerically positive definite; a bad NoiseSpec.
  void validate() const;
};

/// A one-line description (d, n, Σ_x, prior, noise, covariates), for logs and for RapidCheck's
/// counterexamples.
std::ostream& operator<<(std::ostream& os, const TaskDistribution& dist);

/// One sampled sequence. The label of the query is the noiseless target.
struct Sequence {
  Eigen::MatrixXd X;   ///< n×d, row i is x_i
  Eigen::VectorXd y;   ///< n labels y_i = <w, x_i> + ξ_i
  Eigen::VectorXd xq;  ///< the query x_q
  double yq = 0;       ///< <w, x_q>
  Eigen::VectorXd w;   ///< the task vector
  double sigma = 0;    ///< the noise standard deviation drawn for this sequence
};

/// A validated task distribution with its Cholesky factor computed once.
///
/// The draws of one sequence come in a fixed order: σ, then w (d normals), then x_1..x_n, then
/// x_q (each: d normals, then for Gamma one gamma variate), then ξ_1..ξ_n (n normals).
class Sampler {
 public:
  /// Validates `dist` (throws std::invalid_argument) and factors Σ_x.
  explicit Sampler(TaskDistribution dist);

  const TaskDistribution& distribution() const { return dist_; }
  /// L with L Lᵀ = Σ_x (lower triangular).
  Eigen::MatrixXd cholesky_factor() const;

  /// Draws one sequence from `rng`.
  Sequence sample(Rng& rng) const;
  /// Sequence `index` of the batch seeded by `seed`: drawn from Rng(derive_seed(seed, index)),
  /// so any sequence of a batch can be regenerated alone.
  Sequence sample_at(std::uint64_t seed, std::uint64_t index) const;
  /// Sequences 0..count-1 of the batch seeded by `seed` (count >= 0).
  std::vector<Sequence> sample_batch(int count, std::uint64_t seed) const;

 private:
  Eigen::VectorXd covariate(Rng& rng) const;

  TaskDistribution dist_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
};

/// One sequence from `dist` (validates and factors Σ_x on every call; use a Sampler in loops).
Sequence sample_sequence(const TaskDistribution& dist, Rng& rng);

/// Sampler(dist).sample_batch(count, seed).
std::vector<Sequence> sample_batch(const TaskDistribution& dist, int count, std::uint64_t seed);

}  // namespace ltv
