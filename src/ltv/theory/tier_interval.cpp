// The theory layer's routines for the interval tier (see instances.hpp).
#include "ltv/theory/instances.hpp"

namespace ltv {
LTV_THEORY_INSTANCES(Interval)
}  // namespace ltv
