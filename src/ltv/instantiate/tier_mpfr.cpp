// The library's routines for the mpfr tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(Mpfr)
LTV_WISHART_ENGINE_INSTANCES(, Mpfr)
LTV_FAMILY_OPTIMUM_INSTANCES(, Mpfr)
}  // namespace ltv
