#pragma once
// The catalogue of obligations (docs/catalogue.md): one factory per file of proofs_numeric/, named after the
// obligation's ID. `catalogue()` lists them in the order of the theorem table.
#include "ltv/verify/obligation.hpp"

#include <vector>

namespace ltv::proofs {

Obligation v24_t4_1_implicit_model();
Obligation v24_statistics_forward();
Obligation v24_l4_4_diagonal_recursion();
Obligation v24_diag_omega_form();
Obligation v24_gdpp();
Obligation v24_s5_2_omega_yy_rescaling();
Obligation v24_s5_3_omega_xy_step();
Obligation v24_la_2_well_conditioned_gd();
Obligation v24_la_3_preconditioning_ratio();
Obligation v24_t5_1_gdpp_second_order();
Obligation v24_t5_2_noise_mixture();
Obligation v24_t4_2_no_quadratic_target();
Obligation a23_l1_sparse_is_pgd();
Obligation a23_t1_one_layer_optimum();
Obligation a23_t2_two_layer_symmetric();
Obligation a23_t3_sparse_stationary();
Obligation a23_t4_relaxed_stationary();
Obligation a23_t5_relu_attention();
Obligation a23_l4_layer_swap();
Obligation exp_wishart_moments();
Obligation exp_mc_wick_monte_carlo();
Obligation exp_one_layer_engine();
Obligation train_grad_hand_derived();

std::vector<Obligation> catalogue();

}  // namespace ltv::proofs
