#include "ltv/expect/hessian_spectrum.hpp"

#include "ltv/scalar/tolerance.hpp"

#include <Eigen/Eigenvalues>

namespace ltv {

HessianSpectrum hessian_spectrum(const Mat<Mpfr>& H) {
  const Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> eig(H, Eigen::EigenvaluesOnly);
  const Vec<Mpfr>& ev = eig.eigenvalues();
  HessianSpectrum s;
  s.min = ev.minCoeff();
  s.max = ev.maxCoeff();
  s.largest_magnitude = ev.cwiseAbs().maxCoeff();
  const double required = tolerance_for<Mpfr>(static_cast<double>(H.size()), 1).required_digits();
  s.zero_threshold = s.largest_magnitude * pow(Mpfr(10), Mpfr(-required));
  s.smallest_positive = s.largest_magnitude;
  for (Eigen::Index i = 0; i < ev.size(); ++i) {
    if (abs(ev[i]) <= s.zero_threshold)
      ++s.null_dimension;
    else if (ev[i] < 0)
      ++s.negative;
    else
      s.smallest_positive = std::min(s.smallest_positive, ev[i]);
  }
  return s;
}

}  // namespace ltv
