#include "ltv/expect/one_layer_analysis.hpp"

#include "ltv/core/spectra.hpp"
#include "ltv/expect/one_layer.hpp"

#include <stdexcept>

namespace ltv {

OneLayerTheory analyse_one_layer(const Vec<Mpfr>& eigenvalues, int n, const Mpfr& noise_var,
                                 std::uint64_t seed) {
  if (n < 1) throw std::invalid_argument("n must be >= 1");
  if (!(noise_var >= 0) || !isfinite(noise_var))
    throw std::invalid_argument("the noise variance must be >= 0");
  OneLayerTheory t;
  t.cov = covariance_with_random_rotation(eigenvalues, seed);
  const int d = static_cast<int>(eigenvalues.size());
  const OneLayerProblem<Mpfr> problem{t.cov, noise_var, n, Norm::Mean};
  std::tie(t.P, t.Q) = a23_one_layer_optimum<Mpfr>(t.cov, Mpfr(t.cov.trace() + noise_var), n);
  t.loss = one_layer_loss<Mpfr>(t.P, t.Q, problem);
  const auto g = one_layer_gradient<Mpfr>(t.P, t.Q, problem);
  t.grad_norm = sqrt(Mpfr(g.P.squaredNorm() + g.Q.squaredNorm()));
  t.hessian = hessian_spectrum(one_layer_hessian<Mpfr>(t.P, t.Q, problem));
  t.orbit_dimension = (d + 1) * (d + 1) + 1;
  return t;
}

}  // namespace ltv
