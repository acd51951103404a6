#pragma once
// The expect layer's templated routines, for their explicit instantiation one tier per translation
// unit (expect/tier_*.cpp). Each header declares its instances `extern` for every tier of
// LTV_FOR_EACH_TIER, so code that includes it never re-instantiates them; the four TUs here define
// them, inside the layer's own library (src/CMakeLists.txt says why; a multiprecision tier costs
// seconds and most of a GB of compiler per TU: one per TU).
#include "ltv/expect/gaussian_cubature.hpp"
#include "ltv/expect/layer_loss_impl.hpp"
#include "ltv/expect/one_layer_impl.hpp"
#include "ltv/expect/wick.hpp"
#include "ltv/expect/wishart_engine_impl.hpp"
#include "ltv/expect/word_expectation.hpp"

#define LTV_EXPECT_INSTANCES(T)        \
  LTV_WICK_INSTANCES(, T)              \
  LTV_GAUSSIAN_CUBATURE_INSTANCES(, T) \
  LTV_ONE_LAYER_INSTANCES(, T)         \
  LTV_WORD_EXPECTATION_INSTANCES(, T)  \
  LTV_LAYER_LOSS_INSTANCES(, T)
