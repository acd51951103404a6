#pragma once
// The spectrum of a symmetric (Hessian) matrix at high precision, with its numerical null space:
// an eigenvalue counts as zero when it is below the rounding an eigensolver makes on the matrix
// (the rule of scalar/tolerance.hpp with the matrix size as size factor).
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/tiers.hpp"

namespace ltv {

struct HessianSpectrum {
  Mpfr min, max;           ///< extreme eigenvalues
  Mpfr largest_magnitude;  ///< max |λ|
  Mpfr smallest_positive;  ///< the smallest eigenvalue above the zero threshold
  Mpfr zero_threshold;     ///< |λ| <= this counts as zero
  int null_dimension = 0;  ///< how many eigenvalues count as zero
  int negative = 0;        ///< how many are below -zero_threshold
};

HessianSpectrum hessian_spectrum(const Mat<Mpfr>& H);

}  // namespace ltv
