// Properties of the model layer (src/ltv/model/): the token forward pass, the statistics-space
// forward pass, the token layout, the parameter families and model validation. Everything is
// evaluated in exact rationals on the dyadic cases of verify/arbitrary.hpp, so every comparison is
// an equality.
#include "ltv/model/forward.hpp"
#include "ltv/verify/arbitrary.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/parameters.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/model/tokens.hpp"

#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

namespace {

using ltv::Mat;
using ltv::Model;
using ltv::Norm;
using ltv::Rational;
using ltv::Vec;
using Q = Rational;

/// Smaller than the obligations' cases: exact rationals grow with depth.
ltv::FullCaseLimits small_limits() {
  ltv::FullCaseLimits limits;
  limits.max_d = 4;
  limits.max_n = 8;
  limits.max_layers = 3;
  limits.max_heads = 2;
  return limits;
}

Model<Q> with_norm(Model<Q> m, Norm norm) {
  m.norm = norm;
  return m;
}

/// A DIAG head with rational coefficients drawn as small fractions.
rc::Gen<ltv::DiagHead<Q>> diag_head() {
  const auto coefficient = rc::gen::map(rc::gen::pair(rc::gen::inRange(-8, 9), rc::gen::inRange(1, 5)),
                                        [](const std::pair<int, int>& f) { return Q(f.first, f.second); });
  return rc::gen::map(
      rc::gen::tuple(coefficient, coefficient, coefficient, coefficient),
      [](const std::tuple<Q, Q, Q, Q>& t) {
        return ltv::DiagHead<Q>{std::get<0>(t), std::get<1>(t), std::get<2>(t), std::get<3>(t)};
      });
}

Mat<Q> square(int size, std::initializer_list<int> entries) {
  Mat<Q> m(size, size);
  auto it = entries.begin();
  for (int i = 0; i < size; ++i)
    for (int j = 0; j < size; ++j) m(i, j) = Q(*it++);
  return m;
}

Mat<double> zeros(int rows, int cols) { return Mat<double>::Zero(rows, cols); }

Model<double> one_layer_model(int d, int p_size, int q_size) {
  Model<double> m{d, Norm::Sum, {}};
  m.layers.push_back({{{Mat<double>::Identity(p_size, p_size), Mat<double>::Identity(q_size, q_size)}}});
  return m;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// tokens.hpp, parameters.hpp

TEST_CASE("make_tokens lays out (x_i, y_i) columns and the query (x_q, 0)", "[model][tokens]") {
  rc::prop("layout, context_gram = [[Σ, α], [αᵀ, λ]], prediction = -y_{n+1}", [] {
    const int d = *rc::gen::inRange(1, 5), n = *rc::gen::inRange(1, 8);
    const ltv::DyadicPrompt p = *ltv::gen::dyadic_prompt(d, n);
    const Mat<Q> X = p.X.to<Q>();
    const Vec<Q> y = p.y.to_vector<Q>(), xq = p.xq.to_vector<Q>();
    const Mat<Q> Z = p.tokens<Q>();
    RC_ASSERT(Z.rows() == d + 1);
    RC_ASSERT(Z.cols() == n + 1);
    RC_ASSERT(ltv::context_size(Z) == n);
    for (int i = 0; i < n; ++i) {
      RC_ASSERT(Mat<Q>(Z.col(i).head(d)) == Mat<Q>(X.row(i).transpose()));
      RC_ASSERT(Z(d, i) == y(i));
    }
    RC_ASSERT(Mat<Q>(Z.col(n).head(d)) == Mat<Q>(xq));
    RC_ASSERT(Z(d, n) == 0);
    const Mat<Q> G = ltv::context_gram(Z);
    RC_ASSERT(Mat<Q>(G.topLeftCorner(d, d)) == Mat<Q>(X.transpose() * X));
    RC_ASSERT(Mat<Q>(G.topRightCorner(d, 1)) == Mat<Q>(X.transpose() * y));
    RC_ASSERT(Mat<Q>(G.bottomLeftCorner(1, d)) == Mat<Q>(y.transpose() * X));
    RC_ASSERT(G(d, d) == y.squaredNorm());
    Mat<Q> Z2 = Z;
    Z2(d, n) = Q(3, 8);
    RC_ASSERT(ltv::prediction(Z2) == Q(-3, 8));
  });
  CHECK_THROWS_AS(
      ltv::make_tokens<double>(Mat<double>::Zero(3, 2), Vec<double>::Zero(2), Vec<double>::Zero(2)),
      std::invalid_argument);
  CHECK_THROWS_AS(
      ltv::make_tokens<double>(Mat<double>::Zero(3, 2), Vec<double>::Zero(3), Vec<double>::Zero(3)),
      std::invalid_argument);
}

TEST_CASE("attention_scale: c = 1 (sum) or 1/n (mean)", "[model][parameters]") {
  CHECK(ltv::attention_scale<Q>(Norm::Sum, 7) == 1);
  CHECK(ltv::attention_scale<Q>(Norm::Mean, 7) == Q(1, 7));
  CHECK(ltv::attention_scale<double>(Norm::Mean, 4) == 0.25);
}

TEST_CASE("Model::validate and forward_tokens reject malformed input", "[model][parameters]") {
  SECTION("d < 1") {
    const Model<double> m{0, Norm::Sum, {}};
    CHECK_THROWS_AS(m.validate(), std::invalid_argument);
    CHECK_THROWS_AS(ltv::forward_tokens(m, zeros(1, 3)), std::invalid_argument);
  }
  SECTION("a layer without heads") {
    Model<double> m = one_layer_model(2, 3, 3);
    m.layers.push_back({});
    CHECK_THROWS_WITH(m.validate(), Catch::Contains("layer 1") && Catch::Contains("no heads"));
    CHECK_THROWS_AS(ltv::forward_tokens(m, zeros(3, 3)), std::invalid_argument);
  }
  SECTION("P or Q of the wrong shape") {
    CHECK_THROWS_AS(one_layer_model(2, 2, 3).validate(), std::invalid_argument);
    CHECK_THROWS_AS(one_layer_model(2, 3, 2).validate(), std::invalid_argument);
    CHECK_THROWS_AS(one_layer_model(2, 4, 4).validate(), std::invalid_argument);
    Model<double> m = one_layer_model(2, 3, 3);
    m.layers[0].heads[0].Q = Mat<double>::Zero(3, 2);
    CHECK_THROWS_WITH(m.validate(), Catch::Contains("3x3"));
    CHECK_THROWS_AS(ltv::forward_tokens(m, zeros(3, 3)), std::invalid_argument);
  }
  SECTION("a valid model passes; a token matrix of the wrong height does not") {
    const Model<double> m = one_layer_model(2, 3, 3);
    CHECK_NOTHROW(m.validate());
    CHECK_NOTHROW(ltv::forward_tokens(m, zeros(3, 4)));
    CHECK_THROWS_AS(ltv::forward_tokens(m, zeros(2, 4)), std::invalid_argument);
    CHECK_THROWS_AS(ltv::forward_tokens(m, zeros(4, 4)), std::invalid_argument);
    CHECK_THROWS_AS(ltv::statistics_forward(m, zeros(2, 2), 3), std::invalid_argument);
    CHECK_THROWS_AS(ltv::statistics_forward(m, zeros(3, 2), 3), std::invalid_argument);
  }
  SECTION("a model without layers is the identity") {
    const Model<double> m{2, Norm::Sum, {}};
    const Mat<double> Z = Mat<double>::Random(3, 4);
    const auto out = ltv::forward_tokens(m, Z);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == Z);
  }
}

TEST_CASE("convert_model converts every entry and keeps d and the norm", "[model][parameters]") {
  rc::prop("convert_model<double> of a dyadic model equals the dyadic model in double", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    const Model<double> m = ltv::convert_model<double>(c.model.to<Q>());
    const Model<double> direct = c.model.to<double>();
    RC_ASSERT(m.d == direct.d);
    RC_ASSERT(m.norm == direct.norm);
    RC_ASSERT(m.layers.size() == direct.layers.size());
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
      RC_ASSERT(m.layers[l].heads.size() == direct.layers[l].heads.size());
      for (std::size_t h = 0; h < m.layers[l].heads.size(); ++h) {
        RC_ASSERT(m.layers[l].heads[h].P == direct.layers[l].heads[h].P);
        RC_ASSERT(m.layers[l].heads[h].Q == direct.layers[l].heads[h].Q);
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// forward.hpp

TEST_CASE("forward_tokens: a zero model leaves the tokens unchanged", "[model][forward]") {
  rc::prop("all P, Q = 0: every layer's tokens equal the input", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    Model<Q> m = c.model.to<Q>();
    for (auto& layer : m.layers)
      for (auto& head : layer.heads) {
        head.P.setZero();
        head.Q.setZero();
      }
    const Mat<Q> Z = c.prompt.tokens<Q>();
    const auto out = ltv::forward_tokens(m, Z);
    RC_ASSERT(out.size() == m.layers.size() + 1);
    for (const auto& tokens : out) RC_ASSERT(tokens == Z);
  });
}

TEST_CASE("forward_tokens: one layer is e + c Σ_h P_h G Q_h e", "[model][forward]") {
  rc::prop("the first layer of the forward pass, written out by hand", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    const Model<Q> m = c.model.to<Q>();
    const Mat<Q> Z = c.prompt.tokens<Q>();
    const int n = c.prompt.n();
    Mat<Q> G = Mat<Q>::Zero(m.d + 1, m.d + 1);
    for (int j = 0; j < n; ++j) G += Z.col(j) * Z.col(j).transpose();
    Mat<Q> K = Mat<Q>::Zero(m.d + 1, m.d + 1);
    for (const auto& h : m.layers[0].heads) K += h.P * G * h.Q;
    if (m.norm == Norm::Mean) K /= Q(n);
    const auto out = ltv::forward_tokens(m, Z);
    for (int i = 0; i <= n; ++i) RC_ASSERT(Mat<Q>(out[1].col(i)) == Mat<Q>(Z.col(i) + K * Z.col(i)));
  });
}

TEST_CASE("forward_tokens: the query never influences the context tokens", "[model][forward]") {
  rc::prop("changing x_q leaves every layer's context tokens unchanged", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    const Model<Q> m = c.model.to<Q>();
    ltv::DyadicPrompt other = c.prompt;
    other.xq = *ltv::gen::dyadic_matrix(c.prompt.d(), 1, 3, 8);
    RC_PRE(!(other.xq.numerators == c.prompt.xq.numerators));
    const auto a = ltv::forward_tokens(m, c.prompt.tokens<Q>());
    const auto b = ltv::forward_tokens(m, other.tokens<Q>());
    const int n = c.prompt.n();
    for (std::size_t l = 0; l < a.size(); ++l)
      RC_ASSERT(Mat<Q>(a[l].leftCols(n)) == Mat<Q>(b[l].leftCols(n)));
    // The query column itself did change at the input.
    RC_ASSERT(Mat<Q>(a[0].col(n)) != Mat<Q>(b[0].col(n)));
  });
}

TEST_CASE("forward_tokens: Norm::Mean equals Norm::Sum with P scaled by 1/n", "[model][forward]") {
  rc::prop("every layer's tokens agree exactly", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    const Model<Q> base = c.model.to<Q>();
    const Model<Q> mean = with_norm(base, Norm::Mean);
    Model<Q> sum = with_norm(base, Norm::Sum);
    const Q inv_n = Q(1) / Q(c.prompt.n());
    for (auto& layer : sum.layers)
      for (auto& head : layer.heads) head.P *= inv_n;
    const Mat<Q> Z = c.prompt.tokens<Q>();
    const auto a = ltv::forward_tokens(mean, Z);
    const auto b = ltv::forward_tokens(sum, Z);
    RC_ASSERT(a.size() == b.size());
    for (std::size_t l = 0; l < a.size(); ++l) RC_ASSERT(a[l] == b[l]);
  });
}

// ---------------------------------------------------------------------------------------------
// statistics_forward.hpp

TEST_CASE("statistics_forward equals the token forward pass", "[model][statistics]") {
  rc::prop("G^l, T^l Z, K^l and the prediction agree exactly", [] {
    const ltv::FullCase c = *ltv::gen::full_case(small_limits());
    const Model<Q> m = c.model.to<Q>();
    const Mat<Q> Z = c.prompt.tokens<Q>();
    const int n = c.prompt.n();
    const auto tokens = ltv::forward_tokens(m, Z);
    const auto s = ltv::statistics_forward(m, ltv::context_gram(Z), n);
    const std::size_t L = m.layers.size();
    RC_ASSERT(s.gram.size() == L + 1);
    RC_ASSERT(s.transform.size() == L + 1);
    RC_ASSERT(s.update.size() == L);
    RC_ASSERT(s.transform[0] == Mat<Q>::Identity(m.d + 1, m.d + 1));
    const Q c_scale = ltv::attention_scale<Q>(m.norm, n);
    for (std::size_t l = 0; l <= L; ++l) {
      RC_ASSERT(s.gram[l] == ltv::context_gram(tokens[l]));
      RC_ASSERT(Mat<Q>(s.transform[l] * Z) == tokens[l]);
      if (l < L)
        RC_ASSERT(s.update[l] == ltv::layer_matrix(m.layers[l], ltv::context_gram(tokens[l]), c_scale));
    }
    RC_ASSERT(ltv::statistics_prediction(s, c.prompt.xq.to_vector<Q>()) == ltv::prediction(tokens.back()));
  });
}

// ---------------------------------------------------------------------------------------------
// families.hpp

TEST_CASE("sparse_layer(A): P = diag(0, 1), Q = -diag(A, 0)", "[model][families]") {
  const Mat<Q> A = square(2, {1, 2, 3, 4});
  const auto layer = ltv::sparse_layer(A);
  REQUIRE(layer.heads.size() == 1);
  CHECK(layer.heads[0].P == square(3, {0, 0, 0, 0, 0, 0, 0, 0, 1}));
  CHECK(layer.heads[0].Q == square(3, {-1, -2, 0, -3, -4, 0, 0, 0, 0}));
}

TEST_CASE("relaxed_layer(A, B): P = diag(B, 1), Q = diag(A, 0)", "[model][families]") {
  const Mat<Q> A = square(2, {1, 2, 3, 4}), B = square(2, {5, 6, 7, 8});
  const auto layer = ltv::relaxed_layer(A, B);
  REQUIRE(layer.heads.size() == 1);
  CHECK(layer.heads[0].P == square(3, {5, 6, 0, 7, 8, 0, 0, 0, 1}));
  CHECK(layer.heads[0].Q == square(3, {1, 2, 0, 3, 4, 0, 0, 0, 0}));
}

TEST_CASE("diag_layer: P_h = diag(p_x I, p_y), Q_h = diag(q_x I, q_y) — omega sums over heads",
          "[model][families]") {
  const std::vector<ltv::DiagHead<Q>> heads{{Q(1), Q(2), Q(3), Q(5)}, {Q(7), Q(11), Q(13), Q(17)}};
  const auto layer = ltv::diag_layer(2, heads);
  REQUIRE(layer.heads.size() == 2);
  CHECK(layer.heads[0].P == square(3, {1, 0, 0, 0, 1, 0, 0, 0, 2}));
  CHECK(layer.heads[0].Q == square(3, {3, 0, 0, 0, 3, 0, 0, 0, 5}));
  CHECK(layer.heads[1].P == square(3, {7, 0, 0, 0, 7, 0, 0, 0, 11}));
  CHECK(layer.heads[1].Q == square(3, {13, 0, 0, 0, 13, 0, 0, 0, 17}));
  const auto o = ltv::omega(heads);
  CHECK(o.xx == 1 * 3 + 7 * 13);
  CHECK(o.xy == 1 * 5 + 7 * 17);
  CHECK(o.yx == 2 * 3 + 11 * 13);
  CHECK(o.yy == 2 * 5 + 11 * 17);
  CHECK(ltv::omega<Q>({}).xx == 0);
}

TEST_CASE("diag_layer: the update is [[ω_xx Σ, ω_xy α], [ω_yx αᵀ, ω_yy λ]]", "[model][families]") {
  rc::prop("layer_matrix of a DIAG layer is given by the four ω", [] {
    const int d = *rc::gen::inRange(1, 5), n = *rc::gen::inRange(1, 8);
    const auto heads = *rc::gen::container<std::vector<ltv::DiagHead<Q>>>(
        static_cast<std::size_t>(*rc::gen::inRange(1, 4)), diag_head());
    const Mat<Q> G = ltv::context_gram((*ltv::gen::dyadic_prompt(d, n)).tokens<Q>());
    const auto o = ltv::omega(heads);
    const Mat<Q> K = ltv::layer_matrix(ltv::diag_layer(d, heads), G, Q(1));
    RC_ASSERT(Mat<Q>(K.topLeftCorner(d, d)) == Mat<Q>(o.xx * G.topLeftCorner(d, d)));
    RC_ASSERT(Mat<Q>(K.topRightCorner(d, 1)) == Mat<Q>(o.xy * G.topRightCorner(d, 1)));
    RC_ASSERT(Mat<Q>(K.bottomLeftCorner(1, d)) == Mat<Q>(o.yx * G.bottomLeftCorner(1, d)));
    RC_ASSERT(K(d, d) == o.yy * G(d, d));
  });
}

TEST_CASE("gdpp_layer forces q_y = 0 and keeps everything else", "[model][families]") {
  rc::prop("every head has Q(d, d) = 0; ω_xy = ω_yy = 0 of the effective heads", [] {
    const int d = *rc::gen::inRange(1, 5);
    const auto heads = *rc::gen::container<std::vector<ltv::DiagHead<Q>>>(
        static_cast<std::size_t>(*rc::gen::inRange(1, 4)), diag_head());
    const auto layer = ltv::gdpp_layer(d, heads);
    RC_ASSERT(layer.heads.size() == heads.size());
    std::vector<ltv::DiagHead<Q>> effective;
    for (std::size_t h = 0; h < heads.size(); ++h) {
      const auto& [P, Qh] = layer.heads[h];
      RC_ASSERT(P == ltv::block_diag(d, heads[h].px, heads[h].py));
      RC_ASSERT(Qh == ltv::block_diag(d, heads[h].qx, Q(0)));
      effective.push_back({P(0, 0), P(d, d), Qh(0, 0), Qh(d, d)});
    }
    const auto o = ltv::omega(effective);
    RC_ASSERT(o.xy == 0);
    RC_ASSERT(o.yy == 0);
    RC_ASSERT(o.xx == ltv::omega(heads).xx);
    RC_ASSERT(o.yx == ltv::omega(heads).yx);
  });
}
