// A23 Theorem 4 — L-layer RELAXED models: S = {A_l = a_l Σ⁻¹, B_l = b_l I} contains stationary points.
//
// Statement (docs/catalogue.md): as Theorem 3, for P_l = diag(B_l, 1), Q_l = diag(A_l, 0), with the gradient
// over every entry of A_l and B_l. Evidence as for A23.T3 (family_s_evidence.hpp). The RELAXED
// layer also moves the x-tokens, so the error is a polynomial of degree 1, 4, 13 in S for
// L = 1, 2, 3 and the loss needs 2, 8, 26 copies of S: the Wick engine (8 copies at most) reaches
// L <= 2. Checked: L = 1 with d ∈ {2, 3, 4}, L = 2 with d = 2 (about 10 s: 2 million matchings per
// expectation); and the paper's setting, L = 3 at d = 5, n = 10, by the Wishart engine (about a
// minute: the best point of S over 7 776 starts). b_{L−1} does not reach the prediction, so it is
// free. Negative controls as for A23.T3.
#include "catalogue.hpp"
#include "family_s_evidence.hpp"

namespace ltv::proofs {

Obligation a23_t4_relaxed_stationary() {
  Obligation obligation = make_obligation(
      "A23.T4", "A23", "L-layer RELAXED: stationary points on A_l = a_l Σ⁻¹, B_l = b_l I (Theorem 4)",
      Kind::Population, {Tier::Mpfr},
      "$\\inf_{(A, B) ∈ S} \\|∇ f(A, B)\\|^2 = 0$ over $S = \\{A_l = a_l Σ^{-1}, B_l = b_l I\\}$ (all "
      "entries of all "
      "$A_l, B_l$), for $x \\sim N(0, Σ)$, $w \\sim N(0, Σ^{-1})$, RELAXED family, $c = 1/n$");
  obligation.scope.checked = {{"(L, d)", "(1, 2–4), (2, 2)"}, {"n", "2d + L"}, {"Σ", "dyadic spectra, rotated"},
                              {"the paper's setting", "L = 3 at d = 5, n = 10 (Wishart engine)"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const std::vector<FamilyGridPoint> grid = {{1, 2, true}, {1, 3, true}, {1, 4, true}, {2, 2, false}};
    // A23 §5.1: d = 5, n = 10, L = 3, the same Σ as Theorem 3's experiment.
    return run_family_s(
        o, options, LayerFamily::Relaxed, grid,
        {{"L = 4", "the loss needs 80 copies of S: the Wishart engine's moment recursion would visit every "
                   "partition of up to 81 (about 10⁸)"}},
        {{3, 5, 10, {1, 1, 0.25, 0.0625, 1}}});
  };
  return obligation;
}

}  // namespace ltv::proofs
