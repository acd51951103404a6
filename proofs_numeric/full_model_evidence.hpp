#pragma once
// What the identity checks on FULL models share: the tolerance's size factor and condition
// estimate for a forward pass through the given update matrices (scalar/tolerance.hpp).
#include "ltv/model/forward.hpp"
#include "ltv/scalar/convert.hpp"

namespace ltv::proofs {

/// Roundings that accumulate into one token entry over the whole forward pass: per layer the
/// Gram sum (n terms), the two products P·G·Q (2(d+1) terms), the heads, and the update.
inline double forward_size_factor(int d, int n, int layers, int heads) {
  return static_cast<double>(layers) * heads * (n + 2 * (d + 1) + 1);
}

/// The relative condition of the forward pass: the layer map e -> e + K(e) e is cubic in the
/// tokens, so a relative perturbation is amplified by at most 1 + 3‖K^l‖∞ per layer.
template <class T> double forward_condition(const std::vector<Mat<T>>& updates) {
  double c = 1;
  for (const auto& K : updates) c *= 1 + 3 * convert<double>(T(K.cwiseAbs().rowwise().sum().maxCoeff()));
  return c;
}

/// The largest entry of any layer's tokens: the magnitude of the terms every token entry is a sum of.
template <class T> double state_magnitude(const std::vector<Mat<T>>& tokens) {
  double m = 0;
  for (const auto& Z : tokens) m = std::max(m, convert<double>(T(Z.cwiseAbs().maxCoeff())));
  return m;
}

/// The update matrices K^l of every layer, from the token forward pass.
template <class T> std::vector<Mat<T>> layer_updates(const Model<T>& m, const std::vector<Mat<T>>& tokens) {
  const T c = attention_scale<T>(m.norm, context_size(tokens.front()));
  std::vector<Mat<T>> out;
  for (int l = 0; l < m.num_layers(); ++l)
    out.push_back(layer_matrix(m.layers[static_cast<std::size_t>(l)], context_gram(tokens[static_cast<std::size_t>(l)]), c));
  return out;
}

}  // namespace ltv::proofs

#include <Eigen/LU>
#include <Eigen/SVD>

namespace ltv::proofs {

/// κ₂ of a matrix, computed in double: the amplification of relative error by a solve with it.
template <class T> double condition_number(const Mat<T>& S) {
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(convert_matrix<double>(S));
  const auto& sv = svd.singularValues();
  return sv(sv.size() - 1) > 0 ? sv(0) / sv(sv.size() - 1) : std::numeric_limits<double>::infinity();
}

/// True when the Gram matrix XᵀX of the context is exactly singular (decided over the rationals).
inline bool singular_gram(const Mat<Rational>& X) {
  return Eigen::FullPivLU<Mat<Rational>>(X.transpose() * X).rank() < X.cols();
}

}  // namespace ltv::proofs
