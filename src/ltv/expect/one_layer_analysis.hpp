#pragma once
// `ltv theory one-layer`: the A23 Theorem 1 optimum for a given spectrum, analysed at high
// precision — the exact loss there, the gradient norm, and the Hessian's spectrum against the
// symmetry orbit. Σ = U diag(e) Uᵀ with U a random orthogonal matrix from the seed; nothing
// reported depends on U (tests/expect/one_layer_analysis_test.cpp).
#include "ltv/expect/hessian_spectrum.hpp"

#include <cstdint>

namespace ltv {

struct OneLayerTheory {
  Mat<Mpfr> cov;   ///< Σ
  Mat<Mpfr> P, Q;  ///< the optimum (with label noise: the tr Σ + σ² extension)
  Mpfr loss;       ///< the exact population loss at (P, Q)
  Mpfr grad_norm;  ///< Frobenius norm of the gradient over all 2(d+1)² entries
  HessianSpectrum hessian;
  int orbit_dimension;  ///< (d+1)² ignored coordinates + 1 scaling direction
};

/// Throws std::invalid_argument on n < 1, an empty spectrum, a non-positive eigenvalue or a
/// negative noise variance.
OneLayerTheory analyse_one_layer(const Vec<Mpfr>& eigenvalues, int n, const Mpfr& noise_var,
                                 std::uint64_t seed);

}  // namespace ltv
