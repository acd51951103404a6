// The model layer's routines for the rational tier (see instances.hpp).
#include "ltv/model/instances.hpp"

namespace ltv {
LTV_MODEL_INSTANCES(Rational)
}  // namespace ltv
