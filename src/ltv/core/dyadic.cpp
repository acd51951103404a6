#include "ltv/core/dyadic.hpp"

namespace ltv {

std::ostream& operator<<(std::ostream& os, const DyadicMatrix& m) {
  os << "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    os << (i ? "; " : "");
    for (Eigen::Index j = 0; j < m.cols(); ++j) os << (j ? " " : "") << m.numerators(i, j);
  }
  return os << "]/2^" << m.exponent;
}

void showValue(const DyadicMatrix& m, std::ostream& os) { os << m; }
}  // namespace ltv
