// V24 Lemma A.2 — on a well-conditioned Gram matrix one plain GD step is already close to OLS.
//
// Statement (docs/catalogue.md): Σ's eigenvalues in [1, 1+ε] ⇒ ŵ = Σ_i y_i x_i satisfies |ŵ − w*| <= ε|w*|.
// Setting (V24's normalisation): Σ = Σ_i x_i x_iᵀ, α = Σ_i y_i x_i, w* = Σ⁻¹α the OLS solution, so
// ŵ = α = Σ w* and ŵ − w* = (Σ − I) w*, whose norm is at most max|λ_i − 1| |w*| <= ε|w*|.
// Cases are real data sets with a prescribed spectrum: X = U diag(s) Wᵀ (columns x_i, n >= d),
// U and W exactly orthogonal (Householder products), s_i dyadic with s_i² in [1, 1+ε]; the labels
// y = Xᵀw* + r with r = (I − WWᵀ) z orthogonal to X's rows, so w* is the OLS solution of noisy data.
// Checked: α = Σ w* (the normal equations) exactly and in MPFR/double; |α − w*|² <= ε²|w*|² exactly.
// Measured: the worst ratio |ŵ − w*| / (ε|w*|).
// Negative control: s_i² in [1 − ε, 1 + 2ε] (Σ's spectrum outside the hypothesis); rejected.
#include "catalogue.hpp"

#include "ltv/verify/arbitrary.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/verify/forms.hpp"
#include "ltv/verify/identity_check.hpp"

#include <cmath>
#include <memory>

namespace ltv::proofs {
namespace v24_la_2_well_conditioned_gd_impl {
namespace {

struct GdCase {
  int n = 1;
  std::int64_t eps_num = 1;  ///< ε = eps_num / 2^eps_exp in (0, 1)
  int eps_exp = 1;
  DyadicMatrix position;    ///< d×1, numerators in [0, 64]: where s_i² sits in the allowed range
  DyadicMatrix reflectors;  ///< d×d: U
  DyadicMatrix token_refl;  ///< n×n: W = the first d columns of its Householder product
  DyadicMatrix w_star;      ///< d×1, nonzero
  DyadicMatrix z;           ///< n×1: the residual before projection
  int d() const { return static_cast<int>(position.rows()); }
  Rational eps() const { return Rational(eps_num) / Rational(std::int64_t{1} << eps_exp); }
};

std::ostream& operator<<(std::ostream& os, const GdCase& c) {
  return os << "d=" << c.d() << " n=" << c.n << " eps=" << c.eps_num << "/2^" << c.eps_exp
            << " position=" << c.position << " U=" << c.reflectors << " W=" << c.token_refl
            << " w*=" << c.w_star << " z=" << c.z;
}
[[maybe_unused]] void showValue(const GdCase& c, std::ostream& os) { os << c; }

rc::Gen<GdCase> gd_case() {
  return rc::gen::exec([] {
    GdCase c;
    const int d = *rc::gen::inRange(1, 5);
    c.n = *rc::gen::inRange(d, d + 4);
    c.eps_exp = *rc::gen::inRange(1, 9);
    c.eps_num = *rc::gen::inRange<std::int64_t>(1, std::int64_t{1} << c.eps_exp);
    c.position.exponent = 6;
    c.position.numerators.resize(d, 1);
    for (int i = 0; i < d; ++i) c.position.numerators(i, 0) = *rc::gen::inRange<std::int64_t>(0, 65);
    c.reflectors = *gen::nonzero_dyadic_matrix(d, d, 3, 8);
    c.token_refl = *gen::nonzero_dyadic_matrix(c.n, c.n, 3, 8);
    c.w_star = *gen::nonzero_dyadic_matrix(d, 1, 3, 8);
    c.z = *gen::dyadic_matrix(c.n, 1, 3, 8);
    return c;
  });
}

/// Singular values s_i = 1 + b_i/2^q (dyadic, so Σ = X Xᵀ is exactly rational) with s_i² in
/// [lo, hi]; `position` picks where in that range. The grid is fine enough (q = eps_exp + 6) that
/// the range is never empty.
std::vector<Rational> singular_values(const GdCase& c, const Rational& lo, const Rational& hi) {
  const int q = c.eps_exp + 6;
  const Rational step = Rational(1) / Rational(std::int64_t{1} << q);
  const auto grid = [&](double v) {
    return static_cast<std::int64_t>(std::floor((std::sqrt(v) - 1) * std::ldexp(1.0, q)));
  };
  std::int64_t b_lo = grid(static_cast<double>(lo)), b_hi = grid(static_cast<double>(hi)) + 1;
  const auto sq = [&](std::int64_t b) {
    const Rational s = 1 + Rational(b) * step;
    return s * s;
  };
  while (sq(b_lo) < lo) ++b_lo;  // exact repairs of the double estimates
  while (b_lo > 0 && sq(b_lo - 1) >= lo) --b_lo;
  while (sq(b_hi) > hi) --b_hi;
  std::vector<Rational> s;
  for (int i = 0; i < c.d(); ++i) {
    const std::int64_t b = b_lo + (b_hi - b_lo) * c.position.numerators(i, 0) / 64;
    s.push_back(1 + Rational(b) * step);
  }
  return s;
}

template <class T>
struct GdData {
  Mat<T> X;  ///< d×n, columns are the tokens' x_i
  Vec<T> y, w_star;
};

template <class T>
GdData<T> gd_data(const GdCase& c, const std::vector<Rational>& s) {
  const int d = c.d();
  const Mat<T> U = householder_orthogonal<T>(c.reflectors.to<double>());
  const Mat<T> W = householder_orthogonal<T>(c.token_refl.to<double>()).leftCols(d);
  Vec<T> sv(d);
  for (int i = 0; i < d; ++i) sv[i] = convert<T>(s[i]);
  GdData<T> g;
  g.X = U * sv.asDiagonal() * W.transpose();
  g.w_star = c.w_star.to_vector<T>();
  const Vec<T> z = c.z.to_vector<T>();
  const Vec<T> r = z - W * (W.transpose() * z);  // orthogonal to X's rows: w* stays the OLS solution
  g.y = g.X.transpose() * g.w_star + r;
  return g;
}

/// ŵ = α = X y against Σ w* = X Xᵀ w*: the normal equations, i.e. w* = Σ⁻¹α.
template <class T>
IdentitySides<T> normal_equation_sides(const GdCase& c, const std::vector<Rational>& s) {
  const GdData<T> g = gd_data<T>(c, s);
  const Vec<T> alpha = g.X * g.y;
  const Vec<T> sigma_w = g.X * (g.X.transpose() * g.w_star);
  const double magnitude = convert<double>(T(g.X.cwiseAbs().maxCoeff())) *
                           convert<double>(T(g.y.cwiseAbs().maxCoeff() + g.w_star.cwiseAbs().maxCoeff())) *
                           c.n;
  return {alpha, sigma_w, 4.0 * c.n * c.n * c.d(), 4, magnitude};
}

CaseEvidence gd_check(const GdCase& c, Form form, double* worst_ratio) {
  const Rational eps = c.eps();
  const bool negative = form == Form::NegativeControl;
  const std::vector<Rational> s =
      negative ? singular_values(c, 1 - eps, 1 + 2 * eps) : singular_values(c, Rational(1), 1 + eps);
  CaseEvidence e =
      check_identity([&]<class T>(std::type_identity<T>) { return normal_equation_sides<T>(c, s); });
  if (!e.holds()) return e;
  const GdData<Rational> g = gd_data<Rational>(c, s);
  const Vec<Rational> gap = g.X * g.y - g.w_star;
  const Rational lhs = gap.squaredNorm(), rhs = eps * eps * g.w_star.squaredNorm();
  const double ratio = std::sqrt(static_cast<double>(lhs / rhs));
  if (!negative && ratio > *worst_ratio) *worst_ratio = ratio;
  if (lhs > rhs) e.failure = "|w_hat - w*| / (eps |w*|) = " + short_decimal(Mpfr(ratio)) + " > 1";
  return e;
}

}  // namespace
}  // namespace v24_la_2_well_conditioned_gd_impl

Obligation v24_la_2_well_conditioned_gd() {
  using namespace v24_la_2_well_conditioned_gd_impl;
  Obligation obligation =
      make_obligation("V24.LA.2", "V24",
                      "One GD step on a Gram matrix with spectrum in [1, 1+ε] is ε-close to OLS (Lemma A.2)",
                      Kind::Inequality, {Tier::Rational, Tier::Mpfr, Tier::Double},
                      "Σ's eigenvalues in $[1, 1+ε]$ ⇒ $\\hat w = \\sum_i y_i x_i$ satisfies $\\|\\hat w - "
                      "w^*\\| ≤ ε \\|w^*\\|$");
  obligation.scope.checked = {{"d", "1–4"}, {"n", "d–d+3"}, {"ε", "k/2^e, e ≤ 8"}, {"Σ", "dyadic spectra in [1, 1+ε]"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    auto worst = std::make_shared<double>(0.0);
    ObligationResult r = run_forms(o, options, gd_case(),
                                   [worst](const GdCase& c, Form f) { return gd_check(c, f, worst.get()); },
                                   {std::nullopt, "Σ's eigenvalues in $[1 - ε, 1 + 2ε]$"});
    r.values["worst_ratio_dist_over_eps_norm"] = *worst;
    r.values["setting"] =
        "Sigma = sum x_i x_i^T = X X^T with X = U diag(s) W^T, w* = Sigma^-1 alpha (OLS, noisy labels), "
        "w_hat = alpha = Sigma w*";
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
