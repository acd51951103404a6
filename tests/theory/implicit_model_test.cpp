// The implicit-model recursion of V24 Lemma 4.3 (src/ltv/theory/implicit_model.hpp), checked
// exactly in rationals against hand computations of the formulas of docs/conventions.md, docs/catalogue.md:
//   M' = (I + A) M - b wᵀ,  u' = (I + A) u + a b,  a' = (1 + δ) a + cᵀ u,  w' = (1 + δ) w - Mᵀ c
// for K = [[A, b], [cᵀ, δ]], from M = I, u = 0, a = 1, w = 0.
#include "ltv/theory/implicit_model.hpp"
#include "ltv/verify/arbitrary.hpp"
#include "ltv/model/forward.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <vector>

namespace {

using ltv::ImplicitModel;
using ltv::Mat;
using ltv::Vec;
using Q = ltv::Rational;

Mat<Q> mat2(const Q& a, const Q& b, const Q& c, const Q& d) {
  Mat<Q> m(2, 2);
  m << a, b, c, d;
  return m;
}

Vec<Q> vec1(const Q& x) { return Vec<Q>::Constant(1, x); }

/// An arbitrary implicit model and update matrix in dimension d, with dyadic entries.
struct StepCase {
  ImplicitModel<Q> model;
  Mat<Q> K;
};

rc::Gen<StepCase> step_case(int d) {
  return rc::gen::exec([d] {
    const auto entries = [](int rows, int cols) {
      return (*ltv::gen::dyadic_matrix(rows, cols, 3, 16)).to<Q>();
    };
    ImplicitModel<Q> m{entries(d, d), Mat<Q>(entries(d, 1)).col(0), entries(1, 1)(0, 0),
                       Mat<Q>(entries(d, 1)).col(0)};
    return StepCase{m, entries(d + 1, d + 1)};
  });
}

}  // namespace

TEST_CASE("implicit model: the initial model is the identity", "[theory][implicit]") {
  for (int d = 1; d <= 4; ++d) {
    const auto m = ltv::initial_implicit_model<Q>(d);
    CHECK(m.M == Mat<Q>::Identity(d, d));
    CHECK(m.u == Vec<Q>::Zero(d));
    CHECK(m.a == 1);
    CHECK(m.w == Vec<Q>::Zero(d));
    CHECK(ltv::implicit_matrix(m) == Mat<Q>::Identity(d + 1, d + 1));
  }
}

TEST_CASE("implicit model: K = 0 stays at the identity model", "[theory][implicit]") {
  const int d = 3;
  const std::vector<Mat<Q>> zeros(4, Mat<Q>::Zero(d + 1, d + 1));
  const auto models = ltv::implicit_recursion(d, zeros);
  REQUIRE(models.size() == zeros.size() + 1);
  for (const auto& m : models) CHECK(ltv::implicit_matrix(m) == Mat<Q>::Identity(d + 1, d + 1));
  CHECK(ltv::implicit_recursion(d, std::vector<Mat<Q>>{}).size() == 1);
}

TEST_CASE("implicit model: one step from the identity gives I + K", "[theory][implicit]") {
  // d = 1, K = [[A, b], [c, δ]] = [[1/2, 1/4], [-1/8, 1/3]]. From M = 1, u = 0, a = 1, w = 0:
  //   M' = (1 + 1/2)·1 - (1/4)·0 = 3/2        u' = (1 + 1/2)·0 + 1·(1/4) = 1/4
  //   a' = (1 + 1/3)·1 + (-1/8)·0 = 4/3       w' = (1 + 1/3)·0 - 1·(-1/8) = 1/8
  const Mat<Q> K = mat2(Q(1, 2), Q(1, 4), Q(-1, 8), Q(1, 3));
  const auto models = ltv::implicit_recursion(1, std::vector<Mat<Q>>{K});
  REQUIRE(models.size() == 2);
  const auto& m = models[1];
  CHECK(m.M == Mat<Q>::Constant(1, 1, Q(3, 2)));
  CHECK(m.u == vec1(Q(1, 4)));
  CHECK(m.a == Q(4, 3));
  CHECK(m.w == vec1(Q(1, 8)));
  CHECK(ltv::implicit_matrix(m) == mat2(Q(3, 2), Q(1, 4), Q(-1, 8), Q(4, 3)));
}

TEST_CASE("implicit model: one step from a general state, by hand (d = 1)", "[theory][implicit]") {
  // State M = 2, u = 1/2, a = 3, w = -1; K = [[1/2, 1/4], [-1/8, 1/3]]:
  //   M' = (3/2)·2 - (1/4)(-1)       = 13/4
  //   u' = (3/2)(1/2) + 3·(1/4)      = 3/2
  //   a' = (4/3)·3 + (-1/8)(1/2)     = 63/16
  //   w' = (4/3)(-1) - 2·(-1/8)      = -13/12
  const ImplicitModel<Q> m{Mat<Q>::Constant(1, 1, Q(2)), vec1(Q(1, 2)), Q(3), vec1(Q(-1))};
  const Mat<Q> K = mat2(Q(1, 2), Q(1, 4), Q(-1, 8), Q(1, 3));
  const auto next = ltv::implicit_step(m, K);
  CHECK(next.M == Mat<Q>::Constant(1, 1, Q(13, 4)));
  CHECK(next.u == vec1(Q(3, 2)));
  CHECK(next.a == Q(63, 16));
  CHECK(next.w == vec1(Q(-13, 12)));
  // The same as a matrix: [[M', u'], [-w', a']] = (I + K) [[M, u], [-w, a]].
  CHECK(ltv::implicit_matrix(next) == mat2(Q(13, 4), Q(3, 2), Q(13, 12), Q(63, 16)));
  // And on a token e = (x, y) = (1/2, -2): x' = M' x + y u', y' = a' y - w' x.
  Mat<Q> Z(2, 1);
  Z << Q(1, 2), Q(-2);
  const Mat<Q> e = ltv::implicit_tokens(next, Z);
  CHECK(e(0, 0) == Q(13, 4) * Q(1, 2) + Q(-2) * Q(3, 2));
  CHECK(e(1, 0) == Q(63, 16) * Q(-2) - Q(-13, 12) * Q(1, 2));
}

TEST_CASE("implicit model: a two-layer token example, by hand (d = 1, n = 1)", "[theory][implicit]") {
  // One context token e1 = (1, 2), the query (1/2, 0); one head per layer with P = I and
  // Q = [[0, 1/4], [0, 0]], c = 1. Layer 0: G = e1 e1ᵀ = [[1, 2], [2, 4]],
  // K⁰ = P G Q = [[0, 1/4], [0, 1/2]], so b = 1/4, δ = 1/2, A = c = 0:
  //   M¹ = 1, u¹ = 1/4, a¹ = 3/2, w¹ = 0;  e1¹ = (1 + 2/4, 3/2·2) = (3/2, 3).
  // Layer 1: G¹ = [[9/4, 9/2], [9/2, 9]], K¹ = [[0, 9/16], [0, 9/8]]:
  //   M² = 1, u² = 1/4 + (3/2)(9/16) = 35/32, a² = (17/8)(3/2) = 51/16, w² = 0.
  const Mat<Q> K0 = mat2(0, Q(1, 4), 0, Q(1, 2)), K1 = mat2(0, Q(9, 16), 0, Q(9, 8));
  const auto models = ltv::implicit_recursion(1, std::vector<Mat<Q>>{K0, K1});
  REQUIRE(models.size() == 3);
  CHECK(ltv::implicit_matrix(models[1]) == mat2(1, Q(1, 4), 0, Q(3, 2)));
  CHECK(ltv::implicit_matrix(models[2]) == mat2(1, Q(35, 32), 0, Q(51, 16)));
  Mat<Q> Z(2, 2);
  Z << 1, Q(1, 2), 2, 0;
  CHECK(ltv::implicit_tokens(models[1], Z) == mat2(Q(3, 2), Q(1, 2), 3, 0));
  // The query's label stays 0: it is a² · 0 - w² x_q with w² = 0.
  CHECK(ltv::implicit_tokens(models[2], Z)(1, 1) == 0);
  // The same two layers run through the token forward pass.
  const ltv::Layer<Q> layer{{{Mat<Q>::Identity(2, 2), mat2(0, Q(1, 4), 0, 0)}}};
  const ltv::Model<Q> model{1, ltv::Norm::Sum, {layer, layer}};
  const auto tokens = ltv::forward_tokens(model, Z);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[1] == ltv::implicit_tokens(models[1], Z));
  CHECK(tokens[2] == ltv::implicit_tokens(models[2], Z));
}

TEST_CASE("implicit model: a step multiplies the token map by I + K", "[theory][implicit]") {
  rc::prop("implicit_matrix(step(m, K)) == (I + K) implicit_matrix(m), any d", [] {
    const int d = *rc::gen::inRange(1, 6);
    const StepCase c = *step_case(d);
    const Mat<Q> expected = (Mat<Q>::Identity(d + 1, d + 1) + c.K) * ltv::implicit_matrix(c.model);
    RC_ASSERT(ltv::implicit_matrix(ltv::implicit_step(c.model, c.K)) == expected);
  });
}
