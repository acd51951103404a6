#pragma once
// Matrices with a prescribed spectrum, built by construction rather than drawn and hoped to be well
// conditioned (as in Eigen's test/random_matrix_helper.h): an orthogonal U and eigenvalues λ give
// the symmetric U diag(λ) Uᵀ, whose condition number is known exactly.
//
// Randomness is drawn in double (Boost.Random, so a seed fixes every number) and converted exactly
// into the tier, so the double, Mpfr and Rational runs of one seed see the same inputs; Mpfr must
// carry at least 53 bits for that.
#include "ltv/core/random.hpp"
#include "ltv/scalar/convert.hpp"

#include <cmath>
#include <type_traits>

namespace ltv {

/// A d×d matrix of independent standard normals, drawn column by column; its columns are the
/// input of householder_orthogonal. Throws std::invalid_argument for d < 1.
Eigen::MatrixXd random_gaussian_vectors(int d, Rng& rng);

/// A Haar-distributed (uniform on O(d)) orthogonal matrix, double tier only: Q·diag(sign R_jj)
/// for the QR factorisation of random_gaussian_vectors(d, rng) (Mezzadri, Notices AMS 54, 2007).
/// Orthogonal to rounding; a higher tier would need square roots, see householder_orthogonal.
/// Throws std::invalid_argument for d < 1.
Eigen::MatrixXd haar_orthogonal(int d, Rng& rng);

/// Σ = U diag(e) Uᵀ at the working precision, U = householder_orthogonal(random_gaussian_vectors)
/// from `seed`: the covariance of the `ltv theory` commands. Throws std::invalid_argument unless e
/// is non-empty with positive finite entries (the message names the first bad one).
Mat<Mpfr> covariance_with_random_rotation(const Vec<Mpfr>& eigenvalues, std::uint64_t seed);

/// The product H_1 H_2 ··· H_k of the Householder reflections H_j = I − 2 v_j v_jᵀ / (v_jᵀ v_j),
/// v_j the j-th column of `vectors` (d×k, any k >= 0), converted exactly to T. It needs no square
/// root, so for T = Rational it is EXACTLY orthogonal; in double and Mpfr it is orthogonal to the
/// tier's rounding, and all tiers agree to that rounding.
///
/// The law of householder_orthogonal(random_gaussian_vectors(d, rng)) — a product of d independent
/// uniformly oriented reflections — is NOT Haar: its determinant is always (−1)^d, and random
/// reflections need about (d/2)·log d steps to approach the uniform law on that coset (Porod,
/// Ann. Probab. 24, 1996); it is exactly uniform only for d <= 2. What it does have is invariance
/// under conjugation U ↦ V U Vᵀ for every orthogonal V (the Gaussian vectors are rotation
/// invariant), i.e. no preferred basis, which is what test matrices with a prescribed spectrum need.
/// Use haar_orthogonal where the double tier needs the uniform law itself.
///
/// Throws std::invalid_argument if `vectors` has no rows, or a column that is zero or not finite.
template <class T>
Mat<T> householder_orthogonal(const Eigen::MatrixXd& vectors);

/// U diag(eigenvalues) Uᵀ for a square U (orthogonal, for the eigenvalues to be the spectrum).
/// The lower triangle is computed and mirrored, so the result is exactly symmetric in every tier
/// (the two triangles of the floating-point product round differently).
/// Throws std::invalid_argument if the sizes do not match.
template <class T>
Mat<T> with_spectrum(const Vec<T>& eigenvalues, const Mat<T>& U);

namespace detail {

/// base^(num/den) in tier T. The rational tier has no such power; it gets the Mpfr value at the
/// working precision, converted exactly.
template <class T>
T fractional_power(const T& base, int num, int den) {
  if constexpr (std::is_same_v<T, double>) {
    return std::pow(base, static_cast<double>(num) / den);
  } else if constexpr (is_exact<T>) {
    return convert<T>(fractional_power(convert<Mpfr>(base), num, den));
  } else {
    return pow(base, T(num) / T(den));
  }
}

}  // namespace detail

/// d eigenvalues from mu to mu·kappa, geometrically spaced and ascending: λ_k = mu·kappa^(k/(d−1)).
/// The two ends are exact products in every tier, so the condition number λ_max/λ_min is kappa
/// (exactly for Rational, to two roundings otherwise); the interior points are rounded to the tier
/// (for Rational: the Mpfr power at the working precision, converted exactly). d = 1 gives {mu},
/// whose condition number is 1 whatever kappa is.
/// Throws std::invalid_argument for d < 1, mu <= 0 or kappa < 1.
template <class T>
Vec<T> geometric_spectrum(int d, const T& mu, const T& kappa);

/// d eigenvalues drawn independently from U[lo, hi) in double (Boost.Random) and converted exactly
/// to T, so every tier gets the same spectrum from the same seed; they come in draw order.
/// Throws std::invalid_argument for d < 1, unless lo < hi are finite and exactly representable in
/// double (the guarantee of equal draws in every tier needs that).
template <class T>
Vec<T> uniform_spectrum(int d, const T& lo, const T& hi, Rng& rng);

}  // namespace ltv

// Explicit instantiations for every tier (core/tier_*.cpp): declared here, defined once per tier.
#define LTV_SPECTRA_INSTANCES(PREFIX, T)                                    \
  PREFIX template Mat<T> householder_orthogonal<T>(const Eigen::MatrixXd&); \
  PREFIX template Mat<T> with_spectrum<T>(const Vec<T>&, const Mat<T>&);    \
  PREFIX template Vec<T> geometric_spectrum<T>(int, const T&, const T&);    \
  PREFIX template Vec<T> uniform_spectrum<T>(int, const T&, const T&, Rng&);
#define LTV_SPECTRA_INSTANCES_EXTERN(T) LTV_SPECTRA_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_SPECTRA_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: spectra_impl.hpp, compiled once per tier in core/tier_*.cpp.
