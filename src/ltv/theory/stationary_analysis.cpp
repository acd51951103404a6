#include "ltv/theory/stationary_analysis.hpp"

#include "ltv/core/spectra.hpp"

#include <Eigen/LU>

#include <stdexcept>

namespace ltv {

StationaryTheory analyse_stationary(LayerFamily family, int layers, const Vec<Mpfr>& eigenvalues, int n,
                                    std::uint64_t seed, bool with_hessian,
                                    const std::function<void(const std::string&)>& progress) {
  if (n < 1) throw std::invalid_argument("n must be >= 1");
  if (layers < 1) throw std::invalid_argument("the number of layers must be >= 1");
  (void)loss_polynomial({family, layers});  // throws early, with the reason, beyond the engine's reach
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };

  StationaryTheory t;
  t.cov = covariance_with_random_rotation(eigenvalues, seed);
  const LayerProblem<Mpfr> problem{family, t.cov, Mat<Mpfr>(t.cov.inverse()), n};
  say("minimising the exact loss over the scalars of S and evaluating the full gradient");
  t.optimum = family_optimum<Mpfr>(problem, layers);
  t.parameters = static_cast<int>(stack_layer_parameters<Mpfr>(t.optimum.gradient).size());
  if (with_hessian) {
    say("computing the exact Hessian over all " + std::to_string(t.parameters) + " matrix entries");
    t.hessian = hessian_spectrum(layer_hessian<Mpfr>(t.optimum.point, problem));
  }
  return t;
}

}  // namespace ltv
