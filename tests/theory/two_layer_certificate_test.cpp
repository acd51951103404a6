// theory/two_layer_certificate.hpp: the reduced polynomial is the loss (through any rotation), and
// the certificate accepts the best point of S at d = 2 and rejects a wrong one.
#include "ltv/theory/two_layer_certificate.hpp"
#include "ltv/expect/layer_loss.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/theory/stationary.hpp"

#include "support/exact_inputs.hpp"

#include <catch2/catch.hpp>

namespace {

using ltv::Mat;
using ltv::Mpfr;
using ltv::Rational;
using ltv::Vec;

/// The best point of S = {A_l = a_l I} at d = 2, as exact rationals (the binary value of the MPFR one).
Vec<Rational> best_scalars(int n) {
  const Mat<Mpfr> I = Mat<Mpfr>::Identity(2, 2);
  const ltv::LayerProblem<Mpfr> problem{ltv::LayerFamily::Sparse, I, I, n};
  return ltv::convert_vector<Rational>(ltv::family_minimum(problem, 2).scalars);
}

}  // namespace

TEST_CASE("the reduced two-layer polynomial is the exact loss of every rotated pair") {
  const auto f = ltv::reduced_two_layer_loss(3);
  CHECK(f.variables == 5);
  Mat<Rational> U(2, 2);  // a rational rotation
  U << Rational(3, 5), Rational(-4, 5), Rational(4, 5), Rational(3, 5);
  const Mat<Rational> I = Mat<Rational>::Identity(2, 2);
  const ltv::LayerProblem<Rational> problem{ltv::LayerFamily::Sparse, I, I, 3};
  ltv::Rng rng(11);
  for (int trial = 0; trial < 10; ++trial) {
    const Vec<Rational> theta = ltv::test::dyadic_matrix(5, 1, rng);
    Mat<Rational> A1(2, 2), A2(2, 2);
    A1 << theta[0], 0, 0, theta[1];
    A2 << theta[2], theta[3], theta[3], theta[4];
    ltv::LayerParameters<Rational> params;
    params.A = {U * A1 * U.transpose(), U * A2 * U.transpose()};
    CHECK((f.value(theta) == ltv::layer_loss(params, problem)));
  }
}

TEST_CASE("the two-layer certificate accepts the best scalar pair and rejects one 9/8 times it") {
  const int n = 2;
  const Vec<Rational> best = best_scalars(n);
  const auto cert = ltv::certify_two_layer_minimum(n, best, Mpfr(1) / 256);
  INFO(cert.failure());
  REQUIRE(cert.certified());
  CHECK(cert.groups.size() == 2);  // (a₁ I, a₂ I) and the layer swap (a₂ I, a₁ I)
  for (const auto& g : cert.groups) CHECK((g.holds_candidate || g.holds_swap));
  CHECK((cert.search.lower_bound <= Mpfr(cert.candidate_loss)));

  const Vec<Rational> wrong = best * Rational(9, 8);
  const auto control = ltv::certify_two_layer_minimum(n, wrong, Mpfr(1) / 256);
  CHECK_FALSE(control.certified());
  CHECK(control.failure() == "no group's hull holds the candidate");
  CHECK((control.search.upper_bound < Mpfr(control.candidate_loss)));  // a better point was found
}
