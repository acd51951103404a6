// The theory layer's routines for the double tier (see instances.hpp).
#include "ltv/theory/instances.hpp"

namespace ltv {
LTV_THEORY_INSTANCES(double)
LTV_FAMILY_OPTIMUM_INSTANCES(, double)
}  // namespace ltv
