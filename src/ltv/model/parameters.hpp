#pragma once
// A linear self-attention model as full per-head (P, Q) matrices: the representation every
// parameter family maps to (families.hpp) and the token forward pass consumes (forward.hpp).
#include "ltv/scalar/eigen_glue.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace ltv {

/// How the attention sum over context tokens is scaled: c = 1 (V24) or c = 1/n (A23, A24).
enum class Norm { Sum, Mean };

/// The factor c of the layer update for n context tokens.
template <class T>
T attention_scale(Norm norm, int n) {
  return norm == Norm::Sum ? T(1) : T(1) / T(n);
}

template <class T>
struct Head {
  Mat<T> P;  ///< (d+1)×(d+1)
  Mat<T> Q;  ///< (d+1)×(d+1)
};

template <class T>
struct Layer {
  std::vector<Head<T>> heads;
};

template <class T>
struct Model {
  int d = 0;  ///< covariate dimension; tokens live in R^{d+1}
  Norm norm = Norm::Sum;
  std::vector<Layer<T>> layers;

  int num_layers() const { return static_cast<int>(layers.size()); }

  /// Throws std::invalid_argument unless every head is (d+1)×(d+1) and every layer has a head.
  void validate() const {
    if (d < 1) throw std::invalid_argument("model dimension d must be >= 1");
    for (std::size_t l = 0; l < layers.size(); ++l) {
      if (layers[l].heads.empty())
        throw std::invalid_argument("layer " + std::to_string(l) + " has no heads");
      for (const auto& h : layers[l].heads)
        if (h.P.rows() != d + 1 || h.P.cols() != d + 1 || h.Q.rows() != d + 1 || h.Q.cols() != d + 1)
          throw std::invalid_argument("layer " + std::to_string(l) + ": P and Q must be " +
                                      std::to_string(d + 1) + "x" + std::to_string(d + 1));
    }
  }
};

/// The same model with every entry converted to another tier.
template <class To, class From>
Model<To> convert_model(const Model<From>& m);

}  // namespace ltv

#include "ltv/scalar/convert.hpp"

template <class To, class From>
ltv::Model<To> ltv::convert_model(const Model<From>& m) {
  Model<To> out{m.d, m.norm, {}};
  for (const auto& layer : m.layers) {
    Layer<To> l;
    for (const auto& h : layer.heads) l.heads.push_back({convert_matrix<To>(h.P), convert_matrix<To>(h.Q)});
    out.layers.push_back(std::move(l));
  }
  return out;
}
