// The expect layer's routines for the double tier (see instances.hpp).
#include "ltv/expect/instances.hpp"

namespace ltv {
LTV_EXPECT_INSTANCES(double)
LTV_WISHART_ENGINE_INSTANCES(, double)
}  // namespace ltv
