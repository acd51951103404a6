// The library's routines for the double tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(double)
LTV_WISHART_ENGINE_INSTANCES(, double)
LTV_FAMILY_OPTIMUM_INSTANCES(, double)
}  // namespace ltv
