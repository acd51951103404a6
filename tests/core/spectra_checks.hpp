#pragma once
// Properties of src/ltv/core/spectra.hpp, written once for every tier and run by one test file per
// tier (one multiprecision type per translation unit). The Rational tier is checked exactly; the
// float tiers against the tolerance of scalar/tolerance.hpp, with the size factors derived below.
#include "ltv/core/spectra.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <rapidcheck/catch.h>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ltv::test {

/// Largest dimension the properties draw; small, so that a failure shrinks to a readable case.
inline constexpr int kMaxSpectraDimension = 8;

/// Roundings behind UᵀU − I for U = householder_orthogonal of k reflections in dimension d, in
/// units of an entry of size 1. Each reflection subtracts the rank-one term (U v)(2v/vᵀv)ᵀ, whose
/// 2-norm is 2, computed with 2d + 4 roundings (the dot products U v and vᵀv of length d, the
/// quotient 2/vᵀv, two products and the subtraction): 2(2d + 4) per reflection. UᵀU doubles U's
/// error and adds a dot product of length d.
inline double orthogonality_size_factor(Eigen::Index d, Eigen::Index k) {
  return static_cast<double>(2 * k * 2 * (2 * d + 4) + d);
}

/// Roundings behind the eigenvalues of with_spectrum(λ, U), computed by SelfAdjointEigenSolver,
/// relative to max|λ|: the product U diag(λ) Uᵀ perturbs each entry by (d + 1) roundings of max|λ|
/// (a dot product of length d after a scaling), i.e. the matrix by d(d + 1) in 2-norm; U's departure
/// from orthogonality (orthogonality_size_factor) moves the eigenvalues by twice that; and the
/// eigensolver (Householder tridiagonalisation, implicit QR) is backward stable with an error of
/// about d² roundings of the matrix norm.
inline double eigenvalue_size_factor(Eigen::Index d) {
  return static_cast<double>(d * (d + 1) + 2 * orthogonality_size_factor(d, d) + d * d);
}

/// The random orthogonal matrix of a seed in tier T: the same double vectors in every tier.
template <class T>
Mat<T> random_householder(int d, std::uint64_t seed) {
  Rng rng(seed);
  return householder_orthogonal<T>(random_gaussian_vectors(d, rng));
}

template <class T>
void assert_orthogonal(const Mat<T>& U, double size_factor) {
  const Mat<T> gram = U.transpose() * U;
  const Mat<T> identity = Mat<T>::Identity(U.rows(), U.cols());
  if constexpr (is_exact<T>) {
    RC_ASSERT(gram == identity);
  } else {
    const double digits = agreement<T, T>(gram.reshaped(), identity.reshaped()).digits();
    RC_ASSERT(digits >= tolerance_for<T>(size_factor, 1).required_digits());
  }
}

template <class T>
void householder_properties() {
  rc::prop("householder_orthogonal is orthogonal (exactly for rationals) with det (−1)^d", [] {
    const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
    const Mat<T> U = random_householder<T>(d, *rc::gen::arbitrary<std::uint64_t>());
    assert_orthogonal<T>(U, orthogonality_size_factor(d, d));
    const T det = U.determinant();
    const T expected = d % 2 == 0 ? T(1) : T(-1);
    if constexpr (is_exact<T>)
      RC_ASSERT(det == expected);
    else
      RC_ASSERT(det * expected > 0);
  });
  rc::prop("householder_orthogonal of any number of reflections is orthogonal", [] {
    const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
    const int k = *rc::gen::inRange(0, 2 * kMaxSpectraDimension + 1);
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    const Eigen::MatrixXd vectors = random_gaussian_vectors(std::max(d, k), rng).topLeftCorner(d, k);
    assert_orthogonal<T>(householder_orthogonal<T>(vectors), orthogonality_size_factor(d, k));
  });
  if constexpr (!std::is_same_v<T, double>) {
    rc::prop("householder_orthogonal agrees with the double tier to double precision", [] {
      const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
      const auto seed = *rc::gen::arbitrary<std::uint64_t>();
      const Mat<T> U = random_householder<T>(d, seed);
      const Mat<double> U_double = random_householder<double>(d, seed);
      // Both are within their tier's rounding of the same exact product; the double one dominates.
      const double digits = agreement<double, T>(U_double.reshaped(), U.reshaped()).digits();
      RC_ASSERT(digits >= tolerance_for<double>(orthogonality_size_factor(d, d), 1).required_digits());
    });
  }
}

template <class T>
void with_spectrum_properties() {
  rc::prop("with_spectrum is exactly symmetric and has the prescribed eigenvalues", [] {
    const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
    Rng rng(*rc::gen::arbitrary<std::uint64_t>());
    Vec<T> e = uniform_spectrum<T>(d, T(-4), T(4), rng);
    const Mat<T> U = householder_orthogonal<T>(random_gaussian_vectors(d, rng));
    const Mat<T> A = with_spectrum<T>(e, U);
    RC_ASSERT(A == A.transpose());
    if constexpr (is_exact<T>) {
      RC_ASSERT(Mat<T>(U.transpose() * A * U) == Mat<T>(e.asDiagonal()));
    } else {
      const Eigen::SelfAdjointEigenSolver<Mat<T>> solver(A, Eigen::EigenvaluesOnly);
      RC_ASSERT(solver.info() == Eigen::Success);
      std::sort(e.data(), e.data() + e.size());
      const double digits = agreement<T, T>(solver.eigenvalues(), e).digits();
      // The distribution of the digits reached (capped at the tier's: exact agreement is +inf).
      RC_TAG(static_cast<int>(std::min(digits, digits_of_bits(mantissa_bits<T>()))));
      RC_ASSERT(digits >= tolerance_for<T>(eigenvalue_size_factor(d), 1).required_digits());
    }
  });
}

template <class T>
void geometric_spectrum_properties() {
  rc::prop("geometric_spectrum runs from mu to mu·kappa, ascending, with condition number kappa", [] {
    const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
    // Dyadic mu and kappa, exact in every tier.
    const T mu = T(*rc::gen::inRange(1, 257)) / T(16);
    const T kappa = T(1) + T(*rc::gen::inRange(0, 1025)) / T(8);
    const Vec<T> e = geometric_spectrum<T>(d, mu, kappa);
    RC_ASSERT(e.size() == d);
    RC_ASSERT(e(0) == mu);
    for (int k = 0; k + 1 < d; ++k) RC_ASSERT((kappa > 1 ? e(k) < e(k + 1) : e(k) == e(k + 1)));
    const T condition = e.maxCoeff() / e.minCoeff();
    const T expected = d == 1 ? T(1) : kappa;
    if constexpr (is_exact<T>) {
      RC_ASSERT(condition == expected);
    } else {
      // mu·kappa and the quotient: two roundings.
      const double digits =
          agreement<T, T>(Vec<T>::Constant(1, condition), Vec<T>::Constant(1, expected)).digits();
      RC_ASSERT(digits >= tolerance_for<T>(2, 1).required_digits());
    }
  });
  if constexpr (!is_exact<T>) {
    rc::prop("geometric_spectrum has a constant ratio kappa^(1/(d−1))", [] {
      const int d = *rc::gen::inRange(2, kMaxSpectraDimension + 1);
      const T kappa = T(1) + T(*rc::gen::inRange(0, 1025)) / T(8);
      const Vec<T> e = geometric_spectrum<T>(d, T(1), kappa);
      const Vec<T> ratios = e.tail(d - 1).cwiseQuotient(e.head(d - 1));
      const Vec<T> expected = Vec<T>::Constant(d - 1, detail::fractional_power(kappa, 1, d - 1));
      // Each power rounds its exponent k/(d−1) and itself, which the ratio of two of them and the
      // power it is compared with double: 3·2 + 1 roundings. A relative error δ of the exponent
      // changes the power by δ·ln(kappa) relatively: the condition number.
      const double condition = std::max(1.0, std::log(static_cast<double>(kappa)));
      const double digits = agreement<T, T>(ratios, expected).digits();
      RC_ASSERT(digits >= tolerance_for<T>(7, condition).required_digits());
    });
  }
}

template <class T>
void uniform_spectrum_properties() {
  rc::prop("uniform_spectrum draws the same numbers as the double tier, in [lo, hi)", [] {
    const int d = *rc::gen::inRange(1, kMaxSpectraDimension + 1);
    const auto seed = *rc::gen::arbitrary<std::uint64_t>();
    const int lo = *rc::gen::inRange(-8, 8);
    const int hi = lo + *rc::gen::inRange(1, 8);
    Rng rng(seed);
    const Vec<T> e = uniform_spectrum<T>(d, T(lo), T(hi), rng);
    Rng rng_double(seed);
    const Vec<double> e_double = uniform_spectrum<double>(d, lo, hi, rng_double);
    for (int k = 0; k < d; ++k) {
      RC_ASSERT(e(k) == convert<T>(e_double(k)));
      RC_ASSERT(e(k) >= T(lo));
      RC_ASSERT(e(k) < T(hi));
    }
  });
}

}  // namespace ltv::test
