#pragma once
// The token forward pass of a multi-head LSA model (docs/conventions.md): for every layer l,
//     e_i^{l+1} = e_i^l + K^l e_i^l,   K^l = c Σ_h P_h^l G^l Q_h^l,   G^l = Σ_{j<=n} e_j^l e_j^lT,
// applied to all n+1 tokens (the query too). This is the reference implementation; every fast
// path (statistics_forward.hpp, the trainer) is property-tested against it.
#include "ltv/model/parameters.hpp"
#include "ltv/model/tokens.hpp"

namespace ltv {

/// K = c Σ_h P_h G Q_h for one layer.
template <class T>
Mat<T> layer_matrix(const Layer<T>& layer, const Mat<T>& G, const T& c);

/// Every layer's tokens: result[0] = Z, result[l] = tokens after layer l (l = 1..L).
template <class T>
std::vector<Mat<T>> forward_tokens(const Model<T>& model, const Mat<T>& Z);

}  // namespace ltv

// Explicit instantiations for every tier (model/tier_*.cpp): declared here, defined once per tier.
#define LTV_FORWARD_INSTANCES(PREFIX, T)                                            \
  PREFIX template Mat<T> layer_matrix<T>(const Layer<T>&, const Mat<T>&, const T&); \
  PREFIX template std::vector<Mat<T>> forward_tokens<T>(const Model<T>&, const Mat<T>&);
#define LTV_FORWARD_INSTANCES_EXTERN(T) LTV_FORWARD_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_FORWARD_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: forward_impl.hpp, compiled once per tier in model/tier_*.cpp.
