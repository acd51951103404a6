#pragma once
// Definitions of layer_loss.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/layer_loss.hpp"
#include "ltv/expect/word_expectation.hpp"

#include <stdexcept>
#include <string>

namespace ltv {
namespace detail {

template <class T>
void check_layer_arguments(const LayerParameters<T>& params, const LayerProblem<T>& problem) {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("layer loss: " + what); };
  const Eigen::Index d = problem.cov.rows();
  const auto square = [d](const Mat<T>& m) { return m.rows() == d && m.cols() == d; };
  if (d < 1 || !square(problem.cov) || !square(problem.cov_w)) fail("Σ and Σ_w must be d×d, d >= 1");
  if (problem.n < 1) fail("n must be >= 1, got " + std::to_string(problem.n));
  if (params.A.empty()) fail("needs at least one layer");
  const bool relaxed = problem.family == LayerFamily::Relaxed;
  if (relaxed ? params.B.size() != params.A.size() : !params.B.empty())
    fail(relaxed ? "the relaxed family needs one B per layer" : "the sparse family has no B");
  for (const auto& m : params.A)
    if (!square(m)) fail("every A_l must be d×d");
  for (const auto& m : params.B)
    if (!square(m)) fail("every B_l must be d×d");
}

/// The value of every symbol of the words: A_l, B_l, Σ, Σ_w, and the direction (zero until set).
template <class T>
std::vector<Mat<T>> symbol_values(const LayerSymbols& symbols, const LayerParameters<T>& params,
                                  const LayerProblem<T>& problem) {
  std::vector<Mat<T>> values(static_cast<std::size_t>(symbols.count()));
  for (int l = 0; l < symbols.layers; ++l) {
    values[static_cast<std::size_t>(symbols.A(l))] = params.A[static_cast<std::size_t>(l)];
    if (!params.B.empty())
      values[static_cast<std::size_t>(symbols.B(l))] = params.B[static_cast<std::size_t>(l)];
  }
  values[static_cast<std::size_t>(symbols.cov())] = problem.cov;
  values[static_cast<std::size_t>(symbols.cov_w())] = problem.cov_w;
  values[static_cast<std::size_t>(symbols.direction())] =
      Mat<T>::Zero(problem.cov.rows(), problem.cov.cols());
  return values;
}

}  // namespace detail

template <class T>
T layer_loss(const LayerParameters<T>& params, const LayerProblem<T>& problem) {
  detail::check_layer_arguments(params, problem);
  const LayerWords& words = layer_words(problem.family, params.layers());
  return expect_trace_words<T>(words.loss, detail::symbol_values(words.symbols, params, problem), problem.cov,
                               problem.n);
}

template <class T>
LayerParameters<T> layer_gradient(const LayerParameters<T>& params, const LayerProblem<T>& problem) {
  detail::check_layer_arguments(params, problem);
  const LayerWords& words = layer_words(problem.family, params.layers());
  const auto values = detail::symbol_values(words.symbols, params, problem);
  std::vector<Mat<T>> blocks;
  for (const auto& g : words.gradient)
    blocks.push_back(expect_open_words<T>(g, values, problem.cov, problem.n));
  LayerParameters<T> out;
  const auto L = static_cast<std::size_t>(params.layers());
  out.A.assign(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(L));
  out.B.assign(blocks.begin() + static_cast<std::ptrdiff_t>(L), blocks.end());
  return out;
}

template <class T>
Mat<T> layer_hessian(const LayerParameters<T>& params, const LayerProblem<T>& problem) {
  detail::check_layer_arguments(params, problem);
  const LayerWords& words = layer_words(problem.family, params.layers());
  auto values = detail::symbol_values(words.symbols, params, problem);
  Mat<T>& direction = values[static_cast<std::size_t>(words.symbols.direction())];
  const Eigen::Index d = problem.cov.rows(), m = d * d;
  const auto blocks = static_cast<Eigen::Index>(words.gradient.size());
  Mat<T> H = Mat<T>::Zero(blocks * m, blocks * m);
  for (Eigen::Index s = 0; s < blocks; ++s)
    for (Eigen::Index j = 0; j < d; ++j)
      for (Eigen::Index i = 0; i < d; ++i) {
        direction.setZero();
        direction(i, j) = T(1);
        const Eigen::Index column = s * m + j * d + i;
        for (Eigen::Index t = s; t < blocks; ++t) {
          const Mat<T> block =
              expect_open_words<T>(words.hessian[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)],
                                   values, problem.cov, problem.n);
          H.block(t * m, column, m, 1) = block.reshaped();
          if (t != s) H.block(column, t * m, 1, m) = block.reshaped().transpose();
        }
      }
  return H;  // blocks t > s are mirrored; the diagonal blocks are computed column by column
}

template <class T>
Vec<T> stack_layer_parameters(const LayerParameters<T>& params) {
  std::vector<const Mat<T>*> parts;
  for (const auto& a : params.A) parts.push_back(&a);
  for (const auto& b : params.B) parts.push_back(&b);
  Eigen::Index size = 0;
  for (const auto* p : parts) size += p->size();
  Vec<T> theta(size);
  Eigen::Index at = 0;
  for (const auto* p : parts) {
    theta.segment(at, p->size()) = p->reshaped();
    at += p->size();
  }
  return theta;
}

template <class T>
LayerParameters<T> unstack_layer_parameters(const Vec<T>& theta, LayerFamily family, int layers, int d) {
  const Eigen::Index m = static_cast<Eigen::Index>(d) * d;
  const int blocks = family == LayerFamily::Relaxed ? 2 * layers : layers;
  if (theta.size() != blocks * m)
    throw std::invalid_argument("unstack_layer_parameters: θ has " + std::to_string(theta.size()) +
                                " entries, expected " + std::to_string(blocks * m));
  LayerParameters<T> out;
  for (int b = 0; b < blocks; ++b) {
    Mat<T> block = theta.segment(b * m, m).reshaped(d, d);
    (b < layers ? out.A : out.B).push_back(std::move(block));
  }
  return out;
}

}  // namespace ltv
