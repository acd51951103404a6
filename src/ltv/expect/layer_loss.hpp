#pragma once
// The exact population loss of an L-layer SPARSE or RELAXED model with arbitrary matrices A_l (and
// B_l), with its exact gradient and Hessian over every matrix entry (docs/architecture.md; A23 §4–5).
//
// The loss is Σ c_w E tr(w) over the words of layer_polynomial.hpp, each expectation exact by the
// Wick engine; the gradient with respect to a parameter matrix is the sum of the open words of
// trace_gradient (words.hpp), and column (s, ij) of the Hessian is the same gradient
// differentiated once more in the direction E_ij of parameter s (directional_derivative). Over
// the rationals all three are exact rational numbers; the other tiers evaluate the same sums.
// Data as in layer_polynomial.hpp: x ~ N(0, Σ), w ~ N(0, Σ_w), no label noise, c = 1/n.
#include "ltv/expect/layer_polynomial.hpp"
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/tiers.hpp"

#include <vector>

namespace ltv {

template <class T>
struct LayerProblem {
  LayerFamily family = LayerFamily::Sparse;
  Mat<T> cov;    ///< Σ, the covariance of x (d×d, exactly symmetric)
  Mat<T> cov_w;  ///< Σ_w, the covariance of the task vector w
  int n = 1;     ///< context length
  int d() const { return static_cast<int>(cov.rows()); }
};

/// A_0..A_{L−1} and, for RELAXED, B_0..B_{L−1} (empty for SPARSE).
template <class T>
struct LayerParameters {
  std::vector<Mat<T>> A, B;
  int layers() const { return static_cast<int>(A.size()); }
};

/// The words of an L-layer loss, its gradient and Hessian, built once per (family, L) and cached
/// for the process (thread-safe; the reference stays valid). Throws like loss_polynomial.
struct LayerWords {
  LayerSymbols symbols;
  WordSum loss;                               ///< trace words
  std::vector<WordSum> gradient;              ///< open words, per parameter (symbols.parameters())
  std::vector<std::vector<WordSum>> hessian;  ///< [t][s], s <= t: ∂_s of gradient t, direction symbol
};
const LayerWords& layer_words(LayerFamily family, int layers);

/// E(ŷ − <w, x_q>)². Throws std::invalid_argument on inconsistent shapes (every matrix d×d, B for
/// RELAXED only, one A per layer, n >= 1) and when the family needs more than the engine's 8
/// copies of S.
template <class T>
T layer_loss(const LayerParameters<T>& params, const LayerProblem<T>& problem);

/// ∂loss/∂A_l and ∂loss/∂B_l, entry by entry.
template <class T>
LayerParameters<T> layer_gradient(const LayerParameters<T>& params, const LayerProblem<T>& problem);

/// The Hessian over θ = (vec A_0, …, vec A_{L−1}, vec B_0, …) (column-major vec).
template <class T>
Mat<T> layer_hessian(const LayerParameters<T>& params, const LayerProblem<T>& problem);

/// θ and back (the layout of layer_hessian).
template <class T>
Vec<T> stack_layer_parameters(const LayerParameters<T>& params);
template <class T>
LayerParameters<T> unstack_layer_parameters(const Vec<T>& theta, LayerFamily family, int layers, int d);

#define LTV_LAYER_LOSS_INSTANCES(PREFIX, T)                                                                \
  PREFIX template T layer_loss<T>(const LayerParameters<T>&, const LayerProblem<T>&);                      \
  PREFIX template LayerParameters<T> layer_gradient<T>(const LayerParameters<T>&, const LayerProblem<T>&); \
  PREFIX template Mat<T> layer_hessian<T>(const LayerParameters<T>&, const LayerProblem<T>&);              \
  PREFIX template Vec<T> stack_layer_parameters<T>(const LayerParameters<T>&);                             \
  PREFIX template LayerParameters<T> unstack_layer_parameters<T>(const Vec<T>&, LayerFamily, int, int);
#define LTV_LAYER_LOSS_INSTANCES_EXTERN(T) LTV_LAYER_LOSS_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_LAYER_LOSS_INSTANCES_EXTERN)

}  // namespace ltv

// Definitions: layer_loss_impl.hpp, compiled once per tier in expect/tier_*.cpp.
