#include "catalogue.hpp"

#include "provenance.hpp"

namespace ltv::proofs {

std::vector<Obligation> catalogue() {
  std::vector<Obligation> all{
      v24_t4_1_implicit_model(),
      v24_statistics_forward(),
      v24_l4_4_diagonal_recursion(),
      v24_diag_omega_form(),
      v24_gdpp(),
      v24_s5_2_omega_yy_rescaling(),
      v24_s5_3_omega_xy_step(),
      v24_la_2_well_conditioned_gd(),
      v24_la_3_preconditioning_ratio(),
      v24_t5_1_gdpp_second_order(),
      v24_t5_2_noise_mixture(),
      v24_t4_2_no_quadratic_target(),
      a23_l1_sparse_is_pgd(),
      a23_t1_one_layer_optimum(),
      a23_t2_two_layer_symmetric(),
      a23_t3_sparse_stationary(),
      a23_t4_relaxed_stationary(),
      a23_t5_relu_attention(),
      a23_l4_layer_swap(),
      exp_wishart_moments(),
      exp_mc_wick_monte_carlo(),
      exp_one_layer_engine(),
      train_grad_hand_derived(),
  };
  for (Obligation& o : all) annotate(o);
  return all;
}

}  // namespace ltv::proofs
