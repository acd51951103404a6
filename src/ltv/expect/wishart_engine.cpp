#include "ltv/expect/wishart_engine.hpp"

#include <algorithm>
#include <stdexcept>

namespace ltv {

int family_scalar_count(LayerFamily family, int layers) {
  return family == LayerFamily::Relaxed ? 2 * layers : layers;
}

int family_error_degree(LayerFamily family, int layers) {
  if (layers < 1) throw std::invalid_argument("the family needs layers >= 1");
  if (family == LayerFamily::Sparse) return layers;
  // deg K_l = 1 + 2 deg T_l; V_{l+1} = V_l + U_l K_l; U_{l+1} = U_l (I + K_l); T_{l+1} = T_l + B T_l K_l.
  int t = 0, u = 0, v = 0;
  for (int l = 0; l < layers; ++l) {
    const int k = 1 + 2 * t;
    v = std::max(v, u + k);
    u += k;
    t += k;
  }
  return v;
}

}  // namespace ltv
