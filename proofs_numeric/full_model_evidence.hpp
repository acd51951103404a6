#pragma once
// What the identity checks on LSA models share: the update matrices of a forward pass, and the
// size factor, condition estimate and magnitude that the float tiers' tolerance is derived from
// (verify/identity_check.hpp, scalar/tolerance.hpp). Instantiated for the identity tiers in
// full_model_evidence.cpp.
#include "ltv/model/forward.hpp"

namespace ltv::proofs {

/// Roundings that accumulate into one token entry over the whole forward pass: per layer the
/// Gram sum (n terms), the two products P·G·Q (2(d+1) terms), the heads, and the update.
inline double forward_size_factor(int d, int n, int layers, int heads) {
  return static_cast<double>(layers) * heads * (n + 2 * (d + 1) + 1);
}

/// The relative condition of the forward pass: the layer map e -> e + K(e) e is cubic in the
/// tokens, so a relative perturbation is amplified by at most 1 + 3‖K^l‖∞ per layer.
template <class T>
double forward_condition(const std::vector<Mat<T>>& updates);

/// The largest entry of any layer's tokens: the magnitude of the terms every token entry is a sum of.
template <class T>
double state_magnitude(const std::vector<Mat<T>>& tokens);

/// The update matrices K^l of every layer, from the token forward pass.
template <class T>
std::vector<Mat<T>> layer_updates(const Model<T>& m, const std::vector<Mat<T>>& tokens);

/// κ₂ of a matrix, computed in double: the amplification of relative error by a solve with it.
template <class T>
double condition_number(const Mat<T>& S);

/// True when the Gram matrix XᵀX of the context is exactly singular (decided over the rationals).
bool singular_gram(const Mat<Rational>& X);

#define LTV_EVIDENCE_INSTANCES(PREFIX, T)                                                            \
  PREFIX template double forward_condition<T>(const std::vector<Mat<T>>&);                           \
  PREFIX template double state_magnitude<T>(const std::vector<Mat<T>>&);                             \
  PREFIX template std::vector<Mat<T>> layer_updates<T>(const Model<T>&, const std::vector<Mat<T>>&); \
  PREFIX template double condition_number<T>(const Mat<T>&);
#define LTV_EVIDENCE_INSTANCES_EXTERN(T) LTV_EVIDENCE_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_EVIDENCE_INSTANCES_EXTERN)

}  // namespace ltv::proofs
