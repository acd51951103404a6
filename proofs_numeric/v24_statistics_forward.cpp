// V24 §4 — the statistics-space forward pass reproduces the token forward pass.
//
// Statement (docs/catalogue.md, with T4.1): with T^l = [[M^l, u^l], [-w^lT, a^l]], the context Gram matrix
// of layer l is G^l = T^l G^0 T^lT (G^0 = [[Σ, α], [αᵀ, λ]] of the input), the layer updates are
// K^l = c Σ_h P_h G^l Q_h, T^{l+1} = (I + K^l) T^l, and the prediction is ŷ = <w^L, x_q>. So the
// whole forward pass needs only (Σ, α, λ): O(n d²) + O(L H d³) instead of O(L n d²).
// Negative control: G^l = T^l G^0 T^l (the transpose omitted).
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

namespace ltv::proofs {
namespace v24_statistics_forward_impl {
namespace {

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const FullCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const Mat<T> Z = c.prompt.tokens<T>();
  const auto tokens = forward_tokens(model, Z);
  const Mat<T> G0 = context_gram(Z);
  const StatisticsTrace<T> s = statistics_forward(model, G0, c.prompt.n());
  Stack<T> lhs, rhs;
  for (std::size_t l = 0; l < tokens.size(); ++l) {
    lhs.add(context_gram(tokens[l]));
    rhs.add(form != Form::NegativeControl ? s.gram[l] : Mat<T>(s.transform[l] * G0 * s.transform[l]));
  }
  lhs.add(prediction(tokens.back()));
  rhs.add(statistics_prediction(s, c.prompt.xq.to_vector<T>()));
  return forward_sides(lhs, rhs, model, c.prompt.n(), s.update, tokens);
};

}  // namespace
}  // namespace v24_statistics_forward_impl

Obligation v24_statistics_forward() {
  using namespace v24_statistics_forward_impl;
  return forward_identity(
      "V24.STATS", "V24", "Statistics-space forward pass equals the token forward pass",
      "$G^l = T^l G^0 T^{l⊤}$, $T^{l+1} = (I + c \\sum_h P_h G^l Q_h) T^l$, $\\hat y = ⟨w^L, x_q⟩$ reproduce "
      "every layer's Gram matrix and the prediction of the token forward pass",
      FullCaseLimits{}, gen::full_case(), sides_check(sides),
      {std::nullopt, "$G^l = T^l G^0 T^l$ (transpose omitted)"});
}

}  // namespace ltv::proofs
