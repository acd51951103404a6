// The library's routines for the double tier (see routines.hpp).
#include "ltv/instantiate/routines.hpp"

namespace ltv {
LTV_ALL_INSTANCES(double)
template FamilyOptimum<double> family_optimum<double>(const LayerProblem<double>&, int);
}  // namespace ltv
