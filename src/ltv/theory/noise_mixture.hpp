#pragma once
// V24 Theorem 5.2's construction (docs/catalogue.md, "V24.T5.2"): two DIAG layers, the first with
// only ω_yx, the second with only ω_yy (c = 1), whose prediction on a two-level noise mixture
// approaches the oracle ridge's as n grows when
//     (1 + s_j ω_yy) ω_yx = r_j,   j = 1, 2,
// with s_j = n σ_j² and r_j = -1/(1 + σ_j²) (the corrected sign; V24's proof prints +1/(1 + σ_j²)).
#include "ltv/model/parameters.hpp"

namespace ltv {

struct MixtureOmegas {
  double yx = 0, yy = 0;
};

/// Solves the two conditions: r_1 (1 + s_2 ω_yy) = r_2 (1 + s_1 ω_yy) gives ω_yy, then ω_yx.
/// Throws std::invalid_argument when they have no unique solution (r_1 s_2 = r_2 s_1).
MixtureOmegas solve_mixture_conditions(const double (&s)[2], const double (&r)[2]);

/// The corrected solution for levels σ₁, σ₂ and context length n:
/// ω_yx = -(1 + σ₁² + σ₂²) / ((1 + σ₁²)(1 + σ₂²)), ω_yy = -1 / (n (1 + σ₁² + σ₂²)).
MixtureOmegas noise_mixture_solution(double sigma1, double sigma2, int n);

/// The two-layer model in dimension d: layer 1 one head with p_y q_x = ω_yx only, layer 2 one head
/// with p_y q_y = ω_yy only; c = 1 (Norm::Sum).
Model<double> noise_mixture_model(int d, const MixtureOmegas& o);

}  // namespace ltv
