// theory/stationary.hpp and theory/stationary_analysis.hpp (`ltv theory stationary`): the restricted
// polynomial is the loss on S, the best point does not depend on the random rotation U, and it is
// a stationary point of the full loss.
#include "ltv/core/spectra.hpp"
#include "ltv/scalar/measure.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"
#include "ltv/theory/stationary_analysis.hpp"

#include <Eigen/LU>
#include <catch2/catch.hpp>

#include <algorithm>

namespace {

using ltv::LayerFamily;
using ltv::Mat;
using ltv::Mpfr;
using ltv::Rational;
using ltv::Vec;

Vec<Mpfr> spectrum(std::initializer_list<double> values) {
  Vec<Mpfr> e(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (const double v : values) e[i++] = Mpfr(v);
  return e;
}

double relative_digits(const Mat<Mpfr>& a, const Mat<Mpfr>& b) { return ltv::agreement(a, b).digits(); }

Mat<Mpfr> scalar(const Mpfr& x) { return Mat<Mpfr>::Constant(1, 1, x); }

}  // namespace

TEST_CASE("on S the scalar polynomial is the exact loss", "[theory][stationary]") {
  // Over the rationals: Σ with an exactly orthogonal U, Σ_w = Σ⁻¹, a few rational scalars.
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed}) {
    const int layers = family == LayerFamily::Sparse ? 3 : 1, d = 2;
    ltv::Rng rng(3);
    Vec<Rational> e(d);
    e << Rational(1, 2), Rational(3, 2);
    const Mat<Rational> cov = ltv::with_spectrum<Rational>(
        e, ltv::householder_orthogonal<Rational>(ltv::random_gaussian_vectors(d, rng)));
    const ltv::LayerProblem<Rational> problem{family, cov, Mat<Rational>(cov.inverse()), 5};
    Vec<Rational> v(2 * layers);
    for (int i = 0; i < v.size(); ++i) v[i] = Rational(i + 1, 4) * (i % 2 ? -1 : 1);
    // The theorem's family and the wrong one of the negative control (A_l = a_l Σ) alike.
    for (const ltv::FamilyBasis basis : {ltv::FamilyBasis::CovInverse, ltv::FamilyBasis::Cov}) {
      const auto f = ltv::family_loss_polynomial<Rational>(problem, layers, basis);
      CHECK(f.value(v) ==
            ltv::layer_loss<Rational>(ltv::family_point<Rational>(v, problem, layers, basis), problem));
    }
  }
}

TEST_CASE("the best point of a wrong family is stationary in its scalars only", "[theory][stationary]") {
  // A23.T3/T4's negative controls at L = 1: {A = a Σ} with w ~ N(0, Σ⁻¹), and S with w ~ N(0, I).
  // Both searches converge (the scalar gradient vanishes), the full gradient does not; for Σ = I
  // both families are S and it does.
  const ltv::ScopedBits bits(256);
  const auto problem = [](const Vec<Mpfr>& e, bool identity_prior) {
    const Mat<Mpfr> cov = e.asDiagonal();
    const Mat<Mpfr> cov_w = identity_prior ? Mat<Mpfr>::Identity(e.size(), e.size()) : Mat<Mpfr>(cov.inverse());
    return ltv::LayerProblem<Mpfr>{LayerFamily::Sparse, cov, cov_w, 5};
  };
  const Mpfr tiny = pow(Mpfr(10), -60);
  for (const bool isotropic : {false, true}) {
    const Vec<Mpfr> e = isotropic ? spectrum({1, 1}) : spectrum({0.5, 1.5});
    const auto wrong_matrix = ltv::family_optimum<Mpfr>(problem(e, false), 1, ltv::FamilyBasis::Cov);
    const auto wrong_prior = ltv::family_optimum<Mpfr>(problem(e, true), 1);
    INFO("isotropic " << isotropic);
    const bool converged = wrong_matrix.minimum.scalar_gradient_norm < tiny &&
                           wrong_prior.minimum.scalar_gradient_norm < tiny;  // bools: Catch must not print Mpfr
    CHECK(converged);
    const bool matrix_stationary = wrong_matrix.gradient_norm < tiny, prior_stationary = wrong_prior.gradient_norm < tiny;
    CHECK(matrix_stationary == isotropic);
    CHECK(prior_stationary == isotropic);
  }
}

TEST_CASE("the best point of S does not depend on the rotation U", "[theory][stationary]") {
  const ltv::ScopedBits bits(256);
  const auto e = spectrum({1, 0.5, 2});
  const auto a = ltv::analyse_stationary(LayerFamily::Sparse, 2, e, 7, 1, true);
  const auto b = ltv::analyse_stationary(LayerFamily::Sparse, 2, e, 7, 2, true);
  REQUIRE(!(a.cov - b.cov).isZero(0));  // the rotations differ...
  // ... the reported quantities do not (to the rounding of a 3×3, 4-copy problem at 257 bits).
  const double required = ltv::tolerance_for<Mpfr>(10395, 100).required_digits();
  CHECK(relative_digits(a.optimum.minimum.scalars, b.optimum.minimum.scalars) >= required);
  CHECK(relative_digits(scalar(a.optimum.loss), scalar(b.optimum.loss)) >= required);
  CHECK(relative_digits(scalar(a.hessian->min), scalar(b.hessian->min)) >= required);
  CHECK(relative_digits(scalar(a.hessian->max), scalar(b.hessian->max)) >= required);
  // With w ~ N(0, Σ⁻¹) the whitening x -> Σ^{-1/2} x maps S to the isotropic problem: the scalars
  // and the loss do not depend on Σ at all, only the Hessian over the entries of the A_l does.
  const auto c = ltv::analyse_stationary(LayerFamily::Sparse, 2, spectrum({1, 0.5, 3}), 7, 1, true);
  CHECK(relative_digits(a.optimum.minimum.scalars, c.optimum.minimum.scalars) >= required);
  CHECK(relative_digits(scalar(a.hessian->max), scalar(c.hessian->max)) < 5);
  // Negative control: another n gives other scalars.
  const auto m = ltv::analyse_stationary(LayerFamily::Sparse, 2, e, 8, 1, false);
  CHECK(relative_digits(a.optimum.minimum.scalars, m.optimum.minimum.scalars) < 5);
}

TEST_CASE("the best point of S is a stationary point of the full loss", "[theory][stationary]") {
  const ltv::ScopedBits bits(256);
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed}) {
    const auto t = ltv::analyse_stationary(family, family == LayerFamily::Sparse ? 3 : 1, spectrum({1, 0.25}),
                                           6, 4, true);
    const bool stationary =
        t.optimum.gradient_norm < pow(Mpfr(10), -60);  // a bool: Catch must not print Mpfr
    CHECK(stationary);
    CHECK(t.hessian->negative == 0);
    // RELAXED: B_0 of the only layer never reaches the prediction, a d²-dimensional null space.
    CHECK(t.hessian->null_dimension == (family == LayerFamily::Sparse ? 0 : 4));
    CHECK(t.optimum.minimum.free.back() == (family == LayerFamily::Relaxed));
  }
}

TEST_CASE("bad inputs are rejected with a clear message", "[theory][stationary]") {
  const ltv::ScopedBits bits(64);
  CHECK_THROWS_WITH(ltv::analyse_stationary(LayerFamily::Sparse, 1, spectrum({1, -1}), 4, 1, false),
                    Catch::Contains("eigenvalue 2"));
  CHECK_THROWS_WITH(ltv::analyse_stationary(LayerFamily::Sparse, 0, spectrum({1}), 4, 1, false),
                    Catch::Contains("layers"));
  CHECK_THROWS_WITH(ltv::analyse_stationary(LayerFamily::Sparse, 1, spectrum({1}), 0, 1, false),
                    Catch::Contains("n must"));
  CHECK_THROWS_WITH(ltv::analyse_stationary(LayerFamily::Relaxed, 3, spectrum({1}), 4, 1, false,
                                            ltv::StationaryEngine::Matching),
                    Catch::Contains("degree 26"));
  CHECK_THROWS_AS(ltv::analyse_stationary(LayerFamily::Sparse, 1, Vec<Mpfr>(), 4, 1, false),
                  std::invalid_argument);
}

TEST_CASE("the Wishart and matching engines give the same analysis", "[theory][stationary]") {
  const ltv::ScopedBits bits(256);
  const double required = ltv::tolerance_for<Mpfr>(10395, 100).required_digits();
  // One layer each: at L >= 2 the engines may report different orderings of SPARSE's a_l (all
  // global minima over S, A23.L4), whose full Hessians differ; the scalars are compared below.
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed}) {
    const int layers = 1;
    const auto e = spectrum({1, 0.5, 2});
    const auto w = ltv::analyse_stationary(family, layers, e, 7, 3, true, ltv::StationaryEngine::Wishart);
    const auto m = ltv::analyse_stationary(family, layers, e, 7, 3, true, ltv::StationaryEngine::Matching);
    INFO(ltv::family_name(family));
    CHECK(relative_digits(w.optimum.minimum.scalars, m.optimum.minimum.scalars) >= required);
    CHECK(relative_digits(scalar(w.optimum.loss), scalar(m.optimum.loss)) >= required);
    const bool stationary = w.optimum.gradient_norm < pow(Mpfr(10), -60);
    CHECK(stationary);
    CHECK(relative_digits(scalar(w.hessian->min), scalar(m.hessian->min)) >= required);
    CHECK(relative_digits(scalar(w.hessian->max), scalar(m.hessian->max)) >= required);
    CHECK(w.hessian->null_dimension == m.hessian->null_dimension);
    CHECK(w.hessian->negative == m.hessian->negative);
    CHECK(w.hessian->dimension == m.hessian->dimension);
    // The isotypic inertia adds up to the whole (Sylvester's law: whitening is a congruence).
    int zero = 0, negative = 0;
    for (const auto& c : w.isotypic) {
      zero += c.multiplicity * c.inertia.zero;
      negative += c.multiplicity * c.inertia.negative;
    }
    CHECK(zero == w.hessian->null_dimension);
    CHECK(negative == w.hessian->negative);
  }
}

TEST_CASE("SPARSE with three layers: both engines find the same a_l up to order", "[theory][stationary]") {
  const ltv::ScopedBits bits(256);
  const auto e = spectrum({1, 0.5, 2});
  const auto w = ltv::analyse_stationary(LayerFamily::Sparse, 3, e, 7, 3, false, ltv::StationaryEngine::Wishart);
  const auto m = ltv::analyse_stationary(LayerFamily::Sparse, 3, e, 7, 3, false, ltv::StationaryEngine::Matching);
  Vec<Mpfr> a = w.optimum.minimum.scalars, b = m.optimum.minimum.scalars;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double required = ltv::tolerance_for<Mpfr>(10395, 100).required_digits();
  CHECK(relative_digits(a, b) >= required);
  CHECK(relative_digits(scalar(w.optimum.loss), scalar(m.optimum.loss)) >= required);
}

TEST_CASE("SPARSE: the best point of S is certified global by convexity", "[theory][stationary]") {
  const ltv::ScopedBits bits(256);
  const auto t = ltv::analyse_stationary(LayerFamily::Sparse, 3, spectrum({1, 0.25, 2}), 9, 1, false);
  const Mpfr gap = ltv::sparse_global_certificate_gap(t.optimum.minimum.scalars, 9, 3);
  const bool certified = gap < pow(Mpfr(10), -60);
  CHECK(certified);
  CHECK_THAT(t.global, Catch::StartsWith("certified"));
  // Negative control: a point of S that is not the minimiser (one scalar moved by 1%).
  Vec<Mpfr> off = t.optimum.minimum.scalars;
  off[0] *= Mpfr(1.01);
  const bool rejected = ltv::sparse_global_certificate_gap(off, 9, 3) > pow(Mpfr(10), -4);
  CHECK(rejected);
}
