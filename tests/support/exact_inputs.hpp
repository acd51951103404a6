#pragma once
// Small exact inputs for the tests of the exact expectations: dyadic matrices and covariance
// matrices that are exactly symmetric positive definite over the rationals.
#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace ltv::test {

/// Entries k/8 with k uniform in [−8, 8].
inline Mat<Rational> dyadic_matrix(int rows, int cols, Rng& rng) {
  boost::random::uniform_int_distribution<int> k(-8, 8);
  Mat<Rational> m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = Rational(k(rng), 8);
  return m;
}

/// Σ = U diag(1/2, 1, 3/2, …) Uᵀ with U a product of Householder reflections (exactly orthogonal).
inline Mat<Rational> exact_cov(int d, Rng& rng) {
  Vec<Rational> e(d);
  for (int i = 0; i < d; ++i) e[i] = Rational(1 + i, 2);
  return with_spectrum<Rational>(e, householder_orthogonal<Rational>(random_gaussian_vectors(d, rng)));
}

}  // namespace ltv::test
