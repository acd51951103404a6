// The theory layer's routines for the mpfr tier (see instances.hpp).
#include "ltv/theory/instances.hpp"

namespace ltv {
LTV_THEORY_INSTANCES(Mpfr)
LTV_FAMILY_OPTIMUM_INSTANCES(, Mpfr)
}  // namespace ltv
