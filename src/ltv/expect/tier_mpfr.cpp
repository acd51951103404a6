// The expect layer's routines for the mpfr tier (see instances.hpp).
#include "ltv/expect/instances.hpp"

namespace ltv {
LTV_EXPECT_INSTANCES(Mpfr)
LTV_WISHART_ENGINE_INSTANCES(, Mpfr)
}  // namespace ltv
