#include "ltv/expect/hessian_spectrum.hpp"

#include "ltv/scalar/tolerance.hpp"

#include <Eigen/Eigenvalues>

#include <stdexcept>

namespace ltv {
namespace {

Vec<Mpfr> eigenvalues(const Mat<Mpfr>& H) {
  if (H.rows() == 0) return {};
  return Eigen::SelfAdjointEigenSolver<Mat<Mpfr>>(H, Eigen::EigenvaluesOnly).eigenvalues();
}

}  // namespace

HessianSpectrum hessian_spectrum(const Mat<Mpfr>& H) { return block_hessian_spectrum({H}, {1}); }

HessianSpectrum block_hessian_spectrum(const std::vector<Mat<Mpfr>>& blocks, const std::vector<int>& multiplicities) {
  if (blocks.size() != multiplicities.size()) throw std::invalid_argument("block_hessian_spectrum: one multiplicity per block");
  std::vector<std::pair<Vec<Mpfr>, int>> spectra;
  HessianSpectrum s;
  bool first = true;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (multiplicities[k] == 0 || blocks[k].rows() == 0) continue;
    spectra.emplace_back(eigenvalues(blocks[k]), multiplicities[k]);
    const Vec<Mpfr>& ev = spectra.back().first;
    s.dimension += static_cast<int>(ev.size()) * multiplicities[k];
    if (first) {
      s.min = ev.minCoeff();
      s.max = ev.maxCoeff();
      first = false;
    }
    s.min = std::min(s.min, Mpfr(ev.minCoeff()));
    s.max = std::max(s.max, Mpfr(ev.maxCoeff()));
  }
  if (first) throw std::invalid_argument("block_hessian_spectrum: an empty matrix");
  s.largest_magnitude = std::max(abs(s.min), abs(s.max));
  const double size = static_cast<double>(s.dimension) * static_cast<double>(s.dimension);
  const double required = tolerance_for<Mpfr>(size, 1).required_digits();
  s.zero_threshold = s.largest_magnitude * pow(Mpfr(10), Mpfr(-required));
  s.smallest_positive = s.largest_magnitude;
  for (const auto& [ev, multiplicity] : spectra)
    for (Eigen::Index i = 0; i < ev.size(); ++i) {
      if (abs(ev[i]) <= s.zero_threshold)
        s.null_dimension += multiplicity;
      else if (ev[i] < 0)
        s.negative += multiplicity;
      else
        s.smallest_positive = std::min(s.smallest_positive, ev[i]);
    }
  return s;
}

BlockInertia block_inertia(const Mat<Mpfr>& block, const HessianSpectrum& whole) {
  BlockInertia b;
  const Vec<Mpfr> ev = eigenvalues(block);
  if (ev.size() > 0) b.min = ev.minCoeff();
  for (Eigen::Index i = 0; i < ev.size(); ++i) {
    if (abs(ev[i]) <= whole.zero_threshold)
      ++b.zero;
    else if (ev[i] < 0)
      ++b.negative;
    else
      ++b.positive;
  }
  return b;
}

}  // namespace ltv
