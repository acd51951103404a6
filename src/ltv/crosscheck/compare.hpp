#pragma once
// `ltv compare`: a trained model against the theory (docs/training.md).
//   * one layer (A23 Theorem 1): the exact population loss of the trained (P, Q) against the
//     optimum's (expect/one_layer.hpp), and the parameter distance modulo the model's symmetries;
//   * SPARSE / RELAXED (A23 Theorems 3, 4): each A_l against the scalar family A_l = a_l Σ⁻¹,
//     Dist(Σ^{1/2} A_l Σ^{1/2}, I) = min_α |M − αI|_F / |M|_F, and the fitted a_l against the exact
//     a* of theory/stationary.hpp, up to a permutation of the layers (A23 Lemma 4: layers commute);
//   * the double forward pass against the Mpfr one on the same inputs (digits);
//   * the implicit model (M, u, w, a) of every layer on one sequence, and the ω's of DIAG models.
#include "ltv/train/trainer.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace ltv {

struct CompareOptions {
  unsigned bits = 256;  ///< precision of the theory and the Mpfr forward pass
  int sequences = 16;   ///< for the double-vs-Mpfr forward comparison
  std::uint64_t seed = 3;
};

/// Every comparison that applies to the model's family and task, as JSON (each block says why it
/// was skipped when it does not apply).
nlohmann::json compare_with_theory(const TrainState& state, const CompareOptions& options);

/// The distance of a one-layer model from the A23 optimum modulo the symmetries: the prediction is
/// ŷ = −c Σ_h p_hᵀ G Q_{h,x} x_q (p_h the last row of P_h, Q_{h,x} the first d columns of Q_h), so
/// the model is the tensor W = Σ_h p_h ⊗ Q_{h,x}, invariant under (P, Q) -> (sP, Q/s) and blind to
/// every other entry; returns |W − W*|_F / |W*|_F.
double one_layer_distance(const Model<double>& model, const Eigen::MatrixXd& optimum_P,
                          const Eigen::MatrixXd& optimum_Q);

/// Dist(M, I) = min_α |M − αI|_F / |M|_F, with the minimising α = tr M / d.
double distance_to_identity(const Eigen::MatrixXd& M, double* alpha = nullptr);

/// The A_l (and, RELAXED, B_l) of a one-head SPARSE or RELAXED model: SPARSE Q = −diag(A, 0);
/// RELAXED P = diag(B, 1), Q = diag(A, 0). Throws std::invalid_argument for another family.
struct FamilyMatrices {
  std::vector<Eigen::MatrixXd> A, B;
};
FamilyMatrices family_matrices(const Architecture& arch, const Eigen::VectorXd& theta);

/// S^{1/2} of a symmetric positive definite S (by its eigendecomposition).
Eigen::MatrixXd sqrt_spd(const Eigen::MatrixXd& S);

}  // namespace ltv
