#pragma once
// The baselines of V24's Table 1 and docs/training.md, as predictors of the query label from one sequence's
// context (double precision; plain-sum statistics Σ = XᵀX, α = Xᵀy):
//   OLS          w* = Σ⁺α (least norm when n < d)
//   oracle ridge (Σ + σ²I)⁻¹α with the sequence's true σ (the Bayes predictor for w ~ N(0, I))
//   ConstRR      (Σ + ρI)⁻¹α with one ρ for the whole task distribution, tuned
//   AdaRR        (Σ + σ̂²I)⁻¹α, σ̂² = |y − Xw*|² / (n − d) from OLS (n > d)
//   TunedRR      (Σ + min(m σ̂², τ) I)⁻¹α, multiplier m and threshold τ tuned
//   GD(k)        k steps of θ ← θ − η ∇R(θ), R = (1/2n)|y − Xθ|², θ₀ = 0, η tuned
//   PGD(k)       the same with the step η Σ_x⁻¹ (the population covariance), η tuned
// Tuning happens on sequences drawn with a seed disjoint from the evaluation set's, by grid search
// on a log grid (then a finer grid around the best point), minimising the mean squared error.
#include "ltv/core/task.hpp"

#include <limits>
#include <string>
#include <vector>

namespace ltv {

/// A ridge-like predictor's free constants.
struct RidgeTuning {
  double rho = 0;         ///< ConstRR
  double multiplier = 1;  ///< TunedRR
  double threshold = 0;   ///< TunedRR (+inf: none)
};

struct GdTuning {
  int steps = 1;
  double eta = 0;
};

/// Predictions of one family of baselines on a list of sequences.
std::vector<double> ols_predictions(const std::vector<Sequence>& s);
std::vector<double> oracle_ridge_predictions(const std::vector<Sequence>& s);
std::vector<double> const_ridge_predictions(const std::vector<Sequence>& s, double rho);
std::vector<double> ada_ridge_predictions(const std::vector<Sequence>& s, double multiplier = 1,
                                          double threshold = std::numeric_limits<double>::infinity());
std::vector<double> gd_predictions(const std::vector<Sequence>& s, int steps, double eta,
                                   const Eigen::MatrixXd& preconditioner);

/// Mean of (prediction − y_q)².
double mean_squared_error(const std::vector<Sequence>& s, const std::vector<double>& predictions);

/// The tuned constants, by grid search on `tuning` sequences.
double tune_const_ridge(const std::vector<Sequence>& tuning);
RidgeTuning tune_ada_ridge(const std::vector<Sequence>& tuning);
double tune_gd_step(const std::vector<Sequence>& tuning, int steps, const Eigen::MatrixXd& preconditioner);

/// One evaluated baseline: its name, constants and per-sequence predictions.
struct BaselineResult {
  std::string name;
  std::string constants;  ///< e.g. "rho = 0.41"
  std::vector<double> predictions;
};

/// Every baseline of docs/training.md on `eval`, tuned on `tuning`; GD and PGD with k = 1..gd_steps.
/// AdaRR and TunedRR need n > d (skipped otherwise); PGD needs the task's Σ_x.
std::vector<BaselineResult> evaluate_baselines(const TaskDistribution& task,
                                               const std::vector<Sequence>& tuning,
                                               const std::vector<Sequence>& eval, int gd_steps);

}  // namespace ltv
