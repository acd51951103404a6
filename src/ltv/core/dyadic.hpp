#pragma once
// Dyadic rationals k / 2^e: the inputs of identity checks. They are exactly representable in
// every tier (for |k| < 2^53), so the double, MPFR and rational runs see the same numbers and
// any disagreement between tiers is the computation's, not the input's.
#include "ltv/scalar/eigen_glue.hpp"

#include <cstdint>
#include <ostream>

namespace ltv {

struct DyadicMatrix {
  Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic> numerators;
  int exponent = 0;  ///< every entry is numerators(i,j) / 2^exponent

  template <class T>
  Mat<T> to() const;
  template <class T>
  Vec<T> to_vector() const;  ///< the first column of to<T>()
  Eigen::Index rows() const { return numerators.rows(); }
  Eigen::Index cols() const { return numerators.cols(); }
};

std::ostream& operator<<(std::ostream& os, const DyadicMatrix& m);
void showValue(const DyadicMatrix& m, std::ostream& os);  ///< RapidCheck's printer of a counterexample
}  // namespace ltv

// Explicit instantiations for every tier (core/tier_*.cpp): declared here, defined once per tier.
#define LTV_DYADIC_INSTANCES(PREFIX, T)               \
  PREFIX template Mat<T> DyadicMatrix::to<T>() const; \
  PREFIX template Vec<T> DyadicMatrix::to_vector<T>() const;
#define LTV_DYADIC_INSTANCES_EXTERN(T) LTV_DYADIC_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_DYADIC_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: dyadic_impl.hpp, compiled once per tier in core/tier_*.cpp.
