#pragma once
// Every templated routine of the library, for the explicit instantiation of one tier per
// translation unit (tier_*.cpp). Each header declares its instances `extern` for every tier of
// LTV_FOR_EACH_TIER, so code that includes it never re-instantiates them; the four TUs here
// define them. (A multiprecision tier costs ~15 s and ~1 GB of compiler per TU: one per TU.)
#include "ltv/core/dyadic.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/expect/gaussian_cubature.hpp"
#include "ltv/expect/layer_loss_impl.hpp"
#include "ltv/expect/one_layer_impl.hpp"
#include "ltv/expect/wishart_engine_impl.hpp"
#include "ltv/expect/wick.hpp"
#include "ltv/expect/word_expectation.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/theory/diagonal_recursion.hpp"
#include "ltv/theory/gdpp_construction.hpp"
#include "ltv/theory/gradient_descent.hpp"
#include "ltv/theory/implicit_model.hpp"
#include "ltv/theory/least_squares.hpp"
#include "ltv/theory/stationary_impl.hpp"
#include "ltv/verify/arbitrary.hpp"

#define LTV_ALL_INSTANCES(T)            \
  LTV_DYADIC_INSTANCES(, T)             \
  LTV_SPECTRA_INSTANCES(, T)            \
  LTV_TOKENS_INSTANCES(, T)             \
  LTV_FAMILIES_INSTANCES(, T)           \
  LTV_FORWARD_INSTANCES(, T)            \
  LTV_STATISTICS_FORWARD_INSTANCES(, T) \
  LTV_ARBITRARY_INSTANCES(, T)          \
  LTV_IMPLICIT_MODEL_INSTANCES(, T)     \
  LTV_DIAGONAL_RECURSION_INSTANCES(, T) \
  LTV_GDPP_CONSTRUCTION_INSTANCES(, T)  \
  LTV_GRADIENT_DESCENT_INSTANCES(, T)   \
  LTV_LEAST_SQUARES_INSTANCES(, T)      \
  LTV_WICK_INSTANCES(, T)               \
  LTV_GAUSSIAN_CUBATURE_INSTANCES(, T)  \
  LTV_ONE_LAYER_INSTANCES(, T)         \
  LTV_WORD_EXPECTATION_INSTANCES(, T)  \
  LTV_LAYER_LOSS_INSTANCES(, T)        \
  LTV_STATIONARY_INSTANCES(, T)
