#include "ltv/core/spectra.hpp"

#include <Eigen/QR>
#include <boost/random/normal_distribution.hpp>

#include <stdexcept>
#include <string>

namespace ltv {
namespace {

void require_dimension(const char* routine, int d) {
  if (d < 1) throw std::invalid_argument(std::string(routine) + ": d must be >= 1, got " + std::to_string(d));
}

}  // namespace

Mat<Mpfr> covariance_with_random_rotation(const Vec<Mpfr>& eigenvalues, std::uint64_t seed) {
  const auto d = static_cast<int>(eigenvalues.size());
  if (d < 1) throw std::invalid_argument("the covariance spectrum is empty");
  for (int i = 0; i < d; ++i)
    if (!(eigenvalues[i] > 0) || !isfinite(eigenvalues[i]))
      throw std::invalid_argument("covariance eigenvalue " + std::to_string(i + 1) +
                                  " is not a positive number");
  Rng rng(seed);
  return with_spectrum<Mpfr>(eigenvalues, householder_orthogonal<Mpfr>(random_gaussian_vectors(d, rng)));
}

Eigen::MatrixXd random_gaussian_vectors(int d, Rng& rng) {
  require_dimension("random_gaussian_vectors", d);
  boost::random::normal_distribution<double> normal;
  Eigen::MatrixXd g(d, d);
  for (int j = 0; j < d; ++j)
    for (int i = 0; i < d; ++i) g(i, j) = normal(rng);
  return g;
}

Eigen::MatrixXd haar_orthogonal(int d, Rng& rng) {
  require_dimension("haar_orthogonal", d);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(random_gaussian_vectors(d, rng));
  Eigen::MatrixXd q = qr.householderQ();
  // Q alone is not Haar: its law depends on the sign convention of the factorisation. Fixing
  // R_jj > 0 makes (Q, R) unique, and that Q is Haar.
  for (int j = 0; j < d; ++j)
    if (qr.matrixQR()(j, j) < 0) q.col(j) = -q.col(j);
  return q;
}

}  // namespace ltv
