#pragma once
// The layer update of the L-layer SPARSE and RELAXED families (docs/conventions.md, A23 eq. 8 and 11) in
// polynomial form: the prediction error as a matrix polynomial in S, and the population loss as a
// sum of traces of words (words.hpp), ready for the Wick engine.
//
// Data: x_i, x_q ~ N(0, Σ), w ~ N(0, Σ_w), y_i = <w, x_i> (no label noise), c = 1/n, one head.
// Write the layer-l tokens as x_i^l = T_l x_i (the same map for every token, query included, since
// every token sees the same keys), the context labels as y^l = wᵀ U_l X and the query label as
// y_q^l = wᵀ V_l x_q, with X = (x_1 … x_n) and S = X Xᵀ / n. A layer with P = diag(B, 1) and
// Q = diag(A, 0) adds (1/n) P G Q e_i to every token, G = Σ_j e_j e_jᵀ, which reads
//     x_i += B S_l A x_i        with S_l = T_l S T_lᵀ the layer-l moment,
//     y_i += (1/n) Σ_j y_j x_jᵀ A x_i,   y_q += (1/n) Σ_j y_j x_jᵀ A x_q,
// and, with X(I + (1/n) Xᵀ K X) = (I + S K) X,
//     T_{l+1} = (I + B T_l S T_lᵀ A) T_l,
//     U_{l+1} = U_l (I + S T_lᵀ A T_l),
//     V_{l+1} = V_l + U_l S T_lᵀ A T_l,          T_0 = U_0 = I, V_0 = 0.
// SPARSE is B = 0 with A -> -A (Q = -diag(A, 0)); then T_l = I and I + V_L = Π_l (I - S A_l).
// The prediction is ŷ = -y_q^L, so the error is ŷ - wᵀx_q = -wᵀ (I + V_L) x_q = wᵀ M x_q with
//     M = -(I + V_L),     loss = E (wᵀ M x_q)² = E tr(Mᵀ Σ_w M Σ).
// M has degree L in S for SPARSE (the loss needs 2L copies of S) and degree 1, 4, 13 for RELAXED
// with L = 1, 2, 3 (2, 8, 26 copies): the engine's limit of 8 copies (wick.hpp) allows SPARSE up
// to L = 4 and RELAXED up to L = 2.
#include "ltv/expect/words.hpp"

#include <string>

namespace ltv {

enum class LayerFamily { Sparse, Relaxed };

/// "sparse" / "relaxed".
std::string family_name(LayerFamily family);

/// The symbols of an L-layer model's words: A_l and (RELAXED) B_l for every layer, Σ, Σ_w, and one
/// spare symbol for directional derivatives.
struct LayerSymbols {
  LayerFamily family = LayerFamily::Sparse;
  int layers = 1;

  int A(int l) const { return l; }
  int B(int l) const { return layers + l; }  ///< RELAXED only
  int cov() const { return 2 * layers; }
  int cov_w() const { return 2 * layers + 1; }
  int direction() const { return 2 * layers + 2; }
  int count() const { return 2 * layers + 3; }
  /// The parameter matrices, in the order of a stacked parameter vector: A_0..A_{L-1}, then
  /// B_0..B_{L-1} for RELAXED.
  std::vector<int> parameters() const;
};

/// M with error = wᵀ M x_q, from the recursion above.
WordSum error_polynomial(const LayerSymbols& symbols);

/// How many copies of S the loss needs (2 · deg M), computed without expanding the loss.
int loss_degree(const LayerSymbols& symbols);

/// tr(Mᵀ Σ_w M Σ) as canonical trace words. Throws std::invalid_argument when the loss needs more
/// copies of S than the Wick engine supports (the message says how many).
WordSum loss_polynomial(const LayerSymbols& symbols);

}  // namespace ltv
