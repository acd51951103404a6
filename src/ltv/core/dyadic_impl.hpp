#pragma once
// Definitions of dyadic.hpp (included by the per-tier instantiation units only).
#include "ltv/core/dyadic.hpp"

#include <cstdint>

namespace ltv {

template <class T>
Mat<T> DyadicMatrix::to() const {
  const T scale = T(1) / T(std::int64_t{1} << exponent);
  return numerators.unaryExpr([&](std::int64_t k) { return T(k) * scale; });
}

template <class T>
Vec<T> DyadicMatrix::to_vector() const {
  return Mat<T>(to<T>()).col(0);
}

}  // namespace ltv
