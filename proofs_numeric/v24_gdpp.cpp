// V24 eq. 11 — GD++ layers precondition x and take a GD step on y.
//
// Statement (docs/catalogue.md): a GD++ layer (DIAG with q_y = 0, so ω_xy = ω_yy = 0) maps
//   x^{l+1} = (I + ω_xx Σ^l) x^l,   y^{l+1} = y^l + ω_yx <α^l, x^l>,
// hence Σ^{l+1} = (I + ω_xx Σ^l) Σ^l (I + ω_xx Σ^l), and the implicit model keeps u ≡ 0, a ≡ 1.
// (ω's times the attention scale c.) Checked exactly against the full forward pass and the
// implicit-model recursion, at every layer.
// Negative control: Σ^{l+1} = (I + 2 ω_xx Σ^l) Σ^l (the first-order expansion, dropping ω_xx²).
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/theory/implicit_model.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

namespace ltv::proofs {
namespace v24_gdpp_impl {
namespace {

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const DiagCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const int d = model.d;
  const auto tokens = forward_tokens(model, c.prompt.tokens<T>());
  const auto updates = layer_updates(model, tokens);
  const auto implicit = implicit_recursion(d, updates);
  const T scale = attention_scale<T>(model.norm, c.prompt.n());
  const Mat<T> I = Mat<T>::Identity(d, d);
  Stack<T> lhs, rhs;
  for (std::size_t l = 0; l + 1 < tokens.size(); ++l) {
    const Omega<T> o = omega(c.model.heads<T>(l));
    const Mat<T>& Z = tokens[l];
    const Mat<T> G = context_gram(Z);
    const Mat<T> gram_x = G.topLeftCorner(d, d);
    const Vec<T> alpha = G.topRightCorner(d, 1);
    const Mat<T> pre = I + scale * o.xx * gram_x;
    // Tokens of layer l+1 from the GD++ form.
    Mat<T> next(d + 1, Z.cols());
    next.topRows(d) = pre * Z.topRows(d);
    next.row(d) = Z.row(d) + scale * o.yx * alpha.transpose() * Z.topRows(d);
    lhs.add(tokens[l + 1]);
    rhs.add(next);
    // Σ^{l+1}.
    lhs.add(Mat<T>(context_gram(tokens[l + 1]).topLeftCorner(d, d)));
    rhs.add(form == Form::NegativeControl ? Mat<T>((I + T(2) * scale * o.xx * gram_x) * gram_x)
                                          : Mat<T>(pre * gram_x * pre));
    // u ≡ 0, a ≡ 1.
    lhs.add(implicit[l + 1].u).add(implicit[l + 1].a);
    rhs.add(Vec<T>(Vec<T>::Zero(d))).add(T(1));
  }
  return forward_sides(lhs, rhs, model, c.prompt.n(), updates, tokens);
};

}  // namespace
}  // namespace v24_gdpp_impl

Obligation v24_gdpp() {
  using namespace v24_gdpp_impl;
  return forward_identity("V24.GDPP", "V24", "GD++ layers: preconditioning of x and a GD step on y (eq. 11)",
                          "$x^{l+1} = (I + ω_{xx} Σ^l) x^l$, $y^{l+1} = y^l + ω_{yx} ⟨α^l, x^l⟩$; hence "
                          "$Σ^{l+1} = (I + ω_{xx} Σ^l) Σ^l (I + ω_{xx} Σ^l)$, $u ≡ 0$, $a ≡ 1$",
                          FullCaseLimits{}, gen::diag_case({kGdpp}), sides_check(sides),
                          {std::nullopt, "$Σ^{l+1} = (I + 2 ω_{xx} Σ^l) Σ^l$ (first-order expansion)"});
}

}  // namespace ltv::proofs
