// The core layer's routines for the interval tier (see instances.hpp).
#include "ltv/core/instances.hpp"

namespace ltv {
LTV_CORE_INSTANCES(Interval)
}  // namespace ltv
