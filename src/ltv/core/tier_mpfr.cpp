// The core layer's routines for the mpfr tier (see instances.hpp).
#include "ltv/core/instances.hpp"

namespace ltv {
LTV_CORE_INSTANCES(Mpfr)
}  // namespace ltv
