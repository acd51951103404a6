// EXP.ONE_LAYER — the general L-layer engine agrees with the one-layer closed form (docs/architecture.md).
//
// Two independent routes to the same exact number: expect/one_layer.hpp (conditional on w a
// Wishart expectation in the token space R^{d+1}, then a rational Gaussian cubature over w) and
// expect/layer_loss.hpp with L = 1 (the error polynomial of layer_polynomial.hpp, the Wick engine
// over S in R^d, w integrated through Σ_w = I). For one-layer SPARSE (P = diag(0, 1),
// Q = −diag(A, 0)) and RELAXED (P = diag(B, 1), Q = diag(A, 0)) models with random dyadic A, B and
// a random Σ = U diag(e) Uᵀ (U exactly orthogonal), the two losses are equal over the rationals.
// Negative control: the general engine at n + 1 (an off-by-one in the context length).
#include "catalogue.hpp"
#include "rotated_covariance.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/expect/layer_loss.hpp"
#include "ltv/expect/one_layer.hpp"
#include "ltv/model/families.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/verify/forms.hpp"

namespace ltv::proofs {
namespace exp_one_layer_engine_impl {
namespace {

struct EngineCase {
  bool relaxed = false;
  int n = 1;
  RotatedCovariance sigma;
  DyadicMatrix A, B;
  int d() const { return sigma.d(); }
};

std::ostream& operator<<(std::ostream& os, const EngineCase& c) {
  return os << (c.relaxed ? "relaxed" : "sparse") << " d=" << c.d() << " n=" << c.n << " " << c.sigma
            << " A=" << c.A << (c.relaxed ? " B=" : "");
}
[[maybe_unused]] void showValue(const EngineCase& c, std::ostream& os) {
  os << c;
  if (c.relaxed) os << c.B;
}

rc::Gen<EngineCase> engine_case() {
  return rc::gen::exec([] {
    EngineCase c;
    const int d = *rc::gen::inRange(1, 5);
    c.relaxed = *rc::gen::arbitrary<bool>();
    c.n = *rc::gen::inRange(1, 3 * d + 1);
    c.sigma = draw_rotated_covariance(d);
    c.A = *gen::dyadic_matrix(d, d, 3, 8);
    c.B = *gen::dyadic_matrix(d, d, 3, 8);
    return c;
  });
}

CaseEvidence agreement(const EngineCase& c, Form form) {
  const Mat<Rational> cov = c.sigma.cov<Rational>();
  const Mat<Rational> A = c.A.to<Rational>(), B = c.B.to<Rational>();
  const Layer<Rational> layer = c.relaxed ? relaxed_layer<Rational>(A, B) : sparse_layer<Rational>(A);
  const OneLayerProblem<Rational> closed{cov, Rational(0), c.n, Norm::Mean};
  const LayerFamily family = c.relaxed ? LayerFamily::Relaxed : LayerFamily::Sparse;
  const int n = form == Form::NegativeControl ? c.n + 1 : c.n;
  const LayerProblem<Rational> general{family, cov, Mat<Rational>::Identity(c.d(), c.d()), n};
  LayerParameters<Rational> params;
  params.A.push_back(A);
  if (c.relaxed) params.B.push_back(B);
  const Rational difference = layer_loss<Rational>(params, general) -
                              one_layer_loss<Rational>(layer.heads[0].P, layer.heads[0].Q, closed);
  CaseEvidence e;
  e.tiers.push_back({Tier::Rational, 0, to_decimal(difference), 0, std::nullopt, std::nullopt});
  if (difference != 0) e.failure = "the two exact losses differ by " + to_decimal(difference);
  return e;
}

}  // namespace
}  // namespace exp_one_layer_engine_impl

Obligation exp_one_layer_engine() {
  using namespace exp_one_layer_engine_impl;
  Obligation obligation = make_obligation(
      "EXP.ONE_LAYER", "ltv",
      "The general L-layer engine agrees with the one-layer closed form (docs/architecture.md)",
      Kind::Identity, {Tier::Rational},
      "for one-layer SPARSE and RELAXED models, the loss by the Wick engine over S equals the closed "
      "form of the token-space Wishart expectation with cubature over w, exactly");
  obligation.scope.checked = {{"d", "1–4"}, {"n", "1–3d"}, {"L", "1"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    return run_forms(o, options, engine_case(), agreement, {std::nullopt, "the general engine at n + 1"});
  };
  return obligation;
}

}  // namespace ltv::proofs
