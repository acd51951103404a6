#pragma once
// RapidCheck generators of dyadic prompts and FULL models: small, shrinkable dimensions (a failure
// shrinks to e.g. d = 1, n = 2, L = 2) and dyadic entries, so every tier sees the same numbers.
#include "ltv/core/dyadic.hpp"
#include "ltv/model/parameters.hpp"
#include "ltv/model/tokens.hpp"

#include <ostream>

namespace ltv {

/// A prompt of n context tokens in dimension d, with dyadic entries.
struct DyadicPrompt {
  DyadicMatrix X;   ///< n×d
  DyadicMatrix y;   ///< n×1
  DyadicMatrix xq;  ///< d×1
  int d() const { return static_cast<int>(X.cols()); }
  int n() const { return static_cast<int>(X.rows()); }
  template <class T> Mat<T> tokens() const {
    return make_tokens<T>(X.template to<T>(), y.template to_vector<T>(), xq.template to_vector<T>());
  }
};

/// A FULL model with dyadic (P, Q) per head and layer.
struct DyadicModel {
  int d = 1;
  Norm norm = Norm::Sum;
  std::vector<std::vector<std::pair<DyadicMatrix, DyadicMatrix>>> layers;  ///< [layer][head] = (P, Q)
  template <class T> Model<T> to() const {
    Model<T> m{d, norm, {}};
    for (const auto& heads : layers) {
      Layer<T> layer;
      for (const auto& [P, Q] : heads) layer.heads.push_back({P.template to<T>(), Q.template to<T>()});
      m.layers.push_back(std::move(layer));
    }
    return m;
  }
};

/// Limits of the generated cases.
struct FullCaseLimits {
  int max_d = 6, max_n = 12, max_layers = 4, max_heads = 3;
  int min_n = 1;
};

struct FullCase {
  DyadicPrompt prompt;
  DyadicModel model;
};

std::ostream& operator<<(std::ostream& os, const DyadicPrompt& p);
std::ostream& operator<<(std::ostream& os, const DyadicModel& m);
std::ostream& operator<<(std::ostream& os, const FullCase& c);
void showValue(const FullCase& c, std::ostream& os);

namespace gen {

/// A dyadic prompt of the given size, entries in [-1, 1] on a grid of 1/8.
rc::Gen<DyadicPrompt> dyadic_prompt(int d, int n);

/// A FULL model whose entries are scaled (by a power of two) so that one layer's update
/// c Σ_h P G Q is of order one for tokens of order one: deep models neither explode nor vanish.
rc::Gen<DyadicModel> dyadic_model(int d, int n, int layers, int heads, Norm norm);

/// Dimensions, norm, prompt and model drawn together (dimensions shrink first).
rc::Gen<FullCase> full_case(FullCaseLimits limits = {});

}  // namespace gen
}  // namespace ltv
