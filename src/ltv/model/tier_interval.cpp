// The model layer's routines for the interval tier (see instances.hpp).
#include "ltv/model/instances.hpp"

namespace ltv {
LTV_MODEL_INSTANCES(Interval)
}  // namespace ltv
