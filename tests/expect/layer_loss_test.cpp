// expect/words.hpp, expect/layer_polynomial.hpp and expect/layer_loss.hpp over the rationals: the
// error polynomial against the forward pass, the loss against the one-layer closed form, the
// gradient and the Hessian against exact differences, and (in double) the loss against Monte Carlo.
#include "ltv/expect/layer_loss.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/core/task.hpp"
#include "ltv/expect/one_layer.hpp"
#include "ltv/expect/word_expectation.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/tokens.hpp"
#include "support/exact_inputs.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>

namespace {

using ltv::LayerFamily;
using ltv::Mat;
using ltv::Rational;
using ltv::Vec;
using ltv::WordSum;

std::string text(const WordSum& p) {
  std::ostringstream os;
  os << p;
  return os.str();
}

using ltv::test::dyadic_matrix;

ltv::LayerParameters<Rational> random_parameters(LayerFamily family, int layers, int d, ltv::Rng& rng) {
  ltv::LayerParameters<Rational> p;
  for (int l = 0; l < layers; ++l) {
    p.A.push_back(dyadic_matrix(d, d, rng));
    if (family == LayerFamily::Relaxed) p.B.push_back(dyadic_matrix(d, d, rng));
  }
  return p;
}

ltv::Model<Rational> model_of(LayerFamily family, const ltv::LayerParameters<Rational>& p, int d) {
  ltv::Model<Rational> m{d, ltv::Norm::Mean, {}};
  for (int l = 0; l < p.layers(); ++l)
    m.layers.push_back(family == LayerFamily::Sparse ? ltv::sparse_layer<Rational>(p.A[l])
                                                     : ltv::relaxed_layer<Rational>(p.A[l], p.B[l]));
  return m;
}

/// The exact derivative at h = 0 of a polynomial f of degree <= 8 from f(±1), …, f(±4) (the
/// nine-point central stencil has no error term below degree 9).
template <class F>
Rational polynomial_derivative(F&& f) {
  const Rational weights[] = {Rational(4, 5), Rational(-1, 5), Rational(4, 105), Rational(-1, 280)};
  Rational out = 0;
  for (int k = 1; k <= 4; ++k) out += weights[k - 1] * (f(k) - f(-k));
  return out;
}

}  // namespace

TEST_CASE("words: traces are collected by rotation and transposition", "[expect][words]") {
  const WordSum A = WordSum::symbol(0), B = WordSum::symbol(1), S = WordSum::sample_moment();
  // tr(A S B S) = tr(B S A S) = tr(S Bᵀ S Aᵀ): one canonical term with coefficient 3.
  const WordSum sum = A * S * B * S + B * S * A * S + transpose(A * S * B * S);
  CHECK(ltv::trace_of(sum).terms().size() == 1);
  CHECK(ltv::trace_of(sum).terms().begin()->second == 3);
  // … but tr(A S B S) and tr(A S Bᵀ S) are different traces.
  CHECK(ltv::trace_of(A * S * B * S + A * S * transpose(B) * S).terms().size() == 2);
  CHECK(text(A * S - A * S) == "0");
}

TEST_CASE("words: the gradient of a trace rotates the word open", "[expect][words]") {
  const WordSum A = WordSum::symbol(0), B = WordSum::symbol(1), S = WordSum::sample_moment();
  // ∂ tr(A S B S)/∂A = (S B S)ᵀ = S Bᵀ S;  ∂ tr(Aᵀ S B)/∂A = S B;  ∂ tr(A S A)/∂A = (S A)ᵀ + (A S)ᵀ.
  CHECK(text(ltv::trace_gradient(A * S * B * S, 0)) == text(S * transpose(B) * S));
  CHECK(text(ltv::trace_gradient(transpose(A) * S * B, 0)) == text(S * B));
  CHECK(text(ltv::trace_gradient(A * S * A, 0)) == text(transpose(S * A) + transpose(A * S)));
  CHECK(text(ltv::directional_derivative(A * S * A, 0, 5)) ==
        text(WordSum::symbol(5) * S * A + A * S * WordSum::symbol(5)));
}

TEST_CASE("the error polynomial is the forward pass, exactly", "[expect][layer]") {
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed})
    for (int layers = 1; layers <= 3; ++layers)
      for (int d = 1; d <= 3; ++d) {
        INFO(ltv::family_name(family) << " L=" << layers << " d=" << d);
        ltv::Rng rng(static_cast<std::uint64_t>(100 * layers + 10 * d + static_cast<int>(family)));
        const int n = d + 2;
        const auto params = random_parameters(family, layers, d, rng);
        const Mat<Rational> X = dyadic_matrix(n, d, rng);  // rows x_i
        const Vec<Rational> w = dyadic_matrix(d, 1, rng), xq = dyadic_matrix(d, 1, rng);
        const Vec<Rational> y = X * w;
        const auto tokens =
            ltv::forward_tokens<Rational>(model_of(family, params, d), ltv::make_tokens<Rational>(X, y, xq));
        const Rational error = ltv::prediction<Rational>(tokens.back()) - w.dot(xq);

        const ltv::LayerSymbols symbols{family, layers};
        std::vector<Mat<Rational>> values(static_cast<std::size_t>(symbols.count()));
        for (int l = 0; l < layers; ++l) {
          values[static_cast<std::size_t>(symbols.A(l))] = params.A[l];
          if (family == LayerFamily::Relaxed) values[static_cast<std::size_t>(symbols.B(l))] = params.B[l];
        }
        const Mat<Rational> S = X.transpose() * X / Rational(n);
        const Mat<Rational> M = ltv::substitute_words<Rational>(ltv::error_polynomial(symbols), values, S);
        CHECK(Rational(w.dot(M * xq)) == error);
      }
}

TEST_CASE("the loss needs 2L copies of S (sparse) and 2, 8, 26 (relaxed)", "[expect][layer]") {
  CHECK(ltv::loss_degree({LayerFamily::Sparse, 3}) == 6);
  for (int layers = 1; layers <= 2; ++layers)
    CHECK(ltv::loss_polynomial({LayerFamily::Relaxed, layers}).degree() ==
          ltv::loss_degree({LayerFamily::Relaxed, layers}));
  CHECK(ltv::loss_degree({LayerFamily::Relaxed, 2}) == 8);
  CHECK(ltv::loss_degree({LayerFamily::Relaxed, 3}) == 26);
  CHECK_THROWS_WITH(ltv::loss_polynomial({LayerFamily::Relaxed, 3}), Catch::Contains("degree 26"));
  CHECK_THROWS_WITH(ltv::loss_polynomial({LayerFamily::Sparse, 5}), Catch::Contains("stops at k = 8"));
}

TEST_CASE("one layer: the general engine equals the closed form of expect/one_layer.hpp", "[expect][layer]") {
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed})
    for (int d = 1; d <= 4; ++d) {
      ltv::Rng rng(static_cast<std::uint64_t>(7 * d + static_cast<int>(family)));
      const int n = d + 1;
      const Mat<Rational> cov = ltv::test::exact_cov(d, rng);
      const auto params = random_parameters(family, 1, d, rng);
      const auto layer = model_of(family, params, d).layers.front().heads.front();
      const ltv::OneLayerProblem<Rational> closed{cov, Rational(0), n, ltv::Norm::Mean};
      const ltv::LayerProblem<Rational> general{family, cov, Mat<Rational>::Identity(d, d), n};
      CHECK(ltv::layer_loss<Rational>(params, general) ==
            ltv::one_layer_loss<Rational>(layer.P, layer.Q, closed));
    }
}

TEST_CASE("the gradient and the Hessian are the exact derivatives of the loss", "[expect][layer]") {
  // RELAXED with L = 2 needs 8 copies of S, seconds per exact evaluation: checked in double below.
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed})
    for (int layers = 1; layers <= (family == LayerFamily::Sparse ? 2 : 1); ++layers) {
      const int d = 2;
      INFO(ltv::family_name(family) << " L=" << layers << " d=" << d);
      ltv::Rng rng(static_cast<std::uint64_t>(31 * layers + static_cast<int>(family)));
      const ltv::LayerProblem<Rational> problem{family, ltv::test::exact_cov(d, rng),
                                                ltv::test::exact_cov(d, rng), d + 1};
      const auto params = random_parameters(family, layers, d, rng);
      const Vec<Rational> theta = ltv::stack_layer_parameters<Rational>(params);
      const auto at = [&](const Vec<Rational>& t) {
        return ltv::unstack_layer_parameters<Rational>(t, family, layers, d);
      };
      const Vec<Rational> gradient =
          ltv::stack_layer_parameters<Rational>(ltv::layer_gradient<Rational>(params, problem));
      const Mat<Rational> H = ltv::layer_hessian<Rational>(params, problem);
      REQUIRE(H.rows() == theta.size());
      for (Eigen::Index k = 0; k < theta.size(); ++k) {
        std::map<int, std::pair<Rational, Vec<Rational>>> shifted;  // h -> (loss, gradient) at θ + h e_k
        for (int h = -4; h <= 4; ++h) {
          Vec<Rational> t = theta;
          t[k] += h;
          shifted[h] = {ltv::layer_loss<Rational>(at(t), problem),
                        ltv::stack_layer_parameters<Rational>(ltv::layer_gradient<Rational>(at(t), problem))};
        }
        const auto derivative = [&](auto&& value) {
          return polynomial_derivative([&](int h) { return value(shifted.at(h)); });
        };
        CHECK(gradient[k] == derivative([](const auto& v) { return v.first; }));
        for (Eigen::Index j = 0; j < theta.size(); ++j)
          CHECK(H(j, k) == derivative([j](const auto& v) { return Rational(v.second[j]); }));
      }
    }
}

TEST_CASE("relaxed with two layers: the gradient in B_0 is the exact derivative", "[expect][layer]") {
  // d = 1 (8 copies of S take about a second per exact evaluation): the entry of B_0, the
  // x-update that sets RELAXED apart. The loss has degree 4 in it, so the five-point stencil
  // (8(f(1) − f(−1)) − (f(2) − f(−2)))/12 is its exact derivative; B_1 never reaches the prediction.
  const int d = 1, layers = 2;
  ltv::Rng rng(5);
  const ltv::LayerProblem<Rational> problem{LayerFamily::Relaxed,
                                            Mat<Rational>::Constant(1, 1, Rational(3, 4)),
                                            Mat<Rational>::Constant(1, 1, Rational(5, 4)), 3};
  const auto params = random_parameters(LayerFamily::Relaxed, layers, d, rng);
  const auto gradient = ltv::layer_gradient<Rational>(params, problem);
  const auto loss_at = [&](int h) {
    auto shifted = params;
    shifted.B[0](0, 0) += h;
    return ltv::layer_loss<Rational>(shifted, problem);
  };
  CHECK(gradient.B[0](0, 0) == (8 * (loss_at(1) - loss_at(-1)) - (loss_at(2) - loss_at(-2))) / 12);
  CHECK(gradient.B[1](0, 0) == 0);
}

TEST_CASE("the loss agrees with Monte Carlo within 4 standard errors", "[expect][layer][montecarlo]") {
  // One fixed case per family (L = 2, d = 2, n = 4); 200 000 forward passes each.
  for (const LayerFamily family : {LayerFamily::Sparse, LayerFamily::Relaxed}) {
    ltv::Rng rng(static_cast<std::uint64_t>(2024 + static_cast<int>(family)));
    const int d = 2, n = 4, layers = 2;
    const auto exact_params = random_parameters(family, layers, d, rng);
    const Mat<Rational> cov = ltv::test::exact_cov(d, rng);
    const double exact = ltv::convert<double>(
        ltv::layer_loss<Rational>(exact_params, {family, cov, Mat<Rational>::Identity(d, d), n}));

    ltv::TaskDistribution dist;
    dist.d = d;
    dist.n = n;
    dist.cov = ltv::convert_matrix<double>(cov);
    const ltv::Sampler sampler(dist);
    ltv::Model<double> model{d, ltv::Norm::Mean, {}};
    for (const auto& layer : model_of(family, exact_params, d).layers)
      model.layers.push_back(
          {{{ltv::convert_matrix<double>(layer.heads[0].P), ltv::convert_matrix<double>(layer.heads[0].Q)}}});
    double mean = 0, squares = 0;
    const int draws = 200'000;
    for (int k = 1; k <= draws; ++k) {
      const auto task = sampler.sample(rng);
      const auto tokens =
          ltv::forward_tokens<double>(model, ltv::make_tokens<double>(task.X, task.y, task.xq));
      const double e = ltv::prediction<double>(tokens.back()) - task.w.dot(task.xq);
      const double delta = e * e - mean;
      mean += delta / k;
      squares += delta * (e * e - mean);
    }
    const double se = std::sqrt(squares / (draws - 1) / draws);
    INFO(ltv::family_name(family) << ": exact " << exact << ", Monte Carlo " << mean << " ± " << se);
    CHECK(std::abs(mean - exact) <= 4 * se);
  }
}
