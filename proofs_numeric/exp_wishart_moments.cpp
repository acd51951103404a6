// EXP.WISHART — the Wick engine reproduces known real-Wishart moments exactly (docs/architecture.md, the first
// of its three validations of the engine).
//
// Statement: for W = Σ_{i<=n} x_i x_iᵀ with x_i i.i.d. N(0, I_d),
//   E tr W = nd,   E tr W² = nd(n + d + 1),   E (tr W)² = nd(nd + 2),
//   E tr W³ = nd(n² + d² + 3nd + 3n + 3d + 4),
// and with x_i i.i.d. N(0, Σ), for every d×d matrix C (not necessarily symmetric),
//   E W = nΣ,   E[W C W] = n² ΣCΣ + n (ΣCᵀΣ + tr(CΣ) Σ);
// the engine (expect/wick.hpp, W-variants) gives every one of them exactly over the rationals.
// Where the formulas come from (each was also checked against a 400 000-draw Monte Carlo before
// it was relied on, at (d, n) = (2, 3), (3, 1), (1, 4), (4, 2): all within 1.3 standard errors):
//   * tr W = Σ_{i,p} x_ip² ~ χ²_{nd}, whose first two moments are nd and nd(nd + 2);
//   * E tr W² and E tr W³ are Letac & Massam's moments of the real Wishart law (at d = 1 they are
//     the χ²_n moments n(n + 2) and n(n + 2)(n + 4));
//   * E[W C W] = Σ_{i,j} E[x_i x_iᵀ C x_j x_jᵀ]: the n(n − 1) pairs i ≠ j give ΣCΣ each, and by
//     Isserlis' theorem each of the n terms i = j gives ΣCΣ + ΣCᵀΣ + tr(CΣ) Σ.
// The engine sees them as chains: E tr W^k = E tr(I W ··· I W); (tr W)² = Σ_{p,q} W_pp W_qq =
// Σ_{p,q} tr(E_pq W E_qp W), so E (tr W)² is d² engine calls; E W and E[W C W] are the open
// chains (I, I) and (I, C, I).
// Cases: RapidCheck draws d <= 6, n <= 12 and a seed for Σ = B Bᵀ and C, B and C dyadic (j/8) and
// non-symmetric (dyadic_wick_case: short rationals; Householder-built Σ made this obligation 4×
// slower, all in GMP's gcds, and tests/expect covers those); besides, every (d, n) of that
// grid is checked once (values.grid), and the same check is run on the per-matching reference
// evaluator (expect/wick_reference.hpp) with and without its deliberate flaws (values.
// reference_engines): the flawless one must pass everywhere, each flawed one must be rejected.
// Negative control: the complex-Wishart second moment E tr W² = nd(n + d) in place of nd(n + d + 1).
#include "catalogue.hpp"

#include "ltv/expect/wick_reference.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ltv::proofs {
namespace exp_wishart_moments_impl {
namespace {

using Q = Rational;

constexpr int kMaxDimension = 6;
constexpr int kMaxSamples = 12;

struct WishartCase {
  int d = 1;
  int n = 1;
  std::uint64_t seed = 0;  ///< of Σ and C in the non-isotropic moments (dyadic_wick_case)
};

std::ostream& operator<<(std::ostream& os, const WishartCase& c) {
  return os << "d=" << c.d << " n=" << c.n << " seed=" << c.seed;
}
[[maybe_unused]] void showValue(const WishartCase& c, std::ostream& os) { os << c; }

rc::Gen<WishartCase> wishart_case() {
  return rc::gen::exec([] {
    WishartCase c;
    c.d = *rc::gen::inRange(1, kMaxDimension + 1);
    c.n = *rc::gen::inRange(1, kMaxSamples + 1);
    c.seed = *rc::gen::arbitrary<std::uint64_t>();
    return c;
  });
}

/// The engine under test: the library's, or the per-matching reference evaluator with a flaw.
struct Engine {
  std::string name;
  bool library = true;
  WickFlaw flaw = WickFlaw::None;
};

/// The moment of W (not of S = W/n) of a cyclic chain (1×1) or an open chain.
Mat<Q> wishart_moment(const Engine& engine, WickChain chain, const WickCase<Q>& input) {
  return engine.library ? wick_value(chain, input, false) : reference_wick(chain, input, false, engine.flaw);
}

/// Every moment of the statement for one case: the engine's values against the formulas, stacked
/// into two vectors, with the first mismatch named (so a counterexample says which moment failed).
struct Moments {
  Stack<Q> engine, formula;
  std::string first_mismatch;
  void add(const std::string& name, const Mat<Q>& by_engine, const Mat<Q>& by_formula) {
    engine.add(by_engine);
    formula.add(by_formula);
    if (!first_mismatch.empty() || by_engine == by_formula) return;
    Eigen::Index i = 0, j = 0;
    (by_engine - by_formula).cwiseAbs().maxCoeff(&i, &j);
    first_mismatch = name;
    if (by_engine.size() > 1)
      first_mismatch.append(", entry (")
          .append(std::to_string(i))
          .append(", ")
          .append(std::to_string(j))
          .append(")");
    first_mismatch.append(": engine ")
        .append(to_decimal(Q(by_engine(i, j))))
        .append(", formula ")
        .append(to_decimal(Q(by_formula(i, j))));
  }
};

CaseEvidence moments_check(const WishartCase& c, Form form, const Engine& engine) {
  const int d = c.d, n = c.n;
  const Mat<Q> I = Mat<Q>::Identity(d, d);
  const auto trace_of = [&](std::vector<Mat<Q>> C, const Mat<Q>& Sigma) {
    return wishart_moment(engine, WickChain::Cyclic, {n, Sigma, std::move(C)});
  };
  const auto scalar = [](const Q& x) { return Mat<Q>::Constant(1, 1, x); };
  const Q nd = Q(n) * d;

  Moments m;
  m.add("E tr W = nd", trace_of({I}, I), scalar(nd));
  if (form == Form::NegativeControl)
    m.add("E tr W² = nd(n + d) (complex Wishart)", trace_of({I, I}, I), scalar(nd * (n + d)));
  else
    m.add("E tr W² = nd(n + d + 1)", trace_of({I, I}, I), scalar(nd * (n + d + 1)));
  Mat<Q> square_of_trace = Mat<Q>::Zero(1, 1);
  for (int p = 0; p < d; ++p)
    for (int q = 0; q < d; ++q)
      square_of_trace += trace_of({unit_matrix<Q>(d, p, q), unit_matrix<Q>(d, q, p)}, I);
  m.add("E (tr W)² = nd(nd + 2)", square_of_trace, scalar(nd * (nd + 2)));
  m.add("E tr W³ = nd(n² + d² + 3nd + 3n + 3d + 4)", trace_of({I, I, I}, I),
        scalar(nd * (Q(n) * n + Q(d) * d + 3 * nd + 3 * n + 3 * d + 4)));

  const WickCase<Q> random = dyadic_wick_case<Q>(d, n, 1, c.seed);
  const Mat<Q>& Sigma = random.Sigma;
  const Mat<Q>& C = random.C.front();
  m.add("E W = nΣ", wishart_moment(engine, WickChain::Open, {n, Sigma, {I, I}}), Q(n) * Sigma);
  const Mat<Q> SCS = Sigma * C * Sigma;
  const Mat<Q> SCtS = Sigma * C.transpose() * Sigma;
  m.add("E[W C W] = n² ΣCΣ + n(ΣCᵀΣ + tr(CΣ)Σ)",
        wishart_moment(engine, WickChain::Open, {n, Sigma, {I, C, I}}),
        Q(n) * n * SCS + Q(n) * (SCtS + Q((C * Sigma).trace()) * Sigma));

  CaseEvidence e;
  e.failure = m.first_mismatch;
  if (!e.failure.empty())
    e.failure.append(" (d = ")
        .append(std::to_string(d))
        .append(", n = ")
        .append(std::to_string(n))
        .append(")");
  IdentitySides<Q> sides;
  sides.lhs = m.engine.vector();
  sides.rhs = m.formula.vector();
  e.tiers.push_back(detail::exact_identity_evidence(sides, e.failure));
  return e;
}

/// Every (d, n) of the grid once, Σ and C from a seed derived from the run's: how many pairs hold
/// for `engine`, and the first that does not.
nlohmann::json grid_check(const Engine& engine, std::uint64_t seed) {
  int holding = 0;
  std::string first_failure;
  for (int d = 1; d <= kMaxDimension; ++d)
    for (int n = 1; n <= kMaxSamples; ++n) {
      const WishartCase c{d, n, derive_seed(seed, static_cast<std::uint64_t>(100 * d + n))};
      const CaseEvidence e = moments_check(c, Form::Printed, engine);
      if (e.holds())
        ++holding;
      else if (first_failure.empty())
        first_failure = e.failure;
    }
  return {{"engine", engine.name},
          {"pairs", kMaxDimension * kMaxSamples},
          {"holding", holding},
          {"first_failure", first_failure}};
}

}  // namespace
}  // namespace exp_wishart_moments_impl

Obligation exp_wishart_moments() {
  using namespace exp_wishart_moments_impl;
  Obligation obligation =
      make_obligation("EXP.WISHART", "ltv", "The Wick engine reproduces known real-Wishart moments exactly",
                      Kind::Identity, {Tier::Rational},
                      "For $W = \\sum_{i ≤ n} x_i x_i^⊤$, $x_i \\sim N(0, I_d)$: $E\\, \\mathrm{tr} W = nd$, "
                      "$E\\, \\mathrm{tr} W^2 = nd(n+d+1)$, "
                      "$E (\\mathrm{tr} W)^2 = nd(nd+2)$, $E\\, \\mathrm{tr} W^3 = nd(n^2+d^2+3nd+3n+3d+4)$; "
                      "with $x_i \\sim N(0, Σ)$: "
                      "$E W = nΣ$ and $E[W C W] = n^2 ΣCΣ + n(ΣC^⊤Σ + \\mathrm{tr}(CΣ)Σ)$ for any C; the "
                      "Wick engine gives each "
                      "exactly ($d ≤ 6$, $n ≤ 12$)");
  obligation.scope.checked = {{"d", "1–6"}, {"n", "1–12"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const Engine library{"library", true, WickFlaw::None};
    ObligationResult r = run_forms(o, options, wishart_case(),
                                   [&](const WishartCase& c, Form f) { return moments_check(c, f, library); },
                                   {std::nullopt, "the complex-Wishart second moment E tr W² = nd(n + d)"});
    const std::uint64_t grid_seed = property_seed(options.seed, o.id, "grid");
    const nlohmann::json grid = grid_check(library, grid_seed);
    r.values["grid"] = grid;
    if (grid.at("holding") != grid.at("pairs") && r.verdict == Verdict::Holds) {
      r.verdict = Verdict::Fails;
      r.counterexample = grid.at("first_failure").get<std::string>();
    }
    // The same check must tell a right engine from a wrong one: the reference evaluator passes, and
    // each of its flawed variants is rejected somewhere on the grid.
    r.values["reference_engines"] = {
        grid_check({"reference", false, WickFlaw::None}, grid_seed),
        grid_check({"reference without the n^c weight", false, WickFlaw::NoComponentWeight}, grid_seed),
        grid_check({"reference without the transposes", false, WickFlaw::NoTransposes}, grid_seed)};
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
