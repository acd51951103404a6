// The model layer's routines for the mpfr tier (see instances.hpp).
#include "ltv/model/instances.hpp"

namespace ltv {
LTV_MODEL_INSTANCES(Mpfr)
}  // namespace ltv
