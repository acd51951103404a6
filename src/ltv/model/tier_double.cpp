// The model layer's routines for the double tier (see instances.hpp).
#include "ltv/model/instances.hpp"

namespace ltv {
LTV_MODEL_INSTANCES(double)
}  // namespace ltv
