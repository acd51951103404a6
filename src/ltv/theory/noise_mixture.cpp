// V24 Theorem 5.2's construction (noise_mixture.hpp).
#include "ltv/theory/noise_mixture.hpp"

#include "ltv/model/families.hpp"

#include <stdexcept>

namespace ltv {

MixtureOmegas solve_mixture_conditions(const double (&s)[2], const double (&r)[2]) {
  const double denominator = r[0] * s[1] - r[1] * s[0];
  if (denominator == 0) throw std::invalid_argument("the two mixture conditions have no unique solution");
  const double yy = (r[1] - r[0]) / denominator;
  return {r[0] / (1 + s[0] * yy), yy};
}

MixtureOmegas noise_mixture_solution(double sigma1, double sigma2, int n) {
  const double s[2] = {n * sigma1 * sigma1, n * sigma2 * sigma2};
  const double r[2] = {-1 / (1 + sigma1 * sigma1), -1 / (1 + sigma2 * sigma2)};
  return solve_mixture_conditions(s, r);
}

Model<double> noise_mixture_model(int d, const MixtureOmegas& o) {
  Model<double> m;
  m.d = d;
  m.norm = Norm::Sum;
  m.layers.push_back(diag_layer<double>(d, {{0.0, 1.0, o.yx, 0.0}}));
  m.layers.push_back(diag_layer<double>(d, {{0.0, 1.0, 0.0, o.yy}}));
  return m;
}

}  // namespace ltv
