#pragma once
// The covariance of the population obligations' random cases: Σ = U diag(e) Uᵀ with e positive
// dyadic in [1/8, 4] and U a product of Householder reflections, exactly orthogonal over the
// rationals, so that every tier computes with the same Σ up to its own rounding of U.
#include "ltv/core/spectra.hpp"
#include "ltv/verify/arbitrary.hpp"

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>

namespace ltv::proofs {

struct RotatedCovariance {
  DyadicMatrix eigenvalues;  ///< d×1, in [1/8, 4]
  DyadicMatrix reflectors;   ///< d×d, columns nonzero
  int d() const { return static_cast<int>(eigenvalues.rows()); }
  template <class T>
  Mat<T> cov() const {
    return with_spectrum<T>(eigenvalues.to_vector<T>(), householder_orthogonal<T>(reflectors.to<double>()));
  }
};

inline std::ostream& operator<<(std::ostream& os, const RotatedCovariance& s) {
  return os << "eigenvalues=" << s.eigenvalues << " reflectors=" << s.reflectors;
}

/// Draws a d×d case inside a RapidCheck generator (rc::gen::exec): the eigenvalues k/8, 1 <= k <= 32,
/// then the reflectors.
inline RotatedCovariance draw_rotated_covariance(int d) {
  RotatedCovariance s;
  s.eigenvalues.exponent = 3;
  s.eigenvalues.numerators.resize(d, 1);
  for (int i = 0; i < d; ++i) s.eigenvalues.numerators(i, 0) = *rc::gen::inRange<std::int64_t>(1, 33);
  s.reflectors = *gen::nonzero_dyadic_matrix(d, d, 3, 8);
  return s;
}

}  // namespace ltv::proofs
