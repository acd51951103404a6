#pragma once
// The core layer's templated routines, for their explicit instantiation one tier per translation
// unit (core/tier_*.cpp). Each header declares its instances `extern` for every tier of
// LTV_FOR_EACH_TIER, so code that includes it never re-instantiates them; the four TUs here define
// them, inside the layer's own library (src/CMakeLists.txt says why; a multiprecision tier costs
// seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/core/dyadic.hpp"
#include "ltv/core/spectra.hpp"

#define LTV_CORE_INSTANCES(T) \
  LTV_DYADIC_INSTANCES(, T)   \
  LTV_SPECTRA_INSTANCES(, T)
