#pragma once
// Definitions of statistics_forward.hpp (included by the per-tier instantiation units only).
#include "ltv/model/statistics_forward.hpp"

#include <stdexcept>

namespace ltv {

template <class T>
StatisticsTrace<T> statistics_forward(const Model<T>& model, const Mat<T>& G0, int n) {
  model.validate();
  if (G0.rows() != model.d + 1 || G0.cols() != model.d + 1)
    throw std::invalid_argument("statistics_forward: G0 must be (d+1)x(d+1)");
  const T c = attention_scale<T>(model.norm, n);
  StatisticsTrace<T> s;
  s.gram.push_back(G0);
  s.transform.push_back(Mat<T>::Identity(model.d + 1, model.d + 1));
  for (const auto& layer : model.layers) {
    s.update.push_back(layer_matrix(layer, s.gram.back(), c));
    const Mat<T> next = s.transform.back() + s.update.back() * s.transform.back();
    s.transform.push_back(next);
    s.gram.push_back(next * G0 * next.transpose());
  }
  return s;
}

template <class T>
T statistics_prediction(const StatisticsTrace<T>& s, const Vec<T>& xq) {
  const Mat<T>& TL = s.transform.back();
  const auto d = xq.size();
  return -(TL.row(d).head(d).dot(xq));
}

}  // namespace ltv
