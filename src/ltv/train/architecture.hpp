#pragma once
// A trainable model: a parameter family (docs/conventions.md), its sizes, and a flat parameter vector θ that
// the family maps to full per-head (P, Q). The optimizer sees θ only; the forward pass sees (P, Q)
// only; `pull_back` carries a gradient with respect to (P, Q) back to θ (the adjoint of the
// linear map θ -> (P, Q)).
//
// Layout of θ: layer by layer, head by head; per head
//   FULL     P, Q column-major                 2(d+1)²
//   DIAG     p_x, p_y, q_x, q_y                 4
//   GDPP     p_x, p_y, q_x   (q_y = 0)           3
//   SPARSE   A column-major  (P = diag(0, 1), Q = −diag(A, 0))   d²
//   RELAXED  A, B column-major (P = diag(B, 1), Q = diag(A, 0))  2d²
#include "ltv/model/parameters.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ltv {

enum class Family { Full, Diag, Gdpp, Sparse, Relaxed };

std::string_view family_label(Family f);  ///< "FULL", "DIAG", "GDPP", "SPARSE", "RELAXED"
std::optional<Family> parse_family_label(std::string_view s);  ///< case-insensitive; "GD++" too

struct Architecture {
  Family family = Family::Full;
  int d = 1;       ///< covariate dimension
  int layers = 1;  ///< L
  int heads = 1;   ///< H
  Norm norm = Norm::Sum;

  /// Throws std::invalid_argument naming the problem (sizes < 1 or absurd).
  void validate() const;
  int parameters_per_head() const;
  int parameter_count() const { return parameters_per_head() * heads * layers; }
  /// The sizes of one head's matrices in θ, in order (they tile parameters_per_head): FULL P, Q;
  /// DIAG (p_x, p_y), (q_x, q_y); GDPP (p_x, p_y), q_x; SPARSE A; RELAXED A, B.
  std::vector<int> matrix_sizes() const;
};

/// The gradient of a scalar with respect to every (P_h, Q_h): grad[l][h] = {dP, dQ}.
using HeadGradients = std::vector<std::vector<Head<double>>>;

/// The model of θ. Throws std::invalid_argument if θ has the wrong size.
Model<double> to_model(const Architecture& a, const Eigen::VectorXd& theta);

/// The gradient with respect to θ of a function whose gradient with respect to (P, Q) is `g`.
Eigen::VectorXd pull_back(const Architecture& a, const HeadGradients& g);

/// Zero (P, Q) gradients shaped like the architecture's model.
HeadGradients zero_head_gradients(const Architecture& a);

/// Independent N(0, scale²) entries for every parameter (drawn in θ order from `seed`).
Eigen::VectorXd initial_parameters(const Architecture& a, double scale, std::uint64_t seed);

}  // namespace ltv
