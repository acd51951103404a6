#include "catalogue.hpp"

namespace ltv::proofs {

std::vector<Obligation> catalogue() {
  return {
      v24_t4_1_implicit_model(),
      v24_statistics_forward(),
  };
}

}  // namespace ltv::proofs
