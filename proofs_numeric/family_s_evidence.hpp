#pragma once
// Evidence for A23 Theorems 3 and 4 (shared): on a grid of (L, d) with a random non-isotropic Σ
// each, the best point of S = {A_l = a_l Σ⁻¹ (, B_l = b_l I)} by theory/stationary.hpp, the digits
// its scalars carry (against a run with 128 more bits), and the full gradient there. The
// statement holds on a case when the scalars carry >= 60 digits and the full gradient norm is
// <= 1e-40 (SPEC §3); the negative controls are the same gradient at a ≠ a* and at a* Σ⁻¹ plus a
// matrix that does not commute with Σ, which must not vanish.
#include "ltv/expect/layer_polynomial.hpp"
#include "ltv/verify/obligation.hpp"

#include <cstdint>
#include <vector>

namespace ltv::proofs {

struct FamilyGridPoint {
  int layers = 1;
  int d = 1;
  bool hessian = false;  ///< measure the full Hessian's spectrum too (costs (L d²)² Wick sums)
};

/// Runs the check on every grid point and decides; `not_reached` names what the engine cannot
/// evaluate (recorded in the values, not silently skipped).
ObligationResult run_family_s(const Obligation& o, const RunOptions& options, LayerFamily family,
                              const std::vector<FamilyGridPoint>& grid, const std::string& not_reached);

}  // namespace ltv::proofs
