#pragma once
// The in-context loss of a batch and its gradient, derived by hand (reverse mode through the
// layers, in statistics space). Checked against high-precision finite differences: obligation
// TRAIN.GRAD.
//
// Forward, per sequence (D = d+1, x̃ = (x_q, 0), c the attention scale):
//     T⁰ = I,  G^l = T^l G⁰ T^lᵀ,  K^l = c Σ_h P_h G^l Q_h,  T^{l+1} = T^l + K^l T^l,
//     ŷ = −e_Dᵀ T^L x̃,   loss = (1/B) Σ_b (ŷ_b − <w_b, x_q,b>)².
// Backward, with bars for adjoints, T̄^L = −r e_D x̃ᵀ, r = 2(ŷ − target)/B, for l = L−1 .. 0:
//     K̄ = T̄^{l+1} T^lᵀ,   T̄^l = T̄^{l+1} + K^lᵀ T̄^{l+1},
//     P̄_h += c K̄ (G^l Q_h)ᵀ,   Q̄_h += c (P_h G^l)ᵀ K̄,   Ḡ = c Σ_h P_hᵀ K̄ Q_hᵀ,
//     T̄^l += (Ḡ + Ḡᵀ) T^l G⁰.
#include "ltv/train/architecture.hpp"
#include "ltv/train/batch.hpp"

#include <vector>

namespace ltv {

/// The mean squared error of the model's predictions over the batch; per-sequence squared errors
/// into `per_sequence` when given (resized to the batch).
double batch_loss(const Model<double>& model, const StatisticsBatch& batch, int threads = 1,
                  std::vector<double>* per_sequence = nullptr);

/// The predictions ŷ of every sequence of the batch.
std::vector<double> batch_predictions(const Model<double>& model, const StatisticsBatch& batch,
                                      int threads = 1);

/// Which reverse pass: the derivation above, or the negative control of obligation TRAIN.GRAD —
/// the classic slip of treating each layer's Gram matrix G^l as a constant (dropping
/// T̄^l += (Ḡ + Ḡᵀ) T^l G⁰), which the check must reject.
enum class ReversePass { HandDerived, FrozenGram };

/// The loss and its gradient with respect to every (P_h, Q_h), written into `gradient` (shaped
/// like the model). The per-worker partial sums are added in worker order: the result is the same
/// for the same thread count.
double batch_loss_and_gradient(const Model<double>& model, const StatisticsBatch& batch,
                               HeadGradients& gradient, int threads = 1,
                               ReversePass pass = ReversePass::HandDerived);

}  // namespace ltv
