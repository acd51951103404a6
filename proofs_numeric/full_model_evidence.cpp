#include "full_model_evidence.hpp"

#include "ltv/scalar/convert.hpp"

#include <Eigen/LU>
#include <Eigen/SVD>

namespace ltv::proofs {

template <class T>
double forward_condition(const std::vector<Mat<T>>& updates) {
  double c = 1;
  for (const auto& K : updates) c *= 1 + 3 * convert<double>(T(K.cwiseAbs().rowwise().sum().maxCoeff()));
  return c;
}

template <class T>
double state_magnitude(const std::vector<Mat<T>>& tokens) {
  double m = 0;
  for (const auto& Z : tokens) m = std::max(m, convert<double>(T(Z.cwiseAbs().maxCoeff())));
  return m;
}

template <class T>
std::vector<Mat<T>> layer_updates(const Model<T>& m, const std::vector<Mat<T>>& tokens) {
  const T c = attention_scale<T>(m.norm, context_size(tokens.front()));
  std::vector<Mat<T>> out;
  for (std::size_t l = 0; l < m.layers.size(); ++l)
    out.push_back(layer_matrix(m.layers[l], context_gram(tokens[l]), c));
  return out;
}

template <class T>
double condition_number(const Mat<T>& S) {
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(convert_matrix<double>(S));
  const auto& sv = svd.singularValues();
  return sv(sv.size() - 1) > 0 ? sv(0) / sv(sv.size() - 1) : std::numeric_limits<double>::infinity();
}

template <class T>
IdentitySides<T> forward_sides(const Stack<T>& lhs, const Stack<T>& rhs, const Model<T>& model, int n,
                               const std::vector<Mat<T>>& updates, const std::vector<Mat<T>>& tokens) {
  const int heads = static_cast<int>(model.layers.front().heads.size());
  return {lhs.vector(), rhs.vector(), forward_size_factor(model.d, n, model.num_layers(), heads),
          forward_condition(updates), state_magnitude(tokens)};
}

bool singular_gram(const Mat<Rational>& X) {
  return Eigen::FullPivLU<Mat<Rational>>(X.transpose() * X).rank() < X.cols();
}

#define LTV_EVIDENCE_DEFINE(T) LTV_EVIDENCE_INSTANCES(, T)
LTV_FOR_EACH_TIER(LTV_EVIDENCE_DEFINE)

}  // namespace ltv::proofs
