#pragma once
// A prompt as the token matrix Z ∈ R^{(d+1)×(n+1)}: columns e_i = (x_i, y_i) for the n context
// tokens, then the query (x_q, 0). And the Gram matrix of the context tokens,
// G = Σ_i e_i e_i^T = [[Σ, α], [α^T, λ]] with the plain-sum statistics of V24.
#include "ltv/scalar/eigen_glue.hpp"

#include <stdexcept>

namespace ltv {

/// X is n×d (rows are x_i), y has n entries, xq has d.
template <class T>
Mat<T> make_tokens(const Mat<T>& X, const Vec<T>& y, const Vec<T>& xq);

/// Number of context tokens of a token matrix (its last column is the query).
template <class T>
int context_size(const Mat<T>& Z) {
  return static_cast<int>(Z.cols()) - 1;
}

/// G = Σ_{i<=n} e_i e_i^T over the context tokens (the query is excluded).
template <class T>
Mat<T> context_gram(const Mat<T>& Z);

/// The prediction of a model whose last layer produced Z: ŷ = -y_{n+1}^L.
template <class T>
T prediction(const Mat<T>& Z);

}  // namespace ltv

// Explicit instantiations for every tier (model/tier_*.cpp): declared here, defined once per tier.
#define LTV_TOKENS_INSTANCES(PREFIX, T)                                               \
  PREFIX template Mat<T> make_tokens<T>(const Mat<T>&, const Vec<T>&, const Vec<T>&); \
  PREFIX template Mat<T> context_gram<T>(const Mat<T>&);                              \
  PREFIX template T prediction<T>(const Mat<T>&);
#define LTV_TOKENS_INSTANCES_EXTERN(T) LTV_TOKENS_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_TOKENS_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: tokens_impl.hpp, compiled once per tier in model/tier_*.cpp.
