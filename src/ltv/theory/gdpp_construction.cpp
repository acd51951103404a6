// Layer counts of the GD++ construction (gdpp_construction.hpp).
#include "ltv/theory/gdpp_construction.hpp"

#include <algorithm>

namespace ltv {

int gdpp_layers_needed(const Mpfr& kappa, const Mpfr& eps) {
  if (!(kappa >= 1)) throw std::invalid_argument("gdpp_layers_needed: kappa must be >= 1");
  if (!(eps > 0)) throw std::invalid_argument("gdpp_layers_needed: eps must be > 0");
  // e = κ − 1 evolves without cancellation: κ' = 4κ³/(3κ − 1)², i.e. e' = e² (3 + 4e)/(2 + 3e)².
  // Each layer multiplies κ by at most 4356/4761 while κ >= 1.1 and squares e below, so the loop
  // ends after O(log κ + log log 1/eps) rounds.
  Mpfr e = kappa - 1;
  int layers = 0;
  while (e > eps) {
    const Mpfr denominator = 2 + 3 * e;
    e = e * e * (3 + 4 * e) / (denominator * denominator);
    ++layers;
  }
  return layers;
}

GdppLayerBound gdpp_layer_bound(const Mpfr& kappa, const Mpfr& eps) {
  if (!(kappa >= 1)) throw std::invalid_argument("gdpp_layer_bound: kappa must be >= 1");
  if (!(eps > 0)) throw std::invalid_argument("gdpp_layer_bound: eps must be > 0");
  GdppLayerBound b;
  const Mpfr threshold = Mpfr(11) / 10, c = Mpfr(4356) / 4761;
  if (kappa > threshold) b.phase1 = static_cast<int>(ceil(log(kappa / threshold) / log(1 / c)));
  if (eps < Mpfr(1) / 10) b.phase2 = static_cast<int>(ceil(log2(log(1 / (2 * eps)) / log(Mpfr(5)))));
  return b;
}

Mpfr plain_gd_guaranteed_accuracy(const Mpfr& kappa, std::int64_t layers) {
  const Mpfr rho = (kappa - 1) / (kappa + 1);
  return pow(rho, Mpfr(layers));
}

std::int64_t plain_gd_layers_needed(const Mpfr& kappa, const Mpfr& eps) {
  if (!(kappa > 1)) throw std::invalid_argument("plain_gd_layers_needed: kappa must be > 1");
  if (!(eps > 0) || !(eps < 1)) throw std::invalid_argument("plain_gd_layers_needed: eps must be in (0, 1)");
  // log(1/ε)/log(1/ρ) at the working precision, then the exact least L by comparing ρ^L with ε
  // (the quotient may round across an integer).
  const Mpfr rho = (kappa - 1) / (kappa + 1);
  auto layers = static_cast<std::int64_t>(ceil(log(eps) / log(rho)));
  layers = std::max<std::int64_t>(layers, 1);
  while (plain_gd_guaranteed_accuracy(kappa, layers) > eps) ++layers;
  while (layers > 1 && plain_gd_guaranteed_accuracy(kappa, layers - 1) <= eps) --layers;
  return layers;
}

}  // namespace ltv
