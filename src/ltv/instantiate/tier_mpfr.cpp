// The library's routines for the mpfr tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(Mpfr)
template FamilyOptimum<Mpfr> family_optimum<Mpfr>(const LayerProblem<Mpfr>&, int);
}  // namespace ltv
