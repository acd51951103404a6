// V24 Lemma 4.4 / Lemma A.1 — the implicit model of a DIAG model in terms of OLS quantities.
//
// Statement as printed (docs/catalogue.md): with w* = Σ⁻¹α, ρ = Σ_i r_i² (Σ the layer-0 Gram matrix),
//   u^{l+1} = (I - Λ^l) u^l + Γ^l Σ (a^l w* - w^l),  w^{l+1} = (1 + s^l) w^l - Π^l Σ (a^l w* - w^l) - Φ^l
//   u^l, Λ^l = -ω_xy (a^l)² ρ I - ω_xx Σ^l, Γ^l = a^l ω_xy (M^l + a^l u^l w*ᵀ), s^l = ω_yy λ^l, Π^l = ω_yx
//   M^lT (M^l + a^l u^l w*ᵀ), Φ^l = a^l ρ ω_yx M^lT.
// Checked exactly against the implicit model of the forward pass (V24.T4.1). ltv finds the printed
// form fails once a^l != 1 and u^l != 0, and that replacing (M + a u w*ᵀ) by (M + u w*ᵀ) in Γ and Π
// makes it hold (derivation in theory/diagonal_recursion.hpp).
// Negative control: the corrected form with ρ = Σ r_i² replaced by λ = Σ y_i².
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/theory/diagonal_recursion.hpp"
#include "ltv/theory/least_squares.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

namespace ltv::proofs {
namespace v24_l4_4_diagonal_recursion_impl {
namespace {

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const DiagCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const int d = model.d;
  const Mat<T> X = c.prompt.X.to<T>();
  const Vec<T> y = c.prompt.y.to_vector<T>();
  const auto tokens = forward_tokens(model, c.prompt.tokens<T>());
  const auto updates = layer_updates(model, tokens);
  const auto implicit = implicit_recursion(d, updates);
  const T scale = attention_scale<T>(model.norm, c.prompt.n());

  LeastSquaresContext<T> ctx{X.transpose() * X, ols(X, y), T(0)};
  ctx.rho = form == Form::NegativeControl ? y.squaredNorm() : residual_sum_of_squares(X, y, ctx.w_star);
  const DiagonalForm diagonal = form == Form::Printed ? DiagonalForm::Printed : DiagonalForm::Corrected;

  Stack<T> lhs, rhs;
  for (std::size_t l = 0; l + 1 < tokens.size(); ++l) {
    Omega<T> o = omega(c.model.heads<T>(l));
    o = {scale * o.xx, scale * o.xy, scale * o.yx, scale * o.yy};
    const Mat<T> G = context_gram(tokens[l]);
    const auto [u, w] = diagonal_step(implicit[l], o, Mat<T>(G.topLeftCorner(d, d)), G(d, d), ctx, diagonal);
    lhs.add(implicit[l + 1].u).add(implicit[l + 1].w);
    rhs.add(u).add(w);
  }
  const int heads = static_cast<int>(c.model.layers.front().size());
  return {lhs.vector(), rhs.vector(), forward_size_factor(d, c.prompt.n(), model.num_layers(), heads),
          forward_condition(updates) * condition_number(ctx.gram_x)};
};

CaseEvidence check(const DiagCase& c, Form form) {
  RC_PRE(!singular_gram(c.prompt.X.to<Rational>()));
  return sides_check(sides)(c, form);
}

}  // namespace
}  // namespace v24_l4_4_diagonal_recursion_impl

Obligation v24_l4_4_diagonal_recursion() {
  using namespace v24_l4_4_diagonal_recursion_impl;
  const FullCaseLimits limits{.max_d = 5, .n_at_least_d = true};
  return forward_identity(
      "V24.L4.4", "V24", "DIAG implicit model through OLS quantities (Lemma 4.4 / A.1)",
      "$u^{l+1} = (I - Λ^l) u^l + Γ^l Σ (a^l w^* - w^l)$, $w^{l+1} = (1 + s^l) w^l - Π^l Σ (a^l w^* - w^l) - Φ^l u^l$ "
      "with $Λ^l = -ω_{xy} (a^l)^2 ρ I - ω_{xx} Σ^l$, $Γ^l = a^l ω_{xy} (M^l + a^l u^l w^{*⊤})$, $s^l = ω_{yy} λ^l$, "
      "$Π^l = ω_{yx} M^{l⊤} (M^l + a^l u^l w^{*⊤})$, $Φ^l = a^l ρ ω_{yx} M^{l⊤}$",
      limits, gen::diag_case({kFullDiag}, limits), check,
      {"as printed, with $Γ^l = a^l ω_{xy} (M^l + u^l w^{*⊤})$ and $Π^l = ω_{yx} M^{l⊤} (M^l + u^l w^{*⊤})$ "
       "(no factor $a^l$ in front of $u^l w^{*⊤}$); the two forms agree while $a^l = 1$ or $u^l = 0$",
       "the corrected form with $ρ = \\sum_i r_i^2$ replaced by $λ = \\sum_i y_i^2$"});
}

}  // namespace ltv::proofs
