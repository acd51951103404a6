// The expect layer's routines for the interval tier (see instances.hpp).
#include "ltv/expect/instances.hpp"

namespace ltv {
LTV_EXPECT_INSTANCES(Interval)
}  // namespace ltv
