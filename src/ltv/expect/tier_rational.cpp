// The expect layer's routines for the rational tier (see instances.hpp).
#include "ltv/expect/instances.hpp"

namespace ltv {
LTV_EXPECT_INSTANCES(Rational)
LTV_WISHART_ENGINE_INSTANCES(, Rational)
}  // namespace ltv
