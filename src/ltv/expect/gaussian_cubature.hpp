#pragma once
// An exact rational cubature for Gaussian expectations of low-degree polynomials.
//
// For z ~ N(0, I_d) and any polynomial f of total degree <= 5,
//     E f(z) = Σ_k weight_k f(node_k)
// exactly, with the 2d² + 2d + 1 rational nodes and weights
//     0                       weight 1 - d + d²/2
//     ±e_i                    weight 2/3 - d/2
//     ±2 e_i                  weight 1/12
//     ±e_i ± e_j  (i < j)     weight 1/4.
// Derivation: the rule is symmetric under every sign flip, so every monomial with an odd exponent
// integrates to 0 on both sides (this covers all of degree 1, 3, 5); the remaining monomials of
// degree <= 4 are 1, z_i², z_i⁴, z_i² z_j², whose moments 1, 1, 3, 1 give four linear conditions
// A + 2dB₁ + 2dB₂ + 2d(d-1)C = 1, 2B₁ + 8B₂ + 4(d-1)C = 1, 2B₁ + 32B₂ + 4(d-1)C = 3, 4C = 1 on the
// weights, solved above. Weights can be negative; the identity is exact all the same, and over the
// rationals the result is the exact expectation. (For d = 1 it is the 5-point rule
// {0, ±1, ±2} with weights {1/2, 1/6, 1/12}.)
#include "ltv/scalar/eigen_glue.hpp"

#include <vector>

namespace ltv {

template <class T>
struct CubatureRule {
  std::vector<Vec<T>> nodes;
  std::vector<T> weights;
};

/// The rule above in dimension d >= 1.
template <class T>
CubatureRule<T> gaussian_degree5_rule(int d);

#define LTV_GAUSSIAN_CUBATURE_INSTANCES(PREFIX, T) \
  PREFIX template CubatureRule<T> gaussian_degree5_rule<T>(int);
#define LTV_GAUSSIAN_CUBATURE_INSTANCES_EXTERN(T) LTV_GAUSSIAN_CUBATURE_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_GAUSSIAN_CUBATURE_INSTANCES_EXTERN)

}  // namespace ltv

// Definitions: gaussian_cubature_impl.hpp, compiled once per tier in expect/tier_*.cpp.
