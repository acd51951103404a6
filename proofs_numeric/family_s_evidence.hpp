#pragma once
// Evidence for A23 Theorems 3 and 4 (shared): on a grid of (L, d) with a random non-isotropic Σ
// each, the best point of S = {A_l = a_l Σ⁻¹ (, B_l = b_l I)} by theory/stationary.hpp, the digits
// its scalars carry (against a run with 128 more bits), and the full gradient there. The
// statement holds on a case when the scalars carry >= 60 digits and the full gradient norm is
// <= 1e-40 (docs/catalogue.md).
// Negative controls: a point of S off the best one (every point), and two wrong families, minimised by the same search over the same scalars and
// measured by the same full gradient — {A_l = a_l Σ} (the wrong matrix) and S itself with
// w ~ N(0, I) (the wrong prior; the theorems need w ~ N(0, Σ⁻¹)). Their best points are stationary
// within their family but must not be stationary over the full matrices: the full gradient norm,
// relative to the loss scale, must be >= 1e-3 on every grid point (measured in double: S itself
// measures <= 7.4e-10 there, so the decision is six orders above double's rounding).
#include "ltv/expect/layer_polynomial.hpp"
#include "ltv/verify/obligation.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ltv::proofs {

struct FamilyGridPoint {
  int layers = 1;
  int d = 1;
  bool hessian = false;  ///< measure the full Hessian's spectrum too (costs (L d²)² Wick sums)
};

/// A point at the paper's own setting, checked with the Wishart engine (expect/wishart_engine.hpp,
/// any depth): the same rule (scalars to 60 digits, full gradient <= 1e-40), the Hessian over every
/// entry by its isotypic blocks (SPARSE: at every ordering of the a_l).
struct PaperPoint {
  int layers = 1, d = 1, n = 1;
  std::vector<double> eigenvalues;  ///< of Σ (rotated by a random U)
};

/// What a grid does not reach: a short label for the verdict's text ("L = 3") and why.
struct NotReached {
  std::string label, why;
};

/// Runs the check on every grid point and decides. The result's scope is the grid (the (L, d)
/// pairs, "L ≤ max, d ≤ max") with `not_reached` in its verdict text, and the paper's own setting
/// marked not reached (no grid point has the paper's n); the values repeat the checked scope
/// (`scope_checked`: the L's, d's and pairs, the largest of each) and `not_reached` with the reasons.
/// Paper points, when given, are checked too; the paper's setting is then marked reached. The
/// negative control "a point of S off the best one (a_0 × 1.1)" runs on every grid and paper point
/// through the same full gradient; the two wrong families (which are not on S, where the Wishart
/// engine works) on the grid points.
ObligationResult run_family_s(const Obligation& o, const RunOptions& options, LayerFamily family,
                              const std::vector<FamilyGridPoint>& grid, const std::vector<NotReached>& not_reached,
                              const std::vector<PaperPoint>& paper = {});

}  // namespace ltv::proofs
