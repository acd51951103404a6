#pragma once
// Definitions of gaussian_cubature.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/gaussian_cubature.hpp"

#include <utility>

namespace ltv {

template <class T>
CubatureRule<T> gaussian_degree5_rule(int d) {
  CubatureRule<T> rule;
  const auto add = [&](Vec<T> node, const T& weight) {
    rule.nodes.push_back(std::move(node));
    rule.weights.push_back(weight);
  };
  const T dd(d);
  add(Vec<T>::Zero(d), T(1) - dd + dd * dd / T(2));
  for (int i = 0; i < d; ++i)
    for (const int s : {1, -1}) {
      Vec<T> e = Vec<T>::Zero(d);
      e[i] = T(s);
      add(e, T(2) / T(3) - dd / T(2));
      add(Vec<T>(T(2) * e), T(1) / T(12));
    }
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j)
      for (const int si : {1, -1})
        for (const int sj : {1, -1}) {
          Vec<T> e = Vec<T>::Zero(d);
          e[i] = T(si);
          e[j] = T(sj);
          add(e, T(1) / T(4));
        }
  return rule;
}

}  // namespace ltv
