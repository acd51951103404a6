#pragma once
// Matrices of fractions p/q for the Eigen-glue tests of the exact and the interval tier: a
// RapidCheck generator (mostly not dyadic, so not representable in a float tier) and the product
// written out by hand, independently of Eigen's.
#include "ltv/scalar/eigen_glue.hpp"

#include <rapidcheck.h>

#include <utility>
#include <vector>

namespace ltv::test {

/// A rows×cols matrix of p/q with p in [p_min, p_max] and 1 <= q <= q_max.
inline rc::Gen<Mat<Rational>> rational_matrix(int rows, int cols, int p_min, int p_max, int q_max) {
  const auto count = static_cast<std::size_t>(rows * cols);
  return rc::gen::map(
      rc::gen::container<std::vector<std::pair<int, int>>>(
          count, rc::gen::pair(rc::gen::inRange(p_min, p_max + 1), rc::gen::inRange(1, q_max + 1))),
      [rows, cols](const std::vector<std::pair<int, int>>& entries) {
        Mat<Rational> m(rows, cols);
        for (int i = 0; i < rows; ++i)
          for (int j = 0; j < cols; ++j) {
            const auto& [p, q] = entries[static_cast<std::size_t>(i * cols + j)];
            m(i, j) = Rational(p, q);
          }
        return m;
      });
}

/// A·B by the textbook triple loop.
inline Mat<Rational> hand_product(const Mat<Rational>& A, const Mat<Rational>& B) {
  Mat<Rational> C(A.rows(), B.cols());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.cols(); ++j) {
      Rational s = 0;
      for (Eigen::Index l = 0; l < A.cols(); ++l) s += A(i, l) * B(l, j);
      C(i, j) = s;
    }
  return C;
}

}  // namespace ltv::test
