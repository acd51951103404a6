#pragma once
// The theory layer's templated routines, for their explicit instantiation one tier per translation
// unit (theory/tier_*.cpp). One rule for every routine (docs/architecture.md, "Compile cost"): its
// header declares it, lists it in the header's LTV_<NAME>_INSTANCES(PREFIX, T) macro and expands
// that macro `extern` for every tier it exists for; its definition is in <name>_impl.hpp, which
// only this file (and other _impl.hpp files) include. No other translation unit sees a definition,
// so none re-instantiates one, and an instance missing from the macro is a link error. The four
// TUs define them inside the layer's own library (src/CMakeLists.txt says why; a multiprecision
// tier costs seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/theory/diagonal_recursion_impl.hpp"
#include "ltv/theory/gdpp_construction_impl.hpp"
#include "ltv/theory/gradient_descent_impl.hpp"
#include "ltv/theory/implicit_model_impl.hpp"
#include "ltv/theory/least_squares_impl.hpp"
#include "ltv/theory/stationary_impl.hpp"

#define LTV_THEORY_INSTANCES(T)         \
  LTV_IMPLICIT_MODEL_INSTANCES(, T)     \
  LTV_DIAGONAL_RECURSION_INSTANCES(, T) \
  LTV_GDPP_CONSTRUCTION_INSTANCES(, T)  \
  LTV_GRADIENT_DESCENT_INSTANCES(, T)   \
  LTV_LEAST_SQUARES_INSTANCES(, T)      \
  LTV_STATIONARY_INSTANCES(, T)
