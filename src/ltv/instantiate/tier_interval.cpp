// The library's routines for the interval tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(Interval)
}  // namespace ltv
