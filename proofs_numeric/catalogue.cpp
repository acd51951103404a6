#include "catalogue.hpp"

namespace ltv::proofs {

std::vector<Obligation> catalogue() {
  return {
      v24_t4_1_implicit_model(),
      v24_statistics_forward(),
      v24_l4_4_diagonal_recursion(),
      v24_diag_omega_form(),
      v24_gdpp(),
      v24_s5_2_omega_yy_rescaling(),
      v24_s5_3_omega_xy_step(),
      a23_l1_sparse_is_pgd(),
      a23_t1_one_layer_optimum(),
      exp_wishart_moments(),
      exp_mc_wick_monte_carlo(),
  };
}

}  // namespace ltv::proofs
