#pragma once
// The V24 mechanism experiment's plan (docs/experiments.md, "V24"): models trained in V24's setting
// (v24_setting.hpp), looked at the ways the paper's figures look at them, and the claims of its
// Table 1 and Figs. 2-5 and 7 decided from paired per-sequence differences; and two-layer DIAG
// models trained on a two-level noise mixture as n grows, against Theorem 5.2's construction.
//
// Jobs:
//   model/<column>/<family>/L<l>  trains one model (best of the seeds), then on the column's shared
//                                 evaluation and profile sequences: per-sequence squared errors of
//                                 the final readout, the readout after every layer, per-noise
//                                 profiles per layer, the weights' diagonal share, the per-layer ω
//                                 (DIAG, GD++) — and all of it again for the model at θ⁰ (controls).
//   baselines/<column>            the oracle ridge, ConstRR, AdaRR, TunedRR on the same sequences.
//   mixture/<family>/n<n>         a two-layer DIAG (or GD++, the control) trained on x ~ N(0, I/n),
//                                 σ uniform over two levels; its distance to the oracle ridge per
//                                 level, its ω, and the same for Theorem 5.2's construction.
#include "ltv/experiments/v24_setting.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ltv {

enum class V24Study { Mechanisms, Mixture };

/// Models of some families trained with `layers` layers on a noise column.
struct V24Models {
  std::string column;
  int layers = 3;
  std::vector<Family> families;
};

/// A claim comparing two predictors on a column's evaluation sequences, from the paired
/// per-sequence differences of their squared errors, e = (ŷ_a − y_q)² − (ŷ_b − y_q)²:
///   Lower:   a is better than b (the mean of e is below 0);
///   Matches: a matches b: the mean of e lies within ±margin × b's adjusted loss.
/// Predictors: a trained family "GD++", "DIAG", "FULL" (at `layers`), the same at its initial
/// parameters ("initial FULL", ...), or a baseline "ConstRR", "AdaRR", "TunedRR".
/// `sigmas` empty: the column's own evaluation sequences; otherwise the profile sequences at those
/// noise levels, pooled.
struct V24Comparison {
  enum class Kind { Lower, Matches };
  std::string id;
  std::string claim;  ///< what the paper says, and where
  std::string column;
  int layers = 3;
  Kind kind = Kind::Lower;
  std::string a, b;
  std::string control_a;  ///< the control replaces a by this predictor, same rule
  double margin = 0.2;
  std::vector<double> sigmas;
};

struct V24Mixture {
  int d = 5;
  std::vector<int> n_values;
  double sigma1 = 1, sigma2 = 3;
  V24Budget budget;
  int eval_sequences = 4000;
};

struct V24Plan {
  std::string preset;
  V24Budget budget;  ///< of the mechanism models
  std::vector<V24Models> models;
  std::vector<V24Comparison> comparisons;
  V24Mixture mixture;  ///< n_values empty: no mixture study
  int eval_sequences = 10000;
  int tuning_sequences = 4000;
  int profile_sequences = 1000;  ///< per noise level of a profile
  double profile_step = 0.5;     ///< the profile's σ grid: 0, step, ..., σ_max + 1 (categorical: 0 .. 6, V24 Fig. 3)
  std::string readout_column = "5";    ///< the models whose per-layer readouts are decided (V24 Figs. 5, 7: U(0, 5))
  std::string weights_column = "{1,3}";  ///< the FULL models whose weights are decided (V24 Fig. 4)
  std::uint64_t seed = 1;

  /// Throws std::invalid_argument naming the problem (a comparison without its models, sizes).
  void validate() const;
  /// The σ grid of a column's profiles.
  std::vector<double> profile_sigmas(const std::string& column) const;
};

/// "quick" (about 15 minutes on 2 cores), "ci" (seconds: the pipeline, not the claims) and
/// "paper" (V24's budget: 200 000 steps, best of 5 seeds, 100 000 evaluation sequences; for MPI).
V24Plan v24_preset(const std::string& name);
V24Plan restrict_to(V24Plan plan, const std::vector<V24Study>& studies);
std::string_view study_label(V24Study s);  ///< "mechanisms", "mixture"
nlohmann::json to_json(const V24Plan& plan);

struct V24Job {
  enum class Kind { Model, Baselines, Mixture } kind = Kind::Model;
  std::string column;  ///< Model, Baselines
  Family family = Family::Full;
  int layers = 0;  ///< Model
  int n = 0;       ///< Mixture
  std::string key() const;
};

/// Every job of the plan, the costliest first.
std::vector<V24Job> v24_jobs(const V24Plan& plan);

/// The label a comparison uses for a trained family ("GD++", "DIAG", "FULL").
std::string v24_family_name(Family f);

}  // namespace ltv
