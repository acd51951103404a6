// Trained models against the theory (compare.hpp).
#include "ltv/crosscheck/compare.hpp"

#include "ltv/core/random.hpp"
#include "ltv/expect/one_layer.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/statistics_forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/measure.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/theory/implicit_model.hpp"
#include "ltv/theory/stationary.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <numeric>

namespace ltv {
namespace {

using nlohmann::json;

json matrix(const Eigen::MatrixXd& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

/// Why a comparison does not apply, or nullopt when it does.
std::optional<std::string> one_layer_mismatch(const TrainConfig& c) {
  if (c.arch.layers != 1)
    return "the model has " + std::to_string(c.arch.layers) + " layers (A23 Theorem 1: one)";
  if (c.arch.heads != 1) return "the exact one-layer loss is for one head";
  if (c.task.prior != TaskPrior::Identity) return "A23 Theorem 1 takes w ~ N(0, I)";
  if (c.task.covariates != Covariates::Gaussian) return "A23 Theorem 1 takes Gaussian x";
  if (c.task.noise.mode != NoiseMode::Fixed) return "the exact loss needs a fixed noise level";
  return std::nullopt;
}

json compare_one_layer(const TrainState& s, const CompareOptions& o) {
  const TrainConfig& c = s.config;
  if (const auto why = one_layer_mismatch(c)) return {{"applies", false}, {"why", *why}};
  const ScopedBits bits(o.bits);
  const Model<double> model = to_model(c.arch, s.theta);
  OneLayerProblem<Mpfr> problem;
  problem.cov = convert_matrix<Mpfr>(Mat<double>(c.task.covariance()));
  problem.noise_var = Mpfr(c.task.noise.sigma) * Mpfr(c.task.noise.sigma);
  problem.n = c.task.n;
  problem.norm = c.arch.norm;
  const Head<double>& head = model.layers.front().heads.front();
  const Mpfr trained = one_layer_loss(convert_matrix<Mpfr>(head.P), convert_matrix<Mpfr>(head.Q), problem);
  json out = {{"applies", true}, {"exact_loss_trained", static_cast<double>(trained)}};
  if (c.arch.norm != Norm::Mean) {
    out["optimum"] = "A23 Theorem 1's optimum is stated for c = 1/n (--norm mean)";
    return out;
  }
  const Mpfr shift = problem.cov.trace() + problem.noise_var;
  const auto [P, Q] = a23_one_layer_optimum(problem.cov, shift, problem.n);
  const Mpfr optimum = one_layer_loss(P, Q, problem);
  const double gap = static_cast<double>((trained - optimum) / optimum);
  out["exact_loss_optimum"] = static_cast<double>(optimum);
  out["relative_loss_gap"] = gap;
  out["parameter_distance_modulo_symmetry"] =
      one_layer_distance(model, convert_matrix<double>(P), convert_matrix<double>(Q));
  out["distance_definition"] =
      "|W - W*|_F / |W*|_F with W = sum_h p_h (x) Q_{h,x}: p_h the last row of P_h, Q_{h,x} the first d "
      "columns of "
      "Q_h (the model is invariant under (P, Q) -> (sP, Q/s) and ignores every other entry)";
  return out;
}

std::optional<std::string> family_mismatch(const TrainConfig& c) {
  if (c.arch.family != Family::Sparse && c.arch.family != Family::Relaxed)
    return std::string("A23 Theorems 3-4 are about SPARSE and RELAXED models");
  if (c.arch.heads != 1) return std::string("A23 Theorems 3-4 take one head per layer");
  if (c.arch.norm != Norm::Mean) return std::string("A23 uses c = 1/n (--norm mean)");
  if (c.task.prior != TaskPrior::InverseCovariance) return std::string("A23 Theorems 3-4 take w ~ N(0, Σ⁻¹)");
  if (c.task.covariates != Covariates::Gaussian) return std::string("A23 Theorems 3-4 take Gaussian x");
  if (c.task.noise.mode != NoiseMode::Fixed || c.task.noise.sigma != 0)
    return std::string("A23 Theorems 3-4 take noiseless labels");
  if (c.arch.family == Family::Sparse ? c.arch.layers > 4 : c.arch.layers > 2)
    return std::string("the exact engine reaches SPARSE L <= 4 and RELAXED L <= 2");
  return std::nullopt;
}

json compare_family(const TrainState& s, const CompareOptions& o) {
  const TrainConfig& c = s.config;
  if (const auto why = family_mismatch(c)) return {{"applies", false}, {"why", *why}};
  const int L = c.arch.layers;
  const Eigen::MatrixXd cov = c.task.covariance();
  const Eigen::MatrixXd root = sqrt_spd(cov);
  const auto [A, B] = family_matrices(c.arch, s.theta);
  json layers = json::array();
  std::vector<double> a(L), b(L, 0.0);
  double worst_dist_a = 0, worst_dist_b = 0;
  for (int l = 0; l < L; ++l) {
    const double dist_a = distance_to_identity(root * A[l] * root, &a[l]);
    worst_dist_a = std::max(worst_dist_a, dist_a);
    json row = {{"layer", l},
                {"dist_sigma_half_A_sigma_half", dist_a},
                {"a", a[l]},
                {"dist_A_identity", distance_to_identity(A[l])}};
    if (!B.empty() && l + 1 < L) {  // b_{L−1} never reaches the prediction
      const double dist_b = distance_to_identity(B[l], &b[l]);
      worst_dist_b = std::max(worst_dist_b, dist_b);
      row["dist_B_identity"] = dist_b;
      row["b"] = b[l];
    }
    layers.push_back(row);
  }
  // The theory's best point of the family, exactly.
  const ScopedBits bits(o.bits);
  LayerProblem<Mpfr> problem;
  problem.family = c.arch.family == Family::Sparse ? LayerFamily::Sparse : LayerFamily::Relaxed;
  problem.cov = convert_matrix<Mpfr>(Mat<double>(cov));
  problem.cov_w = convert_matrix<Mpfr>(Mat<double>(cov.inverse()));
  problem.n = c.task.n;
  const FamilyMinimum<Mpfr> theory = family_minimum(problem, L);
  std::vector<double> a_star(L);
  for (int l = 0; l < L; ++l) a_star[l] = static_cast<double>(theory.scalars[l]);
  // Layers may be permuted (A23 Lemma 4): match the trained a's to the theory's by sorting both.
  std::vector<int> order_trained(L), order_theory(L);
  std::iota(order_trained.begin(), order_trained.end(), 0);
  std::iota(order_theory.begin(), order_theory.end(), 0);
  std::sort(order_trained.begin(), order_trained.end(), [&](int i, int j) { return a[i] < a[j]; });
  std::sort(order_theory.begin(), order_theory.end(), [&](int i, int j) { return a_star[i] < a_star[j]; });
  double worst_relative = 0;
  json matching = json::array();
  for (int k = 0; k < L; ++k) {
    const int i = order_trained[k], j = order_theory[k];
    const double rel = std::abs(a[i] - a_star[j]) / std::abs(a_star[j]);
    worst_relative = std::max(worst_relative, rel);
    matching.push_back({{"trained_layer", i},
                        {"theory_layer", j},
                        {"a", a[i]},
                        {"a_star", a_star[j]},
                        {"relative_error", rel}});
  }
  // Exact population losses: the trained matrices and the theory's point.
  LayerParameters<Mpfr> trained;
  for (const auto& m : A) trained.A.push_back(convert_matrix<Mpfr>(Mat<double>(m)));
  for (const auto& m : B) trained.B.push_back(convert_matrix<Mpfr>(Mat<double>(m)));
  const Mpfr loss_trained = layer_loss(trained, problem);
  const Mpfr loss_theory = layer_loss(family_point(theory.scalars, problem, L), problem);
  json out = {{"applies", true},
              {"layers", layers},
              {"worst_dist_sigma_half_A_sigma_half", worst_dist_a},
              {"a_matching", matching},
              {"worst_relative_a_error", worst_relative},
              {"a_star", a_star},
              {"exact_loss_trained", static_cast<double>(loss_trained)},
              {"exact_loss_theory_point", static_cast<double>(loss_theory)}};
  if (!B.empty()) out["worst_dist_B_identity"] = worst_dist_b;
  return out;
}

json compare_forward(const TrainState& s, const CompareOptions& o) {
  const TrainConfig& c = s.config;
  const Model<double> model = to_model(c.arch, s.theta);
  const ScopedBits bits(o.bits);
  const Model<Mpfr> high = convert_model<Mpfr>(model);
  const auto seqs = Sampler(c.task).sample_batch(o.sequences, o.seed);
  Agreement worst;
  double worst_digits = std::numeric_limits<double>::infinity();
  for (const Sequence& q : seqs) {
    const Mat<double> Z = make_tokens<double>(q.X, q.y, q.xq);
    const double y = prediction(forward_tokens(model, Z).back());
    const Mpfr y_high = prediction(forward_tokens(high, convert_matrix<Mpfr>(Z)).back());
    const Agreement a =
        agreement<double, Mpfr>(Mat<double>::Constant(1, 1, y), Mat<Mpfr>::Constant(1, 1, y_high));
    worst_digits = std::min(worst_digits, a.digits());
  }
  return {{"sequences", o.sequences},
          {"bits", bits.bits()},
          {"worst_digits", worst_digits},
          {"what", "the prediction of the double token forward pass against the Mpfr one, same inputs"}};
}

json implicit_models(const TrainState& s, const CompareOptions& o) {
  const TrainConfig& c = s.config;
  const Model<double> model = to_model(c.arch, s.theta);
  const Sequence q = Sampler(c.task).sample_at(o.seed, 0);
  const Mat<double> Z = make_tokens<double>(q.X, q.y, q.xq);
  const auto trace = statistics_forward(model, context_gram(Z), c.task.n);
  const auto implicit = implicit_recursion(c.arch.d, trace.update);
  json layers = json::array();
  for (std::size_t l = 0; l < implicit.size(); ++l) {
    json row = {{"layer", l},
                {"M", matrix(implicit[l].M)},
                {"u", std::vector<double>(implicit[l].u.data(), implicit[l].u.data() + implicit[l].u.size())},
                {"w", std::vector<double>(implicit[l].w.data(), implicit[l].w.data() + implicit[l].w.size())},
                {"a", implicit[l].a}};
    if (l > 0 && (c.arch.family == Family::Diag || c.arch.family == Family::Gdpp)) {
      const int per_head = c.arch.parameters_per_head();
      std::vector<DiagHead<double>> heads;
      for (int h = 0; h < c.arch.heads; ++h) {
        const double* p = s.theta.data() + ((static_cast<int>(l) - 1) * c.arch.heads + h) * per_head;
        heads.push_back({p[0], p[1], p[2], per_head == 4 ? p[3] : 0.0});
      }
      const Omega<double> w = omega(heads);
      row["omega_of_layer_before"] = {{"xx", w.xx}, {"xy", w.xy}, {"yx", w.yx}, {"yy", w.yy}};
    }
    layers.push_back(row);
  }
  return {{"sequence", "sample 0 of seed " + std::to_string(o.seed)},
          {"w_star_ols",
           [&] {
             const Eigen::VectorXd w = (q.X.transpose() * q.X).ldlt().solve(q.X.transpose() * q.y);
             return std::vector<double>(w.data(), w.data() + w.size());
           }()},
          {"layers", layers}};
}

}  // namespace

Eigen::MatrixXd sqrt_spd(const Eigen::MatrixXd& S) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(S);
  return eig.eigenvectors() * eig.eigenvalues().cwiseSqrt().asDiagonal() * eig.eigenvectors().transpose();
}

FamilyMatrices family_matrices(const Architecture& arch, const Eigen::VectorXd& theta) {
  if (arch.family != Family::Sparse && arch.family != Family::Relaxed)
    throw std::invalid_argument("A_l and B_l belong to SPARSE and RELAXED models");
  const int d = arch.d;
  FamilyMatrices m;
  for (const Layer<double>& layer : to_model(arch, theta).layers) {
    const Head<double>& h = layer.heads.front();
    m.A.push_back(arch.family == Family::Sparse ? Eigen::MatrixXd(-h.Q.topLeftCorner(d, d))
                                                : Eigen::MatrixXd(h.Q.topLeftCorner(d, d)));
    if (arch.family == Family::Relaxed) m.B.push_back(h.P.topLeftCorner(d, d));
  }
  return m;
}

double distance_to_identity(const Eigen::MatrixXd& M, double* alpha) {
  const double a = M.trace() / static_cast<double>(M.rows());
  if (alpha) *alpha = a;
  const double norm = M.norm();
  return norm == 0 ? 0 : (M - a * Eigen::MatrixXd::Identity(M.rows(), M.cols())).norm() / norm;
}

double one_layer_distance(const Model<double>& model, const Eigen::MatrixXd& P_star,
                          const Eigen::MatrixXd& Q_star) {
  const int d = model.d, D = d + 1;
  const auto tensor = [D, d](const std::vector<std::pair<Eigen::VectorXd, Eigen::MatrixXd>>& heads) {
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(D, D * d);
    for (const auto& [p, Qx] : heads)
      W += p * Eigen::Map<const Eigen::VectorXd>(Qx.data(), D * d).transpose();
    return W;
  };
  std::vector<std::pair<Eigen::VectorXd, Eigen::MatrixXd>> trained, optimum;
  for (const Head<double>& h : model.layers.front().heads)
    trained.emplace_back(h.P.row(d).transpose(), h.Q.leftCols(d));
  optimum.emplace_back(P_star.row(d).transpose(), Q_star.leftCols(d));
  const Eigen::MatrixXd W = tensor(trained), W_star = tensor(optimum);
  return (W - W_star).norm() / W_star.norm();
}

nlohmann::json compare_with_theory(const TrainState& state, const CompareOptions& options) {
  if (options.sequences < 1) throw std::invalid_argument("compare: needs at least one sequence");
  const TrainConfig& c = state.config;
  // The Monte Carlo loss on the run's own evaluation set, to set the exact losses against.
  return {{"architecture",
           {{"family", std::string(family_label(c.arch.family))},
            {"d", c.arch.d},
            {"layers", c.arch.layers},
            {"heads", c.arch.heads}}},
          {"steps", state.step()},
          {"monte_carlo_eval_loss", evaluation_loss(c, state.theta)},
          {"one_layer_optimum", compare_one_layer(state, options)},
          {"scalar_family", compare_family(state, options)},
          {"forward_double_vs_mpfr", compare_forward(state, options)},
          {"implicit_model", implicit_models(state, options)}};
}

}  // namespace ltv
