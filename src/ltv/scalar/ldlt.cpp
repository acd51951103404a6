#include "ltv/scalar/ldlt.hpp"

#include <stdexcept>

namespace ltv {
namespace {

bool certainly_positive(const Rational& x) { return x > 0; }
bool certainly_positive(const Interval& x) { return boost::multiprecision::lower(x) > 0; }

}  // namespace

template <class T>
LdltCertificate<T> ldlt_certificate(const Mat<T>& A) {
  if (A.rows() != A.cols()) throw std::invalid_argument("LDLᵀ: the matrix must be square");
  if constexpr (std::is_same_v<T, Rational>)
    if (A != A.transpose()) throw std::invalid_argument("LDLᵀ: the matrix must be symmetric");
  const Eigen::Index m = A.rows();
  LdltCertificate<T> cert;
  Mat<T>& L = cert.unit_lower;
  L = Mat<T>::Identity(m, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    T pivot = A(j, j);
    for (Eigen::Index k = 0; k < j; ++k)
      pivot -= L(j, k) * L(j, k) * cert.pivots[static_cast<std::size_t>(k)];
    cert.pivots.push_back(pivot);
    if (!certainly_positive(pivot)) {
      cert.first_nonpositive = static_cast<int>(j);
      return cert;
    }
    for (Eigen::Index i = j + 1; i < m; ++i) {
      T s = A(i, j);
      for (Eigen::Index k = 0; k < j; ++k) s -= L(i, k) * L(j, k) * cert.pivots[static_cast<std::size_t>(k)];
      L(i, j) = s / pivot;
    }
  }
  return cert;
}

template <class T>
std::optional<Vec<T>> ldlt_solve(const Mat<T>& A, const Vec<T>& b) {
  if (b.size() != A.rows()) throw std::invalid_argument("LDLᵀ solve: the right-hand side has the wrong size");
  const LdltCertificate<T> cert = ldlt_certificate(A);
  if (!cert.positive_definite()) return std::nullopt;
  const Eigen::Index m = A.rows();
  const Mat<T>& L = cert.unit_lower;
  Vec<T> x = b;
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index k = 0; k < i; ++k) x[i] -= L(i, k) * x[k];
  for (Eigen::Index i = 0; i < m; ++i) x[i] /= cert.pivots[static_cast<std::size_t>(i)];
  for (Eigen::Index i = m - 1; i >= 0; --i)
    for (Eigen::Index k = i + 1; k < m; ++k) x[i] -= L(k, i) * x[k];
  return x;
}

LTV_LDLT_INSTANCES(, Rational)
LTV_LDLT_INSTANCES(, Interval)

}  // namespace ltv
