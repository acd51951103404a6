// The theory layer's routines for the rational tier (see instances.hpp).
#include "ltv/theory/instances.hpp"

namespace ltv {
LTV_THEORY_INSTANCES(Rational)
}  // namespace ltv
