#pragma once
// Definitions of gdpp_construction.hpp (included by the per-tier instantiation units only).
#include "ltv/theory/gdpp_construction.hpp"

#include <stdexcept>
#include <string>

namespace ltv {

template <class T>
GdppPlan<T> gdpp_plan(const T& mu, const T& nu, int preconditioning_layers) {
  if (!(mu > 0) || !(mu <= nu))
    throw std::invalid_argument("gdpp_plan: needs 0 < mu <= nu (the eigenvalue bounds of the Gram matrix)");
  if (preconditioning_layers < 0)
    throw std::invalid_argument("gdpp_plan: the number of preconditioning layers must be >= 0, got " +
                                std::to_string(preconditioning_layers));
  GdppPlan<T> plan;
  plan.mu.push_back(mu);
  plan.nu.push_back(nu);
  const auto f = [](const T& lambda, const T& gamma) {
    const T shrink = T(1) - gamma * lambda;
    return T(lambda * shrink * shrink);
  };
  for (int l = 0; l < preconditioning_layers; ++l) {
    const T gamma = T(1) / (T(3) * plan.nu.back());
    plan.gamma.push_back(gamma);
    const T mu_next = f(plan.mu.back(), gamma), nu_next = f(plan.nu.back(), gamma);
    plan.mu.push_back(mu_next);
    plan.nu.push_back(nu_next);
  }
  plan.step = T(1) / plan.mu.back();
  return plan;
}

template <class T>
Model<T> gdpp_model(int d, const GdppPlan<T>& plan) {
  Model<T> model{d, Norm::Sum, {}};
  for (const T& gamma : plan.gamma) model.layers.push_back(gdpp_layer<T>(d, {{T(1), T(0), -gamma, T(0)}}));
  model.layers.push_back(gdpp_layer<T>(d, {{T(0), T(1), -plan.step, T(0)}}));
  return model;
}

template <class T>
T gdpp_guaranteed_accuracy(const GdppPlan<T>& plan) {
  return plan.nu.back() / plan.mu.back() - T(1);
}

template <class T>
Model<T> plain_gd_model(int d, const T& mu, const T& nu, int layers) {
  if (!(mu > 0) || !(mu <= nu))
    throw std::invalid_argument("plain_gd_model: needs 0 < mu <= nu (the eigenvalue bounds of the Gram matrix)");
  if (layers < 1) throw std::invalid_argument("plain_gd_model: needs at least one layer");
  const T step = T(2) / (mu + nu);
  Model<T> model{d, Norm::Sum, {}};
  for (int l = 0; l < layers; ++l) model.layers.push_back(gdpp_layer<T>(d, {{T(0), T(1), -step, T(0)}}));
  return model;
}

}  // namespace ltv
