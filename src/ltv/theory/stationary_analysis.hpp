#pragma once
// `ltv theory stationary`: A23 Theorems 3–4 for a given spectrum, at high precision — the best
// point of the family S (stationary.hpp), the exact loss there, the norm of the full gradient over
// every matrix entry, and the spectrum of the full Hessian (local minimum or saddle?).
// Σ = U diag(e) Uᵀ with U a random orthogonal matrix from the seed and w ~ N(0, Σ⁻¹); nothing
// reported depends on U (tests/theory/stationary_test.cpp).
#include "ltv/expect/hessian_spectrum.hpp"
#include "ltv/theory/stationary.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ltv {

struct StationaryTheory {
  Mat<Mpfr> cov;
  FamilyOptimum<Mpfr> optimum;
  int parameters = 0;                      ///< L·d² (SPARSE) or 2L·d² (RELAXED) matrix entries
  std::optional<HessianSpectrum> hessian;  ///< when requested
};

/// Throws std::invalid_argument on bad sizes (layers < 1, n < 1, an empty or non-positive
/// spectrum) and when the family needs more copies of S than the engine supports. `progress`
/// receives one line before each long step.
StationaryTheory analyse_stationary(LayerFamily family, int layers, const Vec<Mpfr>& eigenvalues, int n,
                                    std::uint64_t seed, bool with_hessian,
                                    const std::function<void(const std::string&)>& progress = {});

}  // namespace ltv
