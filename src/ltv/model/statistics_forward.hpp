#pragma once
// The statistics-space forward pass. By the implicit-model lemma every layer acts on tokens by one
// linear map, e_i^l = T^l e_i with T^l = [[M^l, u^l], [-w^lT, a^l]], so the context Gram matrix
// evolves as G^l = T^l G^0 T^lT and T^{l+1} = (I + K^l) T^l with K^l = c Σ_h P_h G^l Q_h.
// Cost: O(n d²) for G^0, then O(L H d³) — independent of n, which makes n = 10^6 cheap.
#include "ltv/model/forward.hpp"

namespace ltv {

template <class T>
struct StatisticsTrace {
  std::vector<Mat<T>> gram;       ///< G^l, l = 0..L
  std::vector<Mat<T>> transform;  ///< T^l, l = 0..L (T^0 = I)
  std::vector<Mat<T>> update;     ///< K^l, l = 0..L-1
};

/// Runs the model on the statistics G^0 of n context tokens.
template <class T>
StatisticsTrace<T> statistics_forward(const Model<T>& model, const Mat<T>& G0, int n);

/// The prediction for a query x_q from the final transform: ŷ = -(T^L (x_q, 0))_{d+1} = <w^L, x_q>.
template <class T>
T statistics_prediction(const StatisticsTrace<T>& s, const Vec<T>& xq);

}  // namespace ltv

// Explicit instantiations for every tier (model/tier_*.cpp): declared here, defined once per tier.
#define LTV_STATISTICS_FORWARD_INSTANCES(PREFIX, T)                                              \
  PREFIX template StatisticsTrace<T> statistics_forward<T>(const Model<T>&, const Mat<T>&, int); \
  PREFIX template T statistics_prediction<T>(const StatisticsTrace<T>&, const Vec<T>&);
#define LTV_STATISTICS_FORWARD_INSTANCES_EXTERN(T) LTV_STATISTICS_FORWARD_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_STATISTICS_FORWARD_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: statistics_forward_impl.hpp, compiled once per tier in model/tier_*.cpp.
