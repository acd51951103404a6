#pragma once
// What the identity checks on LSA models share: the update matrices of a forward pass, and the
// size factor, condition estimate and magnitude that the float tiers' tolerance is derived from
// (verify/identity_check.hpp, scalar/tolerance.hpp). Instantiated for the identity tiers in
// full_model_evidence.cpp.
#include "ltv/model/forward.hpp"
#include "ltv/verify/arbitrary.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"
#include "ltv/verify/obligation.hpp"
#include "ltv/verify/result.hpp"

#include <type_traits>

namespace ltv::proofs {

/// The ranges a case generator with these limits draws from (an obligation's declared scope).
inline std::vector<std::pair<std::string, std::string>> drawn_scope(const FullCaseLimits& limits) {
  const auto range = [](int lo, const std::string& lo_text, int hi) {
    return lo == hi ? std::to_string(hi) : lo_text + "–" + std::to_string(hi);
  };
  return {{"d", range(1, "1", limits.max_d)},
          {"n", limits.n_at_least_d ? "d–" + std::to_string(limits.max_n) : range(limits.min_n, std::to_string(limits.min_n), limits.max_n)},
          {"L", range(limits.min_layers, std::to_string(limits.min_layers), limits.max_layers)},
          {"H", range(1, "1", limits.max_heads)},
          {"c", "1, 1/n"},
          {"inputs", "dyadic"}};
}

/// The check of identity sides at every identity tier (check_identity): `sides(std::type_identity<T>{},
/// case, form)` is the identity's two sides in tier T, for a case and a form (verify/forms.hpp).
template <class Sides>
auto sides_check(Sides sides) {
  return [sides](const auto& c, Form form) {
    return check_identity([&]<class T>(std::type_identity<T> tier) { return sides(tier, c, form); });
  };
}

/// An identity obligation about the forward pass of drawn models: `check(case, form)` (sides_check)
/// decides each case of `gen`, which draws within `limits` (the declared scope), in the printed form
/// and in `texts`' second form and negative control (run_forms).
template <class Case, class Check>
Obligation forward_identity(std::string id, std::string paper, std::string title, std::string statement,
                            const FullCaseLimits& limits, rc::Gen<Case> gen, Check check, FormTexts texts,
                            const char* declared_in = __builtin_FILE()) {
  Obligation obligation =
      identity_obligation(std::move(id), std::move(paper), std::move(title), std::move(statement), declared_in);
  obligation.scope.checked = drawn_scope(limits);
  obligation.run = [gen = std::move(gen), check = std::move(check), texts = std::move(texts)](
                       const Obligation& o, const RunOptions& options) {
    return run_forms(o, options, gen, check, texts);
  };
  return obligation;
}

/// Roundings that accumulate into one token entry over the whole forward pass: per layer the
/// Gram sum (n terms), the two products P·G·Q (2(d+1) terms), the heads, and the update.
inline double forward_size_factor(int d, int n, int layers, int heads) {
  return static_cast<double>(layers) * heads * (n + 2 * (d + 1) + 1);
}

/// The relative condition of the forward pass: the layer map e -> e + K(e) e is cubic in the
/// tokens, so a relative perturbation is amplified by at most 1 + 3‖K^l‖∞ per layer.
template <class T>
double forward_condition(const std::vector<Mat<T>>& updates);

/// The largest entry of any layer's tokens: the magnitude of the terms every token entry is a sum of.
template <class T>
double state_magnitude(const std::vector<Mat<T>>& tokens);

/// The update matrices K^l of every layer, from the token forward pass.
template <class T>
std::vector<Mat<T>> layer_updates(const Model<T>& m, const std::vector<Mat<T>>& tokens);

/// κ₂ of a matrix, computed in double: the amplification of relative error by a solve with it.
template <class T>
double condition_number(const Mat<T>& S);

/// The sides of an identity about the forward pass of `model` on a context of n tokens, with what
/// the float tiers' tolerance is derived from: the size factor of the whole pass, the condition of
/// its updates and the magnitude of its tokens.
template <class T>
IdentitySides<T> forward_sides(const Stack<T>& lhs, const Stack<T>& rhs, const Model<T>& model, int n,
                               const std::vector<Mat<T>>& updates, const std::vector<Mat<T>>& tokens);

/// True when the Gram matrix XᵀX of the context is exactly singular (decided over the rationals).
bool singular_gram(const Mat<Rational>& X);

#define LTV_EVIDENCE_INSTANCES(PREFIX, T)                                                                   \
  PREFIX template double forward_condition<T>(const std::vector<Mat<T>>&);                                  \
  PREFIX template double state_magnitude<T>(const std::vector<Mat<T>>&);                                    \
  PREFIX template std::vector<Mat<T>> layer_updates<T>(const Model<T>&, const std::vector<Mat<T>>&);        \
  PREFIX template double condition_number<T>(const Mat<T>&);                                                \
  PREFIX template IdentitySides<T> forward_sides<T>(const Stack<T>&, const Stack<T>&, const Model<T>&, int, \
                                                    const std::vector<Mat<T>>&, const std::vector<Mat<T>>&);
#define LTV_EVIDENCE_INSTANCES_EXTERN(T) LTV_EVIDENCE_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_EVIDENCE_INSTANCES_EXTERN)

}  // namespace ltv::proofs
