// The library's routines for the rational tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(Rational)
LTV_WISHART_ENGINE_INSTANCES(, Rational)
}  // namespace ltv
