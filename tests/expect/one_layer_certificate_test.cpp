// expect/one_layer_certificate.hpp: the quadratic in the prediction tensor is the one-layer loss,
// the exact LDLᵀ decides positive definiteness, and the certificate accepts A23 Theorem 1's optimum
// and nothing else.
#include "ltv/expect/one_layer_certificate.hpp"
#include "support/exact_inputs.hpp"

#include <catch2/catch.hpp>

namespace {

using ltv::Mat;
using ltv::Rational;

ltv::OneLayerProblem<Rational> problem(int d, int n, const Rational& noise, std::uint64_t seed) {
  ltv::Rng rng(seed);
  return {ltv::test::exact_cov(d, rng), noise, n, ltv::Norm::Mean};
}

Mat<Rational> optimum_tensor(const ltv::OneLayerProblem<Rational>& p, const Rational& shift) {
  const auto [P, Q] = ltv::a23_one_layer_optimum<Rational>(p.cov, shift, p.n);
  return ltv::prediction_tensor({{P, Q}});
}

}  // namespace

TEST_CASE("the quadratic in the prediction tensor equals the one-layer loss exactly") {
  for (int d = 1; d <= 3; ++d)
    for (const Rational& noise : {Rational(0), Rational(3, 8)}) {
      const auto p = problem(d, d + 2, noise, 11U + static_cast<unsigned>(d));
      const auto q = ltv::one_layer_quadratic(p);
      ltv::Rng rng(7U * static_cast<unsigned>(d));
      for (int trial = 0; trial < 3; ++trial) {
        const Mat<Rational> P = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
        const Mat<Rational> Q = ltv::test::dyadic_matrix(d + 1, d + 1, rng);
        INFO("d=" << d << " trial " << trial);
        CHECK(q.loss(ltv::prediction_tensor({{P, Q}})) == ltv::one_layer_loss<Rational>(P, Q, p));
      }
    }
}

TEST_CASE("heads add in the prediction tensor") {
  ltv::Rng rng(5);
  const Mat<Rational> P1 = ltv::test::dyadic_matrix(3, 3, rng), Q1 = ltv::test::dyadic_matrix(3, 3, rng);
  const Mat<Rational> P2 = ltv::test::dyadic_matrix(3, 3, rng), Q2 = ltv::test::dyadic_matrix(3, 3, rng);
  CHECK(ltv::prediction_tensor({{P1, Q1}, {P2, Q2}}) ==
        ltv::prediction_tensor({{P1, Q1}}) + ltv::prediction_tensor({{P2, Q2}}));
  CHECK_THROWS_AS(ltv::prediction_tensor({}), std::invalid_argument);
  CHECK_THROWS_AS(ltv::prediction_tensor({{P1, Mat<Rational>::Zero(2, 2)}}), std::invalid_argument);
}

TEST_CASE("the exact LDLT has positive pivots exactly for positive definite matrices") {
  Mat<Rational> A(2, 2);
  A << 4, 2, 2, 3;
  auto cert = ltv::ldlt_certificate(A);
  REQUIRE(cert.positive_definite());
  CHECK(cert.pivots == std::vector<Rational>{4, 2});  // 4, then 3 - 2²/4
  A(1, 1) = 1;  // determinant 0: positive semidefinite, not definite
  cert = ltv::ldlt_certificate(A);
  CHECK_FALSE(cert.positive_definite());
  CHECK(cert.first_nonpositive == 1);
  A << 1, 2, 2, 1;  // indefinite
  CHECK(ltv::ldlt_certificate(A).first_nonpositive == 1);
  A << 1, 2, 0, 1;
  CHECK_THROWS_AS(ltv::ldlt_certificate(A), std::invalid_argument);
}

TEST_CASE("the certificate accepts A23 Theorem 1's optimum, with and without label noise") {
  for (int d = 1; d <= 3; ++d)
    for (const Rational& noise : {Rational(0), Rational(1, 4)}) {
      const auto p = problem(d, 2 * d, noise, 100U + static_cast<unsigned>(d));
      const auto q = ltv::one_layer_quadratic(p);
      const auto cert = ltv::certify_one_layer_minimiser(q, optimum_tensor(p, p.cov.trace() + noise));
      INFO("d=" << d << " noise=" << noise);
      CHECK(cert.rows == (d + 1) * (d + 2) / 2);
      CHECK(cert.certified());
      const auto [P, Q] = ltv::a23_one_layer_optimum<Rational>(p.cov, p.cov.trace() + noise, p.n);
      CHECK(cert.loss == ltv::one_layer_loss<Rational>(P, Q, p));
    }
}

TEST_CASE("the certificate rejects a wrong preconditioner and the noiseless optimum under noise") {
  const auto p = problem(3, 6, Rational(1, 4), 3);
  const auto q = ltv::one_layer_quadratic(p);
  const auto without_trace = ltv::certify_one_layer_minimiser(q, optimum_tensor(p, Rational(0)));
  CHECK(without_trace.hessian.positive_definite());
  CHECK_FALSE(without_trace.stationary);
  CHECK_FALSE(ltv::certify_one_layer_minimiser(q, optimum_tensor(p, p.cov.trace())).certified());
  // The certified minimiser's loss is below both.
  const auto right = ltv::certify_one_layer_minimiser(q, optimum_tensor(p, p.cov.trace() + Rational(1, 4)));
  CHECK(right.loss < without_trace.loss);
}
