#pragma once
// The catalogue of obligations (SPEC §3): one factory per file of proofs_numeric/, named after the
// obligation's ID. `catalogue()` lists them in the order of the theorem table.
#include "ltv/verify/obligation.hpp"

#include <vector>

namespace ltv::proofs {

Obligation v24_t4_1_implicit_model();
Obligation v24_statistics_forward();

std::vector<Obligation> catalogue();

}  // namespace ltv::proofs
