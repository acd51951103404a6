// V24 §5.2 — a layer with only ω_yy rescales the labels.
//
// Statement (docs/catalogue.md): a DIAG layer whose only nonzero coefficient is ω_yy maps
//   y^{l+1} = (1 + ω_yy λ^l) y^l,   x^{l+1} = x^l          (ω_yy times the attention scale c),
// with λ^l = Σ_i (y_i^l)² of the current layer. Checked exactly on stacks of such layers.
// Negative control: the factor computed from the input's λ^0 instead of the current λ^l.
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

namespace ltv::proofs {
namespace v24_s5_2_omega_yy_rescaling_impl {
namespace {

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const DiagCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const int d = model.d;
  const auto tokens = forward_tokens(model, c.prompt.tokens<T>());
  const T scale = attention_scale<T>(model.norm, c.prompt.n());
  const T lambda0 = context_gram(tokens.front())(d, d);
  Stack<T> lhs, rhs;
  for (std::size_t l = 0; l + 1 < tokens.size(); ++l) {
    const T omega_yy = omega(c.model.heads<T>(l)).yy;
    const T lambda = form == Form::NegativeControl ? lambda0 : context_gram(tokens[l])(d, d);
    Mat<T> next = tokens[l];
    next.row(d) *= T(1) + scale * omega_yy * lambda;
    lhs.add(tokens[l + 1]);
    rhs.add(next);
  }
  return forward_sides(lhs, rhs, model, c.prompt.n(), layer_updates(model, tokens), tokens);
};

}  // namespace
}  // namespace v24_s5_2_omega_yy_rescaling_impl

Obligation v24_s5_2_omega_yy_rescaling() {
  using namespace v24_s5_2_omega_yy_rescaling_impl;
  return forward_identity(
      "V24.S5.2", "V24", "ω_yy alone rescales the labels",
      "with only $ω_{yy} ≠ 0$: $y^{l+1} = (1 + ω_{yy} λ^l) y^l$ and $x^{l+1} = x^l$", FullCaseLimits{},
      gen::diag_case({kOnlyOmegaYY}), sides_check(sides),
      {std::nullopt, "$y^{l+1} = (1 + ω_{yy} λ^0) y^l$ (the input's λ instead of the layer's)"});
}

}  // namespace ltv::proofs
