#pragma once
// `ltv import` and ltv.Model.from_arrays: weights trained elsewhere, under a named layout, as an
// ordinary ltv model (a model file: `ltv eval`, `ltv compare`, the report). Layouts
// (docs/python.md#importing-models-trained-elsewhere):
//
//   a23-code  the parameters of A23's public PyTorch code (github.com/chengxiang/LinearTransformer,
//             linear_transformer.py): one array `allparam` of shape (L, H, 2, d, d), P of layer l,
//             head h at [l, h, 0], Q at [l, h, 1]. The code embeds them as P_full = diag(P, 1),
//             Q_full = diag(Q, 0), computes the attention of token n to token m as z_nᵀ Q_full z_m
//             over the n context tokens (the query masked out as a key) and divides by n. So in
//             ltv's convention (e_i += c Σ_h P_h G Q_h e_i) its layer is P = diag(P, 1),
//             Q = diag(Qᵀ, 0), c = 1/n: the transpose of A23.L1. Families: RELAXED (B = P, A = Qᵀ),
//             SPARSE (every P block 0, A = −Qᵀ: ltv's SPARSE is Q = −diag(A, 0)), or FULL.
//             Default: SPARSE when every P block is exactly 0, else RELAXED.
//   pq        arrays `P` and `Q`, each (L, H, d+1, d+1) or (L, d+1, d+1) (one head): ltv's own
//             convention; FULL; the normalisation c must be given (sum: c = 1, mean: c = 1/n).
//   omega     array `omega`: (L, 4) with the columns ω_xx, ω_xy, ω_yx, ω_yy of a DIAG layer, or
//             (L, 2) with ω_xx, ω_yx of a GD++ layer (ω = Σ_h p q without c; docs/conventions.md);
//             written as two heads, (p_x, p_y, q_x, q_y) = (1, 0, ω_xx, ω_xy) and (0, 1, ω_yx, ω_yy),
//             which reproduce the ω's exactly; c must be given.
//
// Every layout may carry an array `cov` (d×d): the task's covariance Σ_x, instead of --cov-eigs.
// Validation names exactly what does not match: a missing, unknown or misshapen array, a dtype,
// a non-finite value (with its index), a family the arrays cannot be (with the offending entry).
#include "ltv/interop/arrays.hpp"
#include "ltv/train/trainer.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ltv {

enum class Layout { A23Code, PQ, Omega };

std::string_view layout_name(Layout l);  ///< "a23-code", "pq", "omega"
std::optional<Layout> parse_layout(std::string_view s);

struct ImportOptions {
  Layout layout = Layout::PQ;
  std::optional<Family> family;  ///< a23-code: sparse, relaxed or full; pq: full; omega: diag or gdpp
  std::optional<Norm> norm;      ///< pq, omega: required; a23-code: mean (the code divides by n)
  std::string source;            ///< where the weights came from (for the provenance)
};

/// d as the weights say; nullopt when they do not (omega without `cov`). Throws ArrayFileError
/// naming the problem (missing, unknown or misshapen arrays, non-finite values).
std::optional<int> weights_dimension(const ArrayMap& arrays, Layout layout);

/// The model: architecture and θ from the arrays, `task` as the task (its d must be the weights';
/// the array `cov`, when present, becomes its covariance, and then `task` must have none). The
/// training section holds the defaults and 0 steps. Throws ArrayFileError (bad input).
TrainState import_model(const ArrayMap& arrays, const ImportOptions& options, TaskDistribution task);

/// What `ltv import` records in the model file under "imported": layout, family, source.
nlohmann::json import_provenance(const TrainState& state, const ImportOptions& options);

/// The model file with the provenance (written atomically).
void save_imported_model(const std::filesystem::path& path, const TrainState& state,
                         const ImportOptions& options);

}  // namespace ltv
