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

namespace gen {
namespace {

rc::Gen<DyadicMatrix> matrix_of(int rows, int cols, int exponent, rc::Gen<std::int64_t> entry) {
  const auto count = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  return rc::gen::map(rc::gen::container<std::vector<std::int64_t>>(count, std::move(entry)),
                      [rows, cols, exponent](const std::vector<std::int64_t>& k) {
                        DyadicMatrix m;
                        m.exponent = exponent;
                        m.numerators.resize(rows, cols);
                        for (int i = 0; i < rows; ++i)
                          for (int j = 0; j < cols; ++j)
                            m.numerators(i, j) = k[static_cast<std::size_t>(i * cols + j)];
                        return m;
                      });
}

/// An integer in [-bound, bound] that shrinks towards 0 (RapidCheck's inRange shrinks towards
/// its lower end).
rc::Gen<std::int64_t> centred(std::int64_t bound) {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange<std::int64_t>(0, bound + 1), rc::gen::element(1, -1)),
                      [](const std::pair<std::int64_t, int>& p) { return p.first * p.second; });
}

}  // namespace

rc::Gen<DyadicMatrix> dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator) {
  return matrix_of(rows, cols, exponent, centred(max_numerator));
}

rc::Gen<DyadicMatrix> nonzero_dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator) {
  return matrix_of(rows, cols, exponent,
                   rc::gen::suchThat(centred(max_numerator), [](std::int64_t k) { return k != 0; }));
}

}  // namespace gen
}  // namespace ltv
