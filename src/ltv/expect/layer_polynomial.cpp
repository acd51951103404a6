#include "ltv/expect/layer_polynomial.hpp"

#include "ltv/expect/matchings.hpp"

#include <stdexcept>

namespace ltv {

std::string family_name(LayerFamily family) { return family == LayerFamily::Sparse ? "sparse" : "relaxed"; }

std::vector<int> LayerSymbols::parameters() const {
  std::vector<int> out;
  for (int l = 0; l < layers; ++l) out.push_back(A(l));
  if (family == LayerFamily::Relaxed)
    for (int l = 0; l < layers; ++l) out.push_back(B(l));
  return out;
}

WordSum error_polynomial(const LayerSymbols& symbols) {
  const WordSum I = WordSum::identity(), S = WordSum::sample_moment();
  WordSum T = I, U = I, V;
  for (int l = 0; l < symbols.layers; ++l) {
    if (symbols.family == LayerFamily::Sparse) {
      const WordSum step = S * WordSum::symbol(symbols.A(l));  // S Tᵀ(-A)T with T = I, negated below
      V -= U * step;
      U = U - U * step;
    } else {
      const WordSum A = WordSum::symbol(symbols.A(l)), B = WordSum::symbol(symbols.B(l));
      const WordSum TtAT = transpose(T) * A * T;
      V += U * S * TtAT;
      U = U + U * S * TtAT;
      T = T + B * T * S * TtAT;
    }
  }
  return -1 * (I + V);
}

int loss_degree(const LayerSymbols& symbols) {
  if (symbols.family == LayerFamily::Sparse) return 2 * symbols.layers;
  // Degrees of T_l, U_l, V_l in S, from the recursion of the header.
  int t = 0, u = 0, v = 0;
  for (int l = 0; l < symbols.layers; ++l) {
    v = std::max(v, u + 1 + 2 * t);
    u = u + 1 + 2 * t;
    t = 3 * t + 1;
  }
  return 2 * v;
}

WordSum loss_polynomial(const LayerSymbols& symbols) {
  const int degree = loss_degree(symbols);
  if (degree > kMaxMatchingPairs)
    throw std::invalid_argument(
        "the " + family_name(symbols.family) + " family with " + std::to_string(symbols.layers) +
        " layers has a loss of degree " + std::to_string(degree) +
        " in S; the Wick engine enumerates the (2k-1)!! " +
        "matchings of k copies of S and stops at k = " + std::to_string(kMaxMatchingPairs));
  const WordSum M = error_polynomial(symbols);
  return trace_of(transpose(M) * WordSum::symmetric_symbol(symbols.cov_w()) * M *
                  WordSum::symmetric_symbol(symbols.cov()));
}

}  // namespace ltv
