#include "family_s_evidence.hpp"

#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/expect/hessian_spectrum.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/theory/stationary.hpp"
#include "ltv/verify/decide.hpp"

#include <Eigen/LU>

#include <cmath>
#include <sstream>

namespace ltv::proofs {
namespace family_s_evidence_impl {
namespace {

constexpr double kRequiredDigits = 60;
constexpr double kGradientBound = 1e-40;
constexpr unsigned kExtraBits = 128;

/// One grid point's problem: Σ = U diag(e) Uᵀ, e dyadic in [1/4, 2] and not all equal, U from
/// Householder reflections; w ~ N(0, Σ⁻¹); n = 2d + L.
struct FamilyCase {
  LayerFamily family;
  FamilyGridPoint point;
  int n = 1;
  Vec<double> eigenvalues;
  Eigen::MatrixXd reflectors;

  LayerProblem<Mpfr> problem() const {
    const Mat<Mpfr> cov = with_spectrum<Mpfr>(convert_matrix<Mpfr>(Mat<double>(eigenvalues)).col(0),
                                              householder_orthogonal<Mpfr>(reflectors));
    return {family, cov, Mat<Mpfr>(cov.inverse()), n};
  }
  std::string text() const {
    std::ostringstream os;
    os << family_name(family) << " L=" << point.layers << " d=" << point.d << " n=" << n << " eigenvalues=("
       << eigenvalues.transpose() << ")";
    return os.str();
  }
};

FamilyCase make_case(LayerFamily family, const FamilyGridPoint& point, const RunOptions& options) {
  Rng rng(derive_seed(
      options.seed, stable_hash("family-S/" + std::to_string(point.layers) + "/" + std::to_string(point.d))));
  FamilyCase c{family, point, 2 * point.d + point.layers, Vec<double>(point.d),
               random_gaussian_vectors(point.d, rng)};
  std::uniform_int_distribution<int> eighths(2, 16);
  do {
    for (int i = 0; i < point.d; ++i) c.eigenvalues[i] = eighths(rng) / 8.0;
  } while (point.d > 1 && c.eigenvalues.maxCoeff() == c.eigenvalues.minCoeff());
  return c;
}

/// Digits to which two scalar vectors agree, relative to the larger entry.
double agreement_digits(const Vec<Mpfr>& a, const Vec<Mpfr>& b) {
  const Mpfr difference = Vec<Mpfr>(a - b).cwiseAbs().maxCoeff();
  if (difference == 0) return digits_of_bits(working_bits());
  return convert<double>(Mpfr(-log10(difference / b.cwiseAbs().maxCoeff())));
}

/// A fixed dyadic matrix, not symmetric and without zero entries: with a random rotation U it
/// commutes with no Σ of distinct eigenvalues (the row records |DΣ − ΣD| for each case).
Mat<Mpfr> perturbation(int d) {
  Mat<Mpfr> D(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) D(i, j) = Mpfr((i + 2 * j) % 5 + 1) / 8;
  return D;
}

struct Outcome {
  CaseEvidence printed, wrong_scalars, non_commuting;
  nlohmann::json row;
};

Outcome check_case(const FamilyCase& c, const RunOptions& options) {
  Outcome out;
  const ScopedBits bits(options.bits);
  const LayerProblem<Mpfr> problem = c.problem();
  const int L = c.point.layers;
  const FamilyOptimum<Mpfr> opt = family_optimum<Mpfr>(problem, L);
  double digits = 0;
  {
    const ScopedBits more(bits.bits() + kExtraBits);
    const FamilyMinimum<Mpfr> finer = family_minimum<Mpfr>(c.problem(), L);
    digits = agreement_digits(opt.minimum.scalars, finer.scalars);
  }
  const auto gradient_evidence = [&](const Mpfr& norm) {
    CaseEvidence e;
    e.tiers.push_back({Tier::HighPrecision, bits.bits(), short_decimal(norm), convert<double>(norm), digits,
                       kRequiredDigits});
    return e;
  };
  out.printed = gradient_evidence(opt.gradient_norm);
  if (digits < kRequiredDigits)
    out.printed.failure = "the scalars carry only " + std::to_string(digits) + " digits";
  else if (opt.gradient_norm > kGradientBound)
    out.printed.failure = "full gradient norm " + short_decimal(opt.gradient_norm) + " > 1e-40";

  // Negative controls: the statement "the full gradient vanishes" at points where it must not.
  const auto control = [&](const LayerParameters<Mpfr>& at) {
    const Mpfr norm = stack_layer_parameters<Mpfr>(layer_gradient<Mpfr>(at, problem)).norm();
    CaseEvidence e = gradient_evidence(norm);
    if (norm > kGradientBound) e.failure = "full gradient norm " + short_decimal(norm) + " > 1e-40";
    return e;
  };
  Vec<Mpfr> shifted = opt.minimum.scalars;
  shifted.array() += Mpfr(1) / 1024;
  out.wrong_scalars = control(family_point<Mpfr>(shifted, problem, L));
  LayerParameters<Mpfr> tilted = opt.point;
  const Mat<Mpfr> D = perturbation(c.point.d) / Mpfr(1024);
  for (auto& A : tilted.A) A += D;
  out.non_commuting = control(tilted);

  out.row = {{"family", family_name(c.family)},
             {"layers", L},
             {"d", c.point.d},
             {"n", c.n},
             {"cov_eigenvalues", std::vector<double>(c.eigenvalues.begin(), c.eigenvalues.end())},
             {"loss", short_decimal(opt.loss)},
             {"scalar_digits", digits},
             {"full_gradient_norm", short_decimal(opt.gradient_norm)},
             {"gradient_at_wrong_scalars", out.wrong_scalars.tiers[0].residual},
             {"gradient_with_non_commuting_perturbation", out.non_commuting.tiers[0].residual},
             {"commutator_norm", short_decimal(Mpfr(Mat<Mpfr>(D * problem.cov - problem.cov * D).norm()))}};
  nlohmann::json scalars = nlohmann::json::array();
  for (Eigen::Index i = 0; i < opt.minimum.scalars.size(); ++i)
    scalars.push_back(opt.minimum.free[static_cast<std::size_t>(i)] ? std::string("free")
                                                                    : short_decimal(opt.minimum.scalars[i]));
  out.row[c.family == LayerFamily::Sparse ? "a" : "a_then_b"] = scalars;
  if (c.point.hessian) {
    const HessianSpectrum h = hessian_spectrum(layer_hessian<Mpfr>(opt.point, problem));
    out.row["hessian"] = {{"entries", stack_layer_parameters<Mpfr>(opt.point).size()},
                          {"min_eigenvalue", short_decimal(h.min)},
                          {"max_eigenvalue", short_decimal(h.max)},
                          {"smallest_positive", short_decimal(h.smallest_positive)},
                          {"null_dimension", h.null_dimension},
                          {"negative_eigenvalues", h.negative},
                          {"local_minimum", h.negative == 0}};
  }
  return out;
}

/// Folds per-case evidence into a property outcome (cases run in grid order, no shrinking).
struct OutcomeBuilder {
  detail::EvidenceAccumulator acc;
  PropertyOutcome outcome{true, false, 0, std::nullopt, "", {}};
  void add(const CaseEvidence& e, const std::string& text) {
    acc.add(e, text);
    if (!outcome.passed) return;
    if (e.holds()) {
      ++outcome.cases;
    } else {
      outcome.passed = false;
      outcome.counterexample = text;
      outcome.failure = e.failure;
    }
  }
  PropertyOutcome done() {
    outcome.tiers = acc.reports();
    return outcome;
  }
};

}  // namespace
}  // namespace family_s_evidence_impl

ObligationResult run_family_s(const Obligation& o, const RunOptions& options, LayerFamily family,
                              const std::vector<FamilyGridPoint>& grid, const std::string& not_reached) {
  using namespace family_s_evidence_impl;
  OutcomeBuilder printed, wrong_scalars, non_commuting;
  nlohmann::json rows = nlohmann::json::array();
  for (const FamilyGridPoint& point : grid) {
    const FamilyCase c = make_case(family, point, options);
    const Outcome out = check_case(c, options);
    printed.add(out.printed, c.text());
    wrong_scalars.add(out.wrong_scalars, c.text() + " with every scalar + 1/1024");
    non_commuting.add(out.non_commuting, c.text() + " with A_l + D/1024, DΣ ≠ ΣD");
    rows.push_back(out.row);
  }
  StatementOutcomes s;
  s.statement = o.statement;
  s.printed = printed.done();
  const PropertyOutcome wrong = wrong_scalars.done(), tilted = non_commuting.done();
  // One negative-control slot: it counts as rejected only when both controls are.
  s.negative_description =
      "the full gradient also vanishes at a* + 1/1024 and at A_l = a_l* Σ⁻¹ + D/1024 with D not commuting "
      "with Σ";
  s.negative = wrong.passed ? wrong : tilted;
  if (!wrong.passed && !tilted.passed)
    s.negative.counterexample = *wrong.counterexample + "; " + *tilted.counterexample;
  ObligationResult r = decide(o, options, s);
  r.values["cases"] = rows;
  r.values["required_scalar_digits"] = kRequiredDigits;
  r.values["gradient_bound"] = "1e-40";
  r.values["negative_controls"] = {{"wrong_scalars_rejected", !wrong.passed},
                                   {"non_commuting_perturbation_rejected", !tilted.passed}};
  if (!not_reached.empty()) r.values["not_reached"] = not_reached;
  return r;
}

}  // namespace ltv::proofs
