#pragma once
// A23's Theorems 3 and 4 trained, decided (docs/experiments.md, "A23"): the jobs' results
// (a23_run.hpp) turned into the experiment's document — per configuration the exact point, per
// rotation U the trained (a_l, b_l), their errors and the Dist curves, and three claims, each
// decided over the rotations by a tolerance (the interval is the range over rotations: REPRODUCED
// when every rotation is within it, NOT-REPRODUCED when none is, INCONCLUSIVE when they differ),
// each with a negative control through the same rule:
//   <config>.on_family   the worst final Dist(Σ^{1/2} A_l Σ^{1/2}, I) and Dist(B_l, I) at most
//                        kA23DistTolerance; control: the same trained A_l against the wrong family
//                        a_l Σ (Dist(Σ^{-1/2} A_l Σ^{-1/2}, I)).
//   <config>.a_matches   the worst relative error of the trained a_l from a* (SPARSE: matched in
//                        sorted order, the layers commute, A23 Lemma 4; RELAXED: in layer order) at
//                        most the configuration's tolerance; control: a* matched in reverse order.
//   relaxed.b_matches    the same for b_0 .. b_{L-2}; control: b* in reverse order.
// A run that diverged counts as outside every tolerance, and is listed.
// App. D's configurations (versus_gd) are reported, not decided (A23 states no outcome): per depth L,
// per rotation the test losses of the trained model, L steps of tuned GD and of tuned GD
// preconditioned by Σ⁻¹, with paired per-sequence differences; over rotations their mean.
#include "ltv/experiments/a23_plan.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace ltv {

/// `results[i]` is run_a23_job's result for a23_jobs(plan)[i]; throws std::invalid_argument when
/// they do not match.
nlohmann::json a23_document(const A23Plan& plan, const std::vector<nlohmann::json>& results);

}  // namespace ltv
