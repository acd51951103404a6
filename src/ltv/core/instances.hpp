#pragma once
// The core layer's templated routines, for their explicit instantiation one tier per translation
// unit (core/tier_*.cpp). One rule for every routine (docs/architecture.md, "Compile cost"): its
// header declares it, lists it in the header's LTV_<NAME>_INSTANCES(PREFIX, T) macro and expands
// that macro `extern` for every tier it exists for; its definition is in <name>_impl.hpp, which
// only this file (and other _impl.hpp files) include. No other translation unit sees a definition,
// so none re-instantiates one, and an instance missing from the macro is a link error. The four
// TUs define them inside the layer's own library (src/CMakeLists.txt says why; a multiprecision
// tier costs seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/core/dyadic_impl.hpp"
#include "ltv/core/spectra_impl.hpp"

#define LTV_CORE_INSTANCES(T) \
  LTV_DYADIC_INSTANCES(, T)   \
  LTV_SPECTRA_INSTANCES(, T)
