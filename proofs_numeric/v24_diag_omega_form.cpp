// V24 eq. 9-10 — a multi-head DIAG layer acts through four aggregated coefficients ω.
//
// Statement (docs/catalogue.md): a DIAG layer equals
//   x^{l+1} = x^l + ω_xx Σ^l x^l + ω_xy y^l α^l,   y^{l+1} = y^l + ω_yx <α^l, x^l> + ω_yy λ^l y^l
// (ω's times the attention scale c), and with one head ω_xx ω_yy = ω_xy ω_yx always.
// Checked: the ω-form iterated on its own from the input reproduces every layer's tokens of the
// full forward pass, and every single-head layer satisfies the rank-one relation — exactly.
// Measured: a two-head case where ω_xx ω_yy != ω_xy ω_yx (so two heads are strictly richer).
// Negative control: the ω-form with ω_xy and ω_yx exchanged.
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/core/random.hpp"
#include "ltv/verify/arbitrary.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace ltv::proofs {
namespace v24_diag_omega_form_impl {
namespace {

/// One layer of the ω-form on all tokens.
template <class T>
Mat<T> omega_form_layer(const Mat<T>& Z, Omega<T> o, const T& c) {
  const auto d = Z.rows() - 1;
  const Mat<T> G = context_gram(Z);
  const Mat<T> gram_x = G.topLeftCorner(d, d);
  const Vec<T> alpha = G.topRightCorner(d, 1);
  const T lambda = G(d, d);
  Mat<T> out = Z;
  out.topRows(d) += c * (o.xx * gram_x * Z.topRows(d) + o.xy * alpha * Z.row(d));
  out.row(d) += c * (o.yx * alpha.transpose() * Z.topRows(d) + o.yy * lambda * Z.row(d));
  return out;
}

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const DiagCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const Mat<T> Z0 = c.prompt.tokens<T>();
  const auto tokens = forward_tokens(model, Z0);
  const T scale = attention_scale<T>(model.norm, c.prompt.n());
  Stack<T> lhs, rhs;
  Mat<T> Z = Z0;
  for (std::size_t l = 0; l < c.model.layers.size(); ++l) {
    Omega<T> o = omega(c.model.heads<T>(l));
    if (form == Form::NegativeControl) std::swap(o.xy, o.yx);
    Z = omega_form_layer(Z, o, scale);
    lhs.add(tokens[l + 1]);
    rhs.add(Z);
    if (c.model.layers[l].size() == 1) {
      lhs.add(T(o.xx * o.yy));
      rhs.add(T(o.xy * o.yx));
    }
  }
  return forward_sides(lhs, rhs, model, c.prompt.n(), layer_updates(model, tokens), tokens);
};

/// A random two-head layer (d = 1, entries k/8) whose ω's break the rank-one relation: the first
/// such draw of a stream seeded from the run's seed.
nlohmann::json two_head_witness(const RunOptions& options) {
  Rng rng(derive_seed(options.seed, stable_hash("V24.DIAG/two-head witness")));
  boost::random::uniform_int_distribution<int> k(-8, 8);
  for (int draw = 1;; ++draw) {
    std::vector<DiagHead<Rational>> heads(2);
    for (auto& h : heads)
      h = {Rational(k(rng), 8), Rational(k(rng), 8), Rational(k(rng), 8), Rational(k(rng), 8)};
    const Omega<Rational> o = omega(heads);
    if (o.xx * o.yy == o.xy * o.yx) continue;
    nlohmann::json out = {{"draws", draw},
                          {"heads_px_py_qx_qy", nlohmann::json::array()},
                          {"omega_xx_times_omega_yy", to_decimal(Rational(o.xx * o.yy))},
                          {"omega_xy_times_omega_yx", to_decimal(Rational(o.xy * o.yx))}};
    for (const auto& h : heads)
      out["heads_px_py_qx_qy"].push_back(
          {to_decimal(h.px), to_decimal(h.py), to_decimal(h.qx), to_decimal(h.qy)});
    return out;
  }
}

}  // namespace
}  // namespace v24_diag_omega_form_impl

Obligation v24_diag_omega_form() {
  using namespace v24_diag_omega_form_impl;
  Obligation obligation = identity_obligation(
      "V24.DIAG", "V24", "DIAG layers act through (ω_xx, ω_xy, ω_yx, ω_yy); one head is rank one",
      "$x^{l+1} = x^l + ω_{xx} Σ^l x^l + ω_{xy} y^l α^l$, $y^{l+1} = y^l + ω_{yx} ⟨α^l, x^l⟩ + ω_{yy} λ^l y^l$; "
      "with one head $ω_{xx} ω_{yy} = ω_{xy} ω_{yx}$");
  obligation.scope.checked = drawn_scope(FullCaseLimits{});
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    ObligationResult r = run_forms(o, options, gen::diag_case({kFullDiag}), sides_check(sides),
                                   {std::nullopt, "the ω-form with $ω_{xy}$ and $ω_{yx}$ exchanged"});
    r.values["two_head_rank_one_counterexample"] = two_head_witness(options);
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
