#pragma once
// The model layer's templated routines, for their explicit instantiation one tier per translation
// unit (model/tier_*.cpp). Each header declares its instances `extern` for every tier of
// LTV_FOR_EACH_TIER, so code that includes it never re-instantiates them; the four TUs here define
// them, inside the layer's own library (src/CMakeLists.txt says why; a multiprecision tier costs
// seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/model/families.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/model/tokens.hpp"

#define LTV_MODEL_INSTANCES(T)          \
  LTV_TOKENS_INSTANCES(, T)             \
  LTV_FAMILIES_INSTANCES(, T)           \
  LTV_FORWARD_INSTANCES(, T)            \
  LTV_STATISTICS_FORWARD_INSTANCES(, T)
