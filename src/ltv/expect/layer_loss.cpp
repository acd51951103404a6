#include "ltv/expect/layer_loss.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace ltv {
namespace {

LayerWords build_layer_words(LayerFamily family, int layers) {
  LayerWords out;
  out.symbols = {family, layers};
  out.loss = loss_polynomial(out.symbols);
  const std::vector<int> parameters = out.symbols.parameters();
  for (const int p : parameters) out.gradient.push_back(trace_gradient(out.loss, p));
  for (std::size_t t = 0; t < parameters.size(); ++t) {
    out.hessian.emplace_back();
    for (std::size_t s = 0; s <= t; ++s)
      out.hessian[t].push_back(
          directional_derivative(out.gradient[t], parameters[s], out.symbols.direction()));
  }
  return out;
}

}  // namespace

const LayerWords& layer_words(LayerFamily family, int layers) {
  static std::mutex mutex;
  static std::map<std::pair<LayerFamily, int>, std::unique_ptr<LayerWords>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[{family, layers}];
  if (!entry) entry = std::make_unique<LayerWords>(build_layer_words(family, layers));
  return *entry;
}

}  // namespace ltv
