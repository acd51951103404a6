#pragma once
// The implicit linear model of V24 Lemma 4.3 / Theorem 4.1. After l layers of any FULL model,
//     x_i^l = M^l x_i + y_i u^l,      y_i^l = a^l y_i - <w^l, x_i>     (query: y_{n+1} = 0),
// and, writing the layer's update matrix K^l = c Σ_h P_h G^l Q_h = [[A, b], [cᵀ, δ]],
//     M^{l+1} = (I + A) M - b wᵀ        u^{l+1} = (I + A) u + a b
//     a^{l+1} = (1 + δ) a + cᵀ u         w^{l+1} = (1 + δ) w - Mᵀ c
// from M^0 = I, u^0 = 0, a^0 = 1, w^0 = 0. (V24's display of the lemma could not be recovered;
// this is the derivation, which the obligation V24.T4.1 checks against the token forward pass.)
#include "ltv/scalar/eigen_glue.hpp"

#include <vector>

namespace ltv {

template <class T>
struct ImplicitModel {
  Mat<T> M;
  Vec<T> u;
  T a;
  Vec<T> w;
};

template <class T>
ImplicitModel<T> initial_implicit_model(int d);

/// One step of the recursion, for the layer update matrix K ((d+1)×(d+1)).
template <class T>
ImplicitModel<T> implicit_step(const ImplicitModel<T>& m, const Mat<T>& K);

/// The models of layers 0..L for the update matrices K^0..K^{L-1}.
template <class T>
std::vector<ImplicitModel<T>> implicit_recursion(int d, const std::vector<Mat<T>>& updates);

/// The model as one matrix acting on tokens: e^l = [[M, u], [-wᵀ, a]] e.
template <class T>
Mat<T> implicit_matrix(const ImplicitModel<T>& m);

/// The tokens the implicit model predicts for layer l from the input tokens Z.
template <class T>
Mat<T> implicit_tokens(const ImplicitModel<T>& m, const Mat<T>& Z);

}  // namespace ltv

// Explicit instantiations for every tier (theory/tier_*.cpp): declared here, defined once per tier.
#define LTV_IMPLICIT_MODEL_INSTANCES(PREFIX, T)                                                         \
  PREFIX template ImplicitModel<T> initial_implicit_model<T>(int);                                      \
  PREFIX template ImplicitModel<T> implicit_step<T>(const ImplicitModel<T>&, const Mat<T>&);            \
  PREFIX template std::vector<ImplicitModel<T>> implicit_recursion<T>(int, const std::vector<Mat<T>>&); \
  PREFIX template Mat<T> implicit_matrix<T>(const ImplicitModel<T>&);                                   \
  PREFIX template Mat<T> implicit_tokens<T>(const ImplicitModel<T>&, const Mat<T>&);
#define LTV_IMPLICIT_MODEL_INSTANCES_EXTERN(T) LTV_IMPLICIT_MODEL_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_IMPLICIT_MODEL_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: implicit_model_impl.hpp, compiled once per tier in theory/tier_*.cpp.
