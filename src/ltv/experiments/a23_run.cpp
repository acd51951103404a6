// What one job of the A23 experiment does (a23_run.hpp).
#include "ltv/experiments/a23_run.hpp"

#include "ltv/baselines/baselines.hpp"
#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/crosscheck/compare.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/stats/decision.hpp"
#include "ltv/theory/stationary_analysis.hpp"
#include "ltv/train/trainer.hpp"

namespace ltv {
namespace a23_run_impl {
namespace {

using nlohmann::json;

constexpr std::uint64_t kRotationStream = 1, kRunStream = 2;
constexpr std::uint64_t kTestStream = 101, kTuningStream = 102;  ///< App. D's test and tuning sequences
constexpr int kTuningSequences = 5000;  ///< App. D's code tunes on 5 000 sequences
constexpr unsigned kTheoryBits = 256;

TrainConfig train_config(const A23Plan& plan, const A23Config& c, int rotation) {
  const A23Budget& b = plan.budget_for(c);
  TrainConfig t;
  t.arch = {c.family, kA23Dimension, c.layers, 1, Norm::Mean};
  t.task.d = kA23Dimension;
  t.task.n = c.n;
  t.task.cov = a23_covariance(plan, rotation);
  t.task.prior = TaskPrior::InverseCovariance;
  t.optimizer.kind = OptimizerKind::Adam;
  t.optimizer.lr = b.lr;
  t.optimizer.beta1 = b.beta1;
  t.optimizer.beta2 = b.beta2;
  t.optimizer.clip = b.clip;
  t.optimizer.clip_per_matrix = true;
  t.optimizer.schedule = b.decay_every > 0 ? Schedule::Step : Schedule::Constant;
  t.optimizer.decay_every = b.decay_every;
  t.batch = b.batch;
  t.steps = b.steps;
  t.fresh_every = b.fresh_every;
  t.seed = derive_seed(derive_seed(plan.seed, stable_hash("a23/" + c.name)), kRunStream + rotation);
  t.init_scale = b.init_scale;
  t.eval_size = b.eval_size;
  t.eval_every = b.dist_every;
  t.threads = 1;
  return t;
}

/// Dist of every layer's A (through `root`) and B, and the fitted scalars.
json layer_distances(const TrainConfig& t, const Eigen::VectorXd& theta, const Eigen::MatrixXd& root) {
  const FamilyMatrices m = family_matrices(t.arch, theta);
  json a = json::array(), b = json::array();
  for (std::size_t l = 0; l < m.A.size(); ++l) {
    a.push_back(distance_to_identity(root * m.A[l] * root));
    if (!m.B.empty() && l + 1 < m.A.size()) b.push_back(distance_to_identity(m.B[l]));  // b_{L-1} is free
  }
  return {{"A", a}, {"B", b}};
}

/// A23 App. D: the trained L-layer model against L steps of GD and of GD preconditioned by Σ⁻¹ (the
/// population covariance, as App. D's code whitens with it), each step size tuned by grid search on
/// other sequences of the same task; per-sequence paired differences of squared errors on the test
/// sequences (its code tunes on one rotation and reuses the step; here each rotation is tuned).
json versus_gd(const TrainConfig& t, const Model<double>& model, int steps) {
  const std::vector<Sequence> test = sample_batch(t.task, t.eval_size, derive_seed(t.seed, kTestStream));
  const std::vector<Sequence> tuning =
      sample_batch(t.task, std::min(t.eval_size, kTuningSequences), derive_seed(t.seed, kTuningStream));
  std::vector<double> transformer(test.size());
  for (std::size_t i = 0; i < test.size(); ++i)
    transformer[i] = prediction(forward_tokens(model, make_tokens<double>(test[i].X, test[i].y, test[i].xq)).back());
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(t.task.d, t.task.d);
  const Eigen::MatrixXd inverse = t.task.covariance().inverse();
  const double eta_gd = tune_gd_step(tuning, steps, identity), eta_pgd = tune_gd_step(tuning, steps, inverse);
  const std::vector<double> gd = gd_predictions(test, steps, eta_gd, identity),
                            pgd = gd_predictions(test, steps, eta_pgd, inverse);
  const auto errors = [&test](const std::vector<double>& p) {
    std::vector<double> e(test.size());
    for (std::size_t i = 0; i < test.size(); ++i) e[i] = (p[i] - test[i].yq) * (p[i] - test[i].yq);
    return e;
  };
  const std::vector<double> e_tf = errors(transformer), e_gd = errors(gd), e_pgd = errors(pgd);
  const auto minus = [](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
    return d;
  };
  const auto mean = [](const std::vector<double>& x) {
    double m = 0;
    for (const double v : x) m += v;
    return m / static_cast<double>(x.size());
  };
  return {{"sequences", test.size()},
          {"tuning_sequences", tuning.size()},
          {"loss", {{"transformer", mean(e_tf)}, {"gd", mean(e_gd)}, {"pgd", mean(e_pgd)}}},
          {"step", {{"gd", eta_gd}, {"pgd", eta_pgd}}},
          {"transformer_minus_gd", stats::to_json(stats::mean_interval(minus(e_tf, e_gd)))},
          {"transformer_minus_pgd", stats::to_json(stats::mean_interval(minus(e_tf, e_pgd)))}};
}

json train(const A23Plan& plan, const A23Job& job) {
  const A23Config& c = plan.config(job.config);
  const TrainConfig t = train_config(plan, c, job.rotation);
  const Eigen::MatrixXd root = sqrt_spd(t.task.covariance());
  const Eigen::MatrixXd inverse_root = root.inverse();
  TrainState state = start_training(t);
  json curve = json::array();
  TrainHooks hooks;
  hooks.on_step = [&](const TrainState& st, const HistoryPoint& p) {
    if (st.step() % plan.budget_for(c).dist_every == 0)
      curve.push_back({{"step", st.step()}, {"loss", p.eval_loss}, {"dist", layer_distances(t, st.theta, root)}});
  };
  const TrainOutcome outcome = continue_training(state, hooks);
  const FamilyMatrices m = family_matrices(t.arch, state.theta);
  const int d = kA23Dimension;
  json a = json::array(), b = json::array(), wrong = json::array();
  for (std::size_t l = 0; l < m.A.size(); ++l) {
    a.push_back((root * m.A[l] * root).trace() / d);
    wrong.push_back(distance_to_identity(inverse_root * m.A[l] * inverse_root));
    if (!m.B.empty() && l + 1 < m.A.size()) b.push_back(m.B[l].trace() / d);
  }
  json r = {{"job", job.key()},
          {"config", c.name},
          {"rotation", job.rotation},
          {"diverged", outcome == TrainOutcome::Diverged
                           ? json{{"step", state.divergence->step}, {"reason", state.divergence->reason}}
                           : json(nullptr)},
          {"final_loss", state.history.empty() ? json(nullptr) : json(state.history.back().eval_loss)},
          {"a", a},
          {"b", b},
          {"dist", layer_distances(t, state.theta, root)},
          {"dist_wrong_family", wrong},
          {"curve", curve}};
  if (c.versus_gd) r["versus_gd"] = versus_gd(t, to_model(t.arch, state.theta), c.layers);
  return r;
}

json theory(const A23Config& c) {
  const ScopedBits bits(kTheoryBits);
  Vec<Mpfr> eigenvalues(kA23Dimension);
  for (int i = 0; i < kA23Dimension; ++i) eigenvalues[i] = Mpfr(kA23Eigenvalues[static_cast<std::size_t>(i)]);
  const LayerFamily family = c.family == Family::Sparse ? LayerFamily::Sparse : LayerFamily::Relaxed;
  const StationaryTheory s = analyse_stationary(family, c.layers, eigenvalues, c.n, 1, false);
  json a = json::array(), b = json::array();
  for (int l = 0; l < c.layers; ++l) {
    a.push_back(static_cast<double>(s.optimum.minimum.scalars[l]));
    if (c.family == Family::Relaxed && l + 1 < c.layers)
      b.push_back(static_cast<double>(s.optimum.minimum.scalars[c.layers + l]));
  }
  return {{"job", "theory-" + c.name},
          {"config", c.name},
          {"a_star", a},
          {"b_star", b},
          {"exact_loss", static_cast<double>(s.optimum.loss)},
          {"bits", kTheoryBits}};
}

}  // namespace
}  // namespace a23_run_impl

Eigen::MatrixXd a23_covariance(const A23Plan& plan, int rotation) {
  Rng rng(derive_seed(derive_seed(plan.seed, stable_hash("a23/rotation")), a23_run_impl::kRotationStream + rotation));
  const Eigen::MatrixXd U = haar_orthogonal(kA23Dimension, rng);
  Eigen::VectorXd D(kA23Dimension);
  for (int i = 0; i < kA23Dimension; ++i) D[i] = kA23Eigenvalues[static_cast<std::size_t>(i)];
  return U.transpose() * D.asDiagonal() * U;
}

nlohmann::json run_a23_job(const A23Plan& plan, const A23Job& job) {
  using namespace a23_run_impl;
  return job.kind == A23Job::Kind::Theory ? theory(plan.config(job.config)) : train(plan, job);
}

}  // namespace ltv
