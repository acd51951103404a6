#pragma once
// `ltv theory stationary`: A23 Theorems 3–4 for a given spectrum, at high precision — the best
// point of the family S, the exact loss there, the norm of the full gradient over every matrix
// entry, and the spectrum of the full Hessian (local minimum or saddle?).
// Σ = U diag(e) Uᵀ with U a random orthogonal matrix from the seed and w ~ N(0, Σ⁻¹); nothing
// reported depends on U (tests/theory/stationary_test.cpp).
//
// Two engines compute the same numbers (docs/wishart_engine.md): the matching engine (Wick's
// theorem on words, theory/stationary.hpp; up to 8 copies of S: SPARSE L <= 4, RELAXED L <= 2)
// and the Wishart engine (expect/wishart_engine.hpp; any depth, the Hessian by its O(d)-isotypic
// blocks). The Wishart engine is the default.
#include "ltv/expect/hessian_spectrum.hpp"
#include "ltv/theory/stationary.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ltv {

enum class StationaryEngine { Wishart, Matching };

/// "wishart" / "matching".
std::string engine_name(StationaryEngine engine);

/// The inertia of the Hessian on one O(d)-isotypic component of d×d matrices, in whitened
/// coordinates (the Wishart engine): the component's P×P block, repeated `multiplicity` times.
struct IsotypicInertia {
  std::string component;  ///< "multiples of I", "symmetric traceless", "antisymmetric"
  int multiplicity = 0;
  BlockInertia inertia;    ///< of one copy of the block
};

struct StationaryTheory {
  StationaryEngine engine = StationaryEngine::Wishart;
  Mat<Mpfr> cov;
  FamilyOptimum<Mpfr> optimum;
  int parameters = 0;                      ///< L·d² (SPARSE) or 2L·d² (RELAXED) matrix entries
  std::string global;                      ///< how the minimum over S is established
  int starts = 0;                          ///< local searches run (Wishart engine)
  std::optional<HessianSpectrum> hessian;  ///< when requested, over every original matrix entry
  std::vector<IsotypicInertia> isotypic;   ///< the Wishart engine's whitened blocks (with the Hessian)
  /// SPARSE, Wishart engine, with the Hessian: the loss on S does not see the order of the layers
  /// (A23.L4), so every ordering of the a_l is a global minimum over S; the full Hessian does see it.
  int orderings = 0;               ///< distinct orderings of the a_l
  int orderings_local_minima = 0;  ///< of them, how many have no negative Hessian eigenvalue
  Mpfr lowest_over_orderings;      ///< the smallest Hessian eigenvalue over all orderings
};

/// Throws std::invalid_argument on bad sizes (layers < 1, n < 1, an empty or non-positive
/// spectrum) and when the matching engine is asked for more copies of S than it supports.
/// `progress` receives one line before each long step.
StationaryTheory analyse_stationary(LayerFamily family, int layers, const Vec<Mpfr>& eigenvalues, int n,
                                    std::uint64_t seed, bool with_hessian,
                                    StationaryEngine engine = StationaryEngine::Wishart,
                                    const std::function<void(const std::string&)>& progress = {});

/// SPARSE on S is a convex problem in disguise: with q(s) = Π_l (1 − a_l s) the loss is
/// E tr q(S)², a positive definite quadratic in q's coefficients (q(0) = 1), minimised by the
/// degree-L orthogonal polynomial of the measure s·dμ, which has L real simple roots. So a point
/// whose q equals that minimiser is the global minimum over S. Returns the largest difference
/// between q's coefficients at `a` and the minimiser's (exact over the rationals), after checking
/// (exact LDLᵀ) that the moment matrix is positive definite; throws std::runtime_error if not.
Mpfr sparse_global_certificate_gap(const Vec<Mpfr>& a, int n, int d);

/// The scalars of a point of S polished by Newton's method at the working precision (the
/// Wishart engine's loss on S), from `start` (e.g. the best point, rounded to double).
Vec<Mpfr> polish_on_S(LayerFamily family, int layers, int n, int d, const Vec<double>& start);

/// The full gradient over every matrix entry at the point v of S, for the covariance `cov`
/// (Wishart engine): ∂/∂A_l = g_l Σ, ∂/∂B_l = g_{L+l} I.
LayerParameters<Mpfr> wishart_full_gradient(LayerFamily family, int layers, int n, const Mat<Mpfr>& cov,
                                            const Vec<Mpfr>& v);

/// That minimiser's coefficients q_1..q_L (q_0 = 1), exactly.
Vec<Rational> sparse_optimal_polynomial(int layers, int n, int d);

}  // namespace ltv
