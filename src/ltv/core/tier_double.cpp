// The core layer's routines for the double tier (see instances.hpp).
#include "ltv/core/instances.hpp"

namespace ltv {
LTV_CORE_INSTANCES(double)
}  // namespace ltv
