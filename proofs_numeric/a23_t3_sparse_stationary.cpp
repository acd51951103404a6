// A23 Theorem 3 — L-layer SPARSE models: the family S = {A_l = a_l Σ⁻¹} contains stationary points.
//
// Statement (docs/catalogue.md): x ~ N(0, Σ), w ~ N(0, Σ⁻¹), c = 1/n; the infimum over S of the squared norm
// of the gradient with respect to every entry of every A_l is 0. Evidence (family_s_evidence.hpp):
// on L ∈ {1, 2, 3} × d ∈ {2, 3, 4}, each with a random non-isotropic Σ, the exact loss is minimised
// over the scalars a ∈ R^L (>= 60 digits, against a run with 128 more bits) and the exact full
// gradient there has norm <= 1e-40; at the paper's setting (d = 5, n = 20, L = 3, 4 and 5) by the
// Wishart engine, where the minimum over S is certified by convexity. Beyond the paper: the full Hessian's spectrum at that point
// (local minimum or saddle?) for L d² <= 27. Negative controls: the wrong families {A_l = a_l Σ}
// and S with w ~ N(0, I), minimised by the same search, must show a full gradient >= 1e-3 of the
// loss scale at their best points, on every grid point.
#include "catalogue.hpp"
#include "family_s_evidence.hpp"

namespace ltv::proofs {

Obligation a23_t3_sparse_stationary() {
  Obligation obligation = make_obligation(
      "A23.T3", "A23", "L-layer SPARSE: stationary points on A_l = a_l Σ⁻¹ (Theorem 3)", Kind::Population,
      {Tier::Mpfr},
      "$\\inf_{A ∈ S} \\|∇ f(A)\\|^2 = 0$ over $S = \\{A_l = a_l Σ^{-1}\\}$ (all entries of all $A_l$), for "
      "$x \\sim N(0, Σ)$, $w \\sim N(0, Σ^{-1})$, SPARSE family, $c = 1/n$");
  obligation.scope.checked = {{"L", "1–3"}, {"d", "2–4"}, {"n", "2d + L"}, {"Σ", "dyadic spectra, rotated"},
                              {"the paper's setting", "L = 3, 4, 5 at d = 5, n = 20 (Wishart engine)"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    std::vector<FamilyGridPoint> grid;
    for (int layers = 1; layers <= 3; ++layers)
      for (int d = 2; d <= 4; ++d) grid.push_back({layers, d, layers * d * d <= 27});
    // A23 §4.3: d = 5, n = 20, L = 3 (and 4), Σ = Uᵀ diag(1, 1, 0.25, 0.0625, 1) U; L = 5 beyond it.
    const std::vector<double> paper_cov = {1, 1, 0.25, 0.0625, 1};
    return run_family_s(o, options, LayerFamily::Sparse, grid, {},
                        {{3, 5, 20, paper_cov}, {4, 5, 20, paper_cov}, {5, 5, 20, paper_cov}});
  };
  return obligation;
}

}  // namespace ltv::proofs
