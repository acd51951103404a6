// A23 Lemma 1 — SPARSE layers run preconditioned gradient descent.
//
// Statement as printed: with P = diag(0, 1), Q = -diag(A_l, 0) and c = 1/n, the query's last
// coordinate after l layers is y_{n+1}^l = -<x_q, θ_l> with θ_{l+1} = θ_l - A_l ∇R(θ_l), θ_0 = 0,
// R(θ) = (1/2n) Σ_i (y_i - θᵀx_i)².
// Derivation: under the attention formula P Z M (Zᵀ Q Z), K^l = -(1/n)[[0, 0], [α^lT A_l, 0]] with
// α^l = -n ∇R(θ_l), so y^{l+1} = y^l + ∇R(θ_l)ᵀ A_l x, i.e. θ_{l+1} = θ_l - A_lᵀ ∇R(θ_l): the printed
// form needs A_l symmetric — or A23's own code's convention, whose attention scores are z_iᵀ Q z_j
// taken the other way round, i.e. the formula with Qᵀ. Under that convention the printed form holds
// verbatim for every A_l (the second form, role "convention": the layer built with Qᵀ, the printed
// recursion unchanged). Checked exactly with non-symmetric A_l; the printed form under the paper's
// formula separately on symmetric A_l (values.printed_form_on_symmetric_A).
// Negative control: θ_{l+1} = θ_l + A_l ∇R(θ_l) under the code's convention (sign flipped).
#include "catalogue.hpp"
#include "full_model_evidence.hpp"
#include "papers.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/theory/gradient_descent.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

namespace ltv::proofs {
namespace a23_l1_sparse_is_pgd_impl {
namespace {

template <class T>
IdentitySides<T> sides(const SparseCase& c, Form form) {
  const int d = c.prompt.d();
  Model<T> model{d, Norm::Mean, {}};
  std::vector<Mat<T>> preconditioners;
  for (const auto& A : c.A) {
    const Mat<T> a = A.to<T>();
    // The paper's formula P Z M (Zᵀ Q Z) (printed), or A23's code's, which amounts to Qᵀ.
    model.layers.push_back(sparse_layer(form == Form::Printed ? a : Mat<T>(a.transpose())));
    preconditioners.push_back(form == Form::NegativeControl ? Mat<T>(-a) : a);
  }
  const auto tokens = forward_tokens(model, c.prompt.tokens<T>());
  const auto thetas = preconditioned_gd<T>(c.prompt.X.to<T>(), c.prompt.y.to_vector<T>(), preconditioners);
  const Vec<T> xq = c.prompt.xq.to_vector<T>();
  Stack<T> lhs, rhs;
  // -<x_q, θ> is a sum of terms bounded by |x_q|_1 |θ|_∞: part of the magnitude rounding scales with.
  double magnitude = state_magnitude(tokens);
  for (std::size_t l = 1; l < tokens.size(); ++l) {
    lhs.add(T(tokens[l](d, c.prompt.n())));
    rhs.add(T(-xq.dot(thetas[l])));
    magnitude =
        std::max(magnitude, convert<double>(T(xq.cwiseAbs().sum() * thetas[l].cwiseAbs().maxCoeff())));
  }
  return {lhs.vector(), rhs.vector(), forward_size_factor(d, c.prompt.n(), model.num_layers(), 1),
          forward_condition(layer_updates(model, tokens)), magnitude};
}

CaseEvidence check(const SparseCase& c, Form form) {
  return check_identity([&]<class T>(std::type_identity<T>) { return sides<T>(c, form); });
}

/// The case with every A_l replaced by its symmetric part (A + Aᵀ)/2, still dyadic.
SparseCase symmetrized(SparseCase c) {
  for (auto& A : c.A) {
    A.numerators = (A.numerators + A.numerators.transpose()).eval();
    ++A.exponent;
  }
  return c;
}

/// Where the printed form does hold: on symmetric A_l.
nlohmann::json printed_form_on_symmetric(const RunOptions& options) {
  const PropertyOutcome p = run_property(
      "A23.L1", "printed, symmetric A", rc::gen::map(gen::sparse_case(), symmetrized),
      [](const SparseCase& c) { return check(c, Form::Printed); }, options);
  return {
      {"holds", p.passed}, {"cases", p.cases}, {"counterexample", p.counterexample ? *p.counterexample : ""}};
}

}  // namespace
}  // namespace a23_l1_sparse_is_pgd_impl

Obligation a23_l1_sparse_is_pgd() {
  using namespace a23_l1_sparse_is_pgd_impl;
  Obligation obligation = identity_obligation(
      "A23.L1", "A23", "SPARSE layers are preconditioned GD steps (Lemma 1)",
      "with P = diag(0,1), Q = -diag(A_l,0), c = 1/n: y_{n+1}^l = -<x_q, θ_l>, θ_{l+1} = θ_l - A_l ∇R(θ_l)");
  obligation.scope.checked = {{"d", "1–6"}, {"n", "1–12"}, {"L", "1–4"}, {"A_l", "dyadic, not symmetric in general"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    ObligationResult r =
        run_forms(o, options, gen::sparse_case(), check,
                  {"the printed recursion $θ_{l+1} = θ_l - A_l ∇R(θ_l)$, with the layer's "
                                 "attention scores computed as in A23's code (the formula with $Q^⊤$); under "
                                 "the paper's formula it needs $A_l^⊤$, or $A_l$ symmetric "
                                 "(values.printed_form_on_symmetric_A)",
                   "$θ_{l+1} = θ_l + A_l ∇R(θ_l)$ under the code's convention (sign flipped)",
                   FormRole::Convention, kCodeAttention.value, kCodeAttention.where});
    r.values["printed_form_on_symmetric_A"] = printed_form_on_symmetric(options);
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
