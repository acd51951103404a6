// V24 §5.3 — ω_xy adapts the step size of the GD step that ω_yx takes.
//
// Two layers: the first with only ω_xy != 0, the second with only ω_yx != 0 (ω's times c).
// V24 approximates the result as one GD step ŷ = <θ, x_q>, θ = η α, with the step
//   η = -ω_yx (1 + ω_xy Σ_i r_i²)     (printed; r_i the OLS residuals),
// after dropping a "multiplicative" term. Exactly: layer 1 maps x_i -> x_i + ω_xy y_i α and leaves
// x_q alone (its label is 0), so α^1 = (1 + ω_xy λ) α and
//   ŷ = -ω_yx (1 + ω_xy λ) <α, x_q>,   λ = Σ_i y_i² = Σ_i r_i² + αᵀΣ⁻¹α,
// an exact closed form: one GD step with η = -ω_yx (1 + ω_xy λ). The printed step is off by the
// relative amount |ω_xy αᵀΣ⁻¹α| / |1 + ω_xy λ|; measured on Gaussian data as a function of ω_xy
// and the noise level σ and reported in the values.
// Negative control: η = -ω_yx (1 - ω_xy λ).
#include "catalogue.hpp"
#include "full_model_evidence.hpp"

#include "ltv/core/task.hpp"
#include "ltv/model/arbitrary.hpp"
#include "ltv/theory/least_squares.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

#include <algorithm>

namespace ltv::proofs {
namespace v24_s5_3_omega_xy_step_impl {
namespace {

template <class T>
IdentitySides<T> sides(const DiagCase& c, Form form) {
  const Model<T> model = c.model.to<T>();
  const Mat<T> X = c.prompt.X.to<T>();
  const Vec<T> y = c.prompt.y.to_vector<T>();
  const Vec<T> xq = c.prompt.xq.to_vector<T>();
  const auto tokens = forward_tokens(model, c.prompt.tokens<T>());
  const T scale = attention_scale<T>(model.norm, c.prompt.n());
  const T omega_xy = scale * omega(c.model.heads<T>(0)).xy;
  const T omega_yx = scale * omega(c.model.heads<T>(1)).yx;
  const T lambda = y.squaredNorm();
  T factor = T(1) + omega_xy * lambda;
  if (form == Form::Printed) factor = T(1) + omega_xy * residual_sum_of_squares(X, y, ols(X, y));
  if (form == Form::NegativeControl) factor = T(1) - omega_xy * lambda;
  const Vec<T> alpha = X.transpose() * y;
  Stack<T> lhs, rhs;
  lhs.add(prediction(tokens.back()));
  rhs.add(T(-omega_yx * factor * alpha.dot(xq)));
  const int heads = static_cast<int>(c.model.layers.front().size());
  return {lhs.vector(), rhs.vector(), forward_size_factor(model.d, c.prompt.n(), 2, heads),
          forward_condition(layer_updates(model, tokens)) * condition_number(Mat<T>(X.transpose() * X)),
          state_magnitude(tokens)};
}

CaseEvidence check(const DiagCase& c, Form form) {
  RC_PRE(!singular_gram(c.prompt.X.to<Rational>()));
  return check_identity([&]<class T>(std::type_identity<T>) { return sides<T>(c, form); });
}

/// The relative error of the printed step, |ω_xy αᵀΣ⁻¹α| / |1 + ω_xy λ|, on Gaussian data
/// (d = 5, n = 20, w ~ N(0, I)), per noise level σ and per ω_xy (as ω_xy·n); median and 90th
/// percentile over `draws` sequences.
nlohmann::json approximation_study(const RunOptions& options) {
  constexpr int d = 5, n = 20;
  const int draws = std::max(options.cases, 100);
  nlohmann::json rows = nlohmann::json::array();
  for (const double sigma : {0.0, 0.5, 1.0, 2.0, 4.0}) {
    TaskDistribution dist;
    dist.d = d;
    dist.n = n;
    dist.noise = {NoiseMode::Fixed, sigma, {}};
    const Sampler sampler(dist);
    const auto batch = sampler.sample_batch(draws, derive_seed(options.seed, stable_hash("V24.S5.3/study")));
    for (const double omega_n : {-0.1, -0.01, 0.01, 0.1}) {
      const double omega_xy = omega_n / n;
      std::vector<double> errors;
      for (const Sequence& s : batch) {
        const double lambda = s.y.squaredNorm();
        const double rho = residual_sum_of_squares<double>(s.X, s.y, ols<double>(s.X, s.y));
        errors.push_back(std::abs(omega_xy * (lambda - rho)) / std::abs(1 + omega_xy * lambda));
      }
      std::sort(errors.begin(), errors.end());
      rows.push_back({{"sigma", sigma},
                      {"omega_xy_times_n", omega_n},
                      {"median_relative_step_error", errors[errors.size() / 2]},
                      {"p90_relative_step_error", errors[errors.size() * 9 / 10]}});
    }
  }
  return {{"setting", "d=5, n=20, x ~ N(0, I), w ~ N(0, I), " + std::to_string(draws) + " sequences per σ"},
          {"exact_step", "eta = -omega_yx (1 + omega_xy lambda), lambda = sum_i y_i^2"},
          {"relative_error_of_printed_step", "|omega_xy alpha^T Sigma^-1 alpha| / |1 + omega_xy lambda|"},
          {"rows", rows}};
}

}  // namespace
}  // namespace v24_s5_3_omega_xy_step_impl

Obligation v24_s5_3_omega_xy_step() {
  using namespace v24_s5_3_omega_xy_step_impl;
  Obligation o =
      identity_obligation("V24.S5.3", "V24", "ω_xy then ω_yx: one GD step with an adapted step size",
                          "two layers (only ω_xy, then only ω_yx) predict like one GD step with step size "
                          "-ω_yx (1 + ω_xy Σ_i r_i²) (printed as an approximation)");
  o.run = [o](const RunOptions& options) {
    FullCaseLimits limits;
    limits.max_d = 5;
    limits.n_at_least_d = true;
    limits.min_layers = limits.max_layers = 2;
    ObligationResult r = run_forms(o, options, gen::diag_case({kOnlyOmegaXY, kOnlyOmegaYX}, limits), check,
                                   {"exactly one GD step with step size -ω_yx (1 + ω_xy λ), λ = Σ_i y_i²",
                                    "step size -ω_yx (1 - ω_xy λ)"});
    r.values["approximation"] = approximation_study(options);
    return r;
  };
  return o;
}

}  // namespace ltv::proofs
