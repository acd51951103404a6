// The core layer's routines for the rational tier (see instances.hpp).
#include "ltv/core/instances.hpp"

namespace ltv {
LTV_CORE_INSTANCES(Rational)
}  // namespace ltv
