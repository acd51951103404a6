#pragma once
// Definitions of forward.hpp (included by the per-tier instantiation units only).
#include "ltv/model/forward.hpp"

#include <stdexcept>

namespace ltv {

template <class T>
Mat<T> layer_matrix(const Layer<T>& layer, const Mat<T>& G, const T& c) {
  Mat<T> K = Mat<T>::Zero(G.rows(), G.cols());
  for (const auto& h : layer.heads) K += h.P * G * h.Q;
  return c * K;
}

template <class T>
std::vector<Mat<T>> forward_tokens(const Model<T>& model, const Mat<T>& Z) {
  model.validate();
  if (Z.rows() != model.d + 1) throw std::invalid_argument("forward_tokens: token dimension is not d+1");
  const T c = attention_scale<T>(model.norm, context_size(Z));
  std::vector<Mat<T>> out{Z};
  out.reserve(model.layers.size() + 1);
  for (const auto& layer : model.layers) {
    const Mat<T>& cur = out.back();
    const Mat<T> K = layer_matrix(layer, context_gram(cur), c);
    out.push_back(cur + K * cur);
  }
  return out;
}

}  // namespace ltv
