// V24 Theorem 4.1 / Lemma 4.3 — every FULL model maintains an implicit linear model.
//
// Statement (docs/catalogue.md): for any FULL model (any H, L, d, n, c), after l layers
//   x_i^l = M^l x_i + y_i u^l,   y_i^l = a^l y_i - <w^l, x_i>   for every token (query: y_{n+1} = 0),
// with (M, u, a, w) from the recursion of theory/implicit_model.hpp. Checked exactly over the
// rationals on dyadic inputs, and at MPFR and double against the exact values.
// Negative control: the recursion with the sign of the coupling term b wᵀ in M flipped.
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/theory/implicit_model.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"
#include "ltv/verify/precision_sweep.hpp"

namespace ltv::proofs {
namespace v24_t4_1_implicit_model_impl {
namespace {

/// The identity's two sides in tier T.
constexpr auto sides = []<class T>(std::type_identity<T>, const FullCase& c, Form form) -> IdentitySides<T> {
  const Model<T> model = c.model.to<T>();
  const Mat<T> Z = c.prompt.tokens<T>();
  const auto tokens = forward_tokens(model, Z);
  const auto updates = layer_updates(model, tokens);
  auto implicit = implicit_recursion(model.d, updates);
  if (form == Form::NegativeControl)
    for (std::size_t l = 1; l < implicit.size(); ++l) {
      const auto& K = updates[l - 1];
      const Vec<T> b = K.topRightCorner(model.d, 1);
      implicit[l].M += T(2) * b * implicit[l - 1].w.transpose();
    }
  Stack<T> lhs, rhs;
  for (std::size_t l = 1; l < tokens.size(); ++l) {
    lhs.add(tokens[l]);
    rhs.add(implicit_tokens(implicit[l], Z));
  }
  return forward_sides(lhs, rhs, model, c.prompt.n(), updates, tokens);
};

}  // namespace
}  // namespace v24_t4_1_implicit_model_impl

Obligation v24_t4_1_implicit_model() {
  using namespace v24_t4_1_implicit_model_impl;
  Obligation obligation = identity_obligation(
      "V24.T4.1", "V24", "Implicit linear model of any FULL model (Theorem 4.1 / Lemma 4.3)",
      "$x_i^l = M^l x_i + y_i u^l$, $y_i^l = a^l y_i - ⟨w^l, x_i⟩$ with $M^{l+1} = (I+A^l)M^l - b^l w^{l⊤}$, "
      "$u^{l+1} = (I+A^l)u^l + a^l b^l$, $a^{l+1} = (1+d^l)a^l + c^{l⊤} u^l$, $w^{l+1} = (1+d^l)w^l - M^{l⊤} c^l$ "
      "(reconstructed: V24's display could not be recovered)");
  obligation.scope.checked = drawn_scope(FullCaseLimits{});
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const auto check = sides_check(sides);
    ObligationResult r =
        run_forms(o, options, gen::full_case(), check,
                  {std::nullopt, "$M^{l+1} = (I+A^l)M^l + b^l w^{l⊤}$ (sign of the coupling term flipped)"});
    r.values["digits_vs_bits"] = digits_vs_precision(
        gen::full_case(), [&check](const FullCase& c) { return check(c, Form::Printed); },
        property_seed(options.seed, o.id, "precision"));
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
