#pragma once
// The spectrum of a symmetric (Hessian) matrix at high precision, with its numerical null space:
// an eigenvalue counts as zero when it is below the rounding an eigensolver makes on the matrix
// (the rule of scalar/tolerance.hpp with the matrix size as size factor). A block-diagonal
// Hessian (the Wishart engine's) is given by its blocks, each with a multiplicity.
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/tiers.hpp"

#include <vector>

namespace ltv {

struct HessianSpectrum {
  Mpfr min, max;           ///< extreme eigenvalues
  Mpfr largest_magnitude;  ///< max |λ|
  Mpfr smallest_positive;  ///< the smallest eigenvalue above the zero threshold
  Mpfr zero_threshold;     ///< |λ| <= this counts as zero
  int dimension = 0;       ///< the size of the whole matrix
  int null_dimension = 0;  ///< how many eigenvalues count as zero
  int negative = 0;        ///< how many are below -zero_threshold
};

HessianSpectrum hessian_spectrum(const Mat<Mpfr>& H);

/// The spectrum of the block-diagonal matrix with block k repeated multiplicities[k] times.
HessianSpectrum block_hessian_spectrum(const std::vector<Mat<Mpfr>>& blocks, const std::vector<int>& multiplicities);

/// The zero/negative counts of one block under the thresholds of a whole spectrum.
struct BlockInertia {
  int zero = 0, negative = 0, positive = 0;
  Mpfr min;  ///< the block's smallest eigenvalue
};
BlockInertia block_inertia(const Mat<Mpfr>& block, const HessianSpectrum& whole);

}  // namespace ltv
