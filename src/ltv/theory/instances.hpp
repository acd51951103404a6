#pragma once
// The theory layer's templated routines, for their explicit instantiation one tier per translation
// unit (theory/tier_*.cpp). Each header declares its instances `extern` for every tier of
// LTV_FOR_EACH_TIER, so code that includes it never re-instantiates them; the four TUs here define
// them, inside the layer's own library (src/CMakeLists.txt says why; a multiprecision tier costs
// seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/theory/diagonal_recursion.hpp"
#include "ltv/theory/gdpp_construction.hpp"
#include "ltv/theory/gradient_descent.hpp"
#include "ltv/theory/implicit_model.hpp"
#include "ltv/theory/least_squares.hpp"
#include "ltv/theory/stationary_impl.hpp"

#define LTV_THEORY_INSTANCES(T)         \
  LTV_IMPLICIT_MODEL_INSTANCES(, T)     \
  LTV_DIAGONAL_RECURSION_INSTANCES(, T) \
  LTV_GDPP_CONSTRUCTION_INSTANCES(, T)  \
  LTV_GRADIENT_DESCENT_INSTANCES(, T)   \
  LTV_LEAST_SQUARES_INSTANCES(, T)      \
  LTV_STATIONARY_INSTANCES(, T)
