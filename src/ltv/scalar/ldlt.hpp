#pragma once
// Positive definiteness of a symmetric matrix by its LDLᵀ factorisation without pivoting. The pivots
// are the ratios of consecutive leading principal minors, so they are all positive if and only if the
// matrix is positive definite (Sylvester's criterion).
//   Rational  exact: the answer is a proof either way.
//   Interval  the factorisation of an interval matrix encloses the pivots of every symmetric matrix
//             whose lower triangle lies in it, so pivots with positive lower ends prove all of them
//             positive definite; a pivot whose interval reaches 0 proves nothing (the matrix may be
//             positive definite, the enclosure too wide).
#include "ltv/scalar/eigen_glue.hpp"

#include <optional>
#include <vector>

namespace ltv {

template <class T>
struct LdltCertificate {
  std::vector<T> pivots;                 ///< D's diagonal, up to the first pivot not certainly > 0
  std::optional<int> first_nonpositive;  ///< its index; none: positive definite (certainly)
  Mat<T> unit_lower;                     ///< L (complete when positive definite)
  bool positive_definite() const { return !first_nonpositive.has_value(); }
};

/// Reads the lower triangle. Over the rationals the matrix must be symmetric
/// (std::invalid_argument otherwise); every tier rejects a non-square matrix.
template <class T>
LdltCertificate<T> ldlt_certificate(const Mat<T>& symmetric);

/// A⁻¹b through the factorisation; none unless A is (certainly) positive definite. Over intervals
/// an enclosure of A⁻¹b for every member A and b.
template <class T>
std::optional<Vec<T>> ldlt_solve(const Mat<T>& symmetric, const Vec<T>& b);

// Explicit instantiations for the two tiers that certify (above): declared here, defined in ldlt.cpp.
#define LTV_LDLT_INSTANCES(PREFIX, T)                                    \
  PREFIX template LdltCertificate<T> ldlt_certificate<T>(const Mat<T>&); \
  PREFIX template std::optional<Vec<T>> ldlt_solve<T>(const Mat<T>&, const Vec<T>&);
LTV_LDLT_INSTANCES(extern, Rational)
LTV_LDLT_INSTANCES(extern, Interval)

}  // namespace ltv
