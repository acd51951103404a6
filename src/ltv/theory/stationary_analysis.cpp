#include "ltv/theory/stationary_analysis.hpp"

#include "ltv/core/spectra.hpp"
#include "ltv/expect/wishart_engine.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/ldlt.hpp"
#include "ltv/theory/scalar_search.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <stdexcept>

namespace ltv {
namespace {

/// The loss on S from the Wishart engine, as a search objective over the active scalars.
template <class T>
ScalarObjective<T> wishart_objective(const WishartEngine<T>& engine, const std::vector<int>& active) {
  return {[&engine](const Vec<T>& v) { return engine.loss(v); },
          [&engine, &active](const Vec<T>& v) {
            const ScalarLoss<T> s = engine.scalar_loss(v);
            const auto m = static_cast<Eigen::Index>(active.size());
            Vec<T> g(m);
            Mat<T> H(m, m);
            for (Eigen::Index i = 0; i < m; ++i) {
              g[i] = s.gradient[active[static_cast<std::size_t>(i)]];
              for (Eigen::Index j = 0; j < m; ++j)
                H(i, j) = s.hessian(active[static_cast<std::size_t>(i)], active[static_cast<std::size_t>(j)]);
            }
            return std::pair{g, H};
          }};
}

/// The scalars that reach the prediction: all but b_{L−1} (RELAXED).
std::vector<int> active_scalars(LayerFamily family, int layers) {
  std::vector<int> active;
  for (int p = 0; p < family_scalar_count(family, layers); ++p)
    if (!(family == LayerFamily::Relaxed && p == 2 * layers - 1)) active.push_back(p);
  return active;
}

/// ∂/∂A_l = g_l Σ and ∂/∂B_l = g_{L+l} I (the symmetric whitening C = Σ^{1/2}).
LayerParameters<Mpfr> full_gradient(const InvariantDerivatives<Mpfr>& h, LayerFamily family, int layers,
                                    const Mat<Mpfr>& cov) {
  LayerParameters<Mpfr> g;
  const Mat<Mpfr> I = Mat<Mpfr>::Identity(cov.rows(), cov.cols());
  for (int l = 0; l < layers; ++l) {
    g.A.push_back(h.gradient[l] * cov);
    if (family == LayerFamily::Relaxed) g.B.push_back(h.gradient[layers + l] * I);
  }
  return g;
}

/// SPARSE: the a_l are the roots of t^L + q_1 t^{L−1} + … + q_L (q* the exact minimiser, see
/// sparse_global_certificate_gap), real and simple; in double, from the companion matrix.
Vec<double> sparse_minimiser_start(int layers, int n, int d) {
  const Vec<Rational> q = sparse_optimal_polynomial(layers, n, d);
  Mat<double> companion = Mat<double>::Zero(layers, layers);
  for (int k = 0; k < layers; ++k) companion(0, k) = -convert<double>(q[k]);
  for (int k = 1; k < layers; ++k) companion(k, k - 1) = 1;
  const Eigen::VectorXcd roots = Eigen::EigenSolver<Mat<double>>(companion, false).eigenvalues();
  Vec<double> a(layers);
  for (int k = 0; k < layers; ++k) a[k] = roots[k].real();
  std::sort(a.begin(), a.end());
  return a;
}

/// The Wishart engine's path: search on S, the certificate for SPARSE, derivatives as invariants.
void wishart_analysis(StationaryTheory& t, LayerFamily family, int layers, const Vec<Mpfr>& eigenvalues, int n,
                      bool with_hessian, const std::function<void(const std::string&)>& say) {
  const int d = static_cast<int>(eigenvalues.size());
  const WishartEngine<double> rounded(family, layers, n, d);
  const WishartEngine<Mpfr> engine(family, layers, n, d);
  const int P = engine.scalars();
  const std::vector<int> active = active_scalars(family, layers);

  say("minimising the exact loss over the " + std::to_string(active.size()) + " scalars of S (Wishart engine)");
  const Vec<double> start = family == LayerFamily::Sparse
                                ? sparse_minimiser_start(layers, n, d)
                                : multistart_minimum(wishart_objective(rounded, active), active, P, &t.starts);
  FamilyMinimum<Mpfr>& m = t.optimum.minimum;
  m.scalars = start.unaryExpr([](double x) { return Mpfr(x); });
  m.newton_steps = newton_polish(wishart_objective(engine, active), active, m.scalars);
  m.scalar_gradient_norm = wishart_objective(engine, active).derivatives(m.scalars).first.norm();
  if (family == LayerFamily::Relaxed) {
    m.scalars.conservativeResize(2 * layers);
    m.scalars[2 * layers - 1] = 0;
  }
  for (int p = 0; p < P; ++p) m.free.push_back(std::find(active.begin(), active.end(), p) == active.end());
  if (family == LayerFamily::Sparse) {
    const Mpfr gap = sparse_global_certificate_gap(m.scalars, n, d);
    t.global = "certified: on S the loss is a positive definite quadratic in the coefficients of Π(1 − a_l s) "
               "(exact LDLᵀ); the point is its unique minimiser, Newton from the roots of the exact minimiser "
               "(coefficients agree to " + short_decimal(gap) + ")";
  } else {
    t.global = "the lowest of the local minima reached from " + std::to_string(t.starts) +
               " starts on a grid (not certified: the loss on S is not convex)";
  }

  say(std::string("the loss, the full gradient") + (with_hessian ? " and the Hessian" : "") + " at that point");
  const InvariantDerivatives<Mpfr> h = engine.derivatives(m.scalars, with_hessian);
  const LayerProblem<Mpfr> problem{family, t.cov, Mat<Mpfr>(t.cov.inverse()), n};
  Vec<Mpfr> all = Vec<Mpfr>::Zero(2 * layers);
  all.head(P) = m.scalars;
  t.optimum.point = family_point<Mpfr>(all, problem, layers);
  t.optimum.loss = h.loss;
  t.optimum.gradient = full_gradient(h, family, layers, t.cov);
  t.optimum.gradient_norm = stack_layer_parameters<Mpfr>(t.optimum.gradient).norm();
  if (!with_hessian) return;
  // The spectrum over the original entries is that of Σ = diag(e) (U only rotates it).
  const Vec<Mpfr> root = eigenvalues.unaryExpr([](const Mpfr& e) { return Mpfr(sqrt(e)); });
  const std::vector<int> once(static_cast<std::size_t>(d * (d - 1) / 2 + 1), 1);
  t.hessian = block_hessian_spectrum(original_hessian_blocks<Mpfr>(h, family, layers, root), once);
  if (family == LayerFamily::Sparse) {
    say("the full Hessian at every ordering of the a_l");
    std::vector<Mpfr> a(m.scalars.begin(), m.scalars.end());
    std::sort(a.begin(), a.end());
    do {
      const Vec<Mpfr> v = Eigen::Map<const Vec<Mpfr>>(a.data(), layers);
      const HessianSpectrum s =
          block_hessian_spectrum(original_hessian_blocks<Mpfr>(engine.derivatives(v, true), family, layers, root), once);
      t.lowest_over_orderings = t.orderings == 0 ? s.min : std::min(t.lowest_over_orderings, s.min);
      ++t.orderings;
      if (s.negative == 0) ++t.orderings_local_minima;
    } while (std::next_permutation(a.begin(), a.end()));
  }
  const std::pair<std::string, std::pair<Mat<Mpfr>, int>> components[] = {
      {"multiples of I", {h.identity_block(), 1}},
      {"symmetric traceless", {h.symmetric_block(), h.symmetric_multiplicity()}},
      {"antisymmetric", {h.antisymmetric_block(), h.antisymmetric_multiplicity()}}};
  const HessianSpectrum whitened = block_hessian_spectrum(
      {components[0].second.first, components[1].second.first, components[2].second.first},
      {components[0].second.second, components[1].second.second, components[2].second.second});
  for (const auto& [name, block] : components) {
    if (block.second == 0) continue;
    t.isotypic.push_back({name, block.second, block_inertia(block.first, whitened)});
  }
}

}  // namespace

std::string engine_name(StationaryEngine engine) {
  return engine == StationaryEngine::Wishart ? "wishart" : "matching";
}

Vec<Mpfr> polish_on_S(LayerFamily family, int layers, int n, int d, const Vec<double>& start) {
  const WishartEngine<Mpfr> engine(family, layers, n, d);
  const std::vector<int> active = active_scalars(family, layers);
  Vec<Mpfr> v = start.unaryExpr([](double x) { return Mpfr(x); });
  (void)newton_polish(wishart_objective(engine, active), active, v);
  return v;
}

LayerParameters<Mpfr> wishart_full_gradient(LayerFamily family, int layers, int n, const Mat<Mpfr>& cov,
                                            const Vec<Mpfr>& v) {
  const WishartEngine<Mpfr> engine(family, layers, n, static_cast<int>(cov.rows()));
  return full_gradient(engine.derivatives(v, false), family, layers, cov);
}

Vec<Rational> sparse_optimal_polynomial(int layers, int n, int d) {
  WishartMoments moments(n, d);
  // Normal equations of min Σ_ij q_i q_j m_{i+j} with q_0 = 1: Σ_j m_{i+j} q_j = −m_i, i, j = 1..L.
  Mat<Rational> H(layers, layers);
  Vec<Rational> rhs(layers);
  for (int i = 1; i <= layers; ++i) {
    rhs[i - 1] = -moments.trace(i);
    for (int j = 1; j <= layers; ++j) H(i - 1, j - 1) = moments.trace(i + j);
  }
  if (!ldlt_certificate(H).positive_definite())
    throw std::runtime_error("the moment matrix of S is not positive definite");
  return H.fullPivLu().solve(rhs);
}

Mpfr sparse_global_certificate_gap(const Vec<Mpfr>& a, int n, int d) {
  const auto L = static_cast<int>(a.size());
  const Vec<Rational> q = sparse_optimal_polynomial(L, n, d);
  // The coefficients of Π_l (1 − a_l s).
  Vec<Mpfr> c = Vec<Mpfr>::Zero(L + 1);
  c[0] = 1;
  for (int l = 0; l < L; ++l)
    for (int k = l + 1; k >= 1; --k) c[k] -= a[l] * c[k - 1];
  Mpfr gap = 0;
  for (int k = 1; k <= L; ++k) gap = std::max(gap, Mpfr(abs(c[k] - convert<Mpfr>(q[k - 1]))));
  return gap;
}

StationaryTheory analyse_stationary(LayerFamily family, int layers, const Vec<Mpfr>& eigenvalues, int n,
                                    std::uint64_t seed, bool with_hessian, StationaryEngine engine,
                                    const std::function<void(const std::string&)>& progress) {
  if (n < 1) throw std::invalid_argument("n must be >= 1");
  if (layers < 1) throw std::invalid_argument("the number of layers must be >= 1");
  if (engine == StationaryEngine::Matching)
    (void)loss_polynomial({family, layers});  // throws early, with the reason, beyond the engine's reach
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };

  StationaryTheory t;
  t.engine = engine;
  t.cov = covariance_with_random_rotation(eigenvalues, seed);
  t.parameters = family_scalar_count(family, layers) * static_cast<int>(eigenvalues.size() * eigenvalues.size());
  if (engine == StationaryEngine::Wishart) {
    wishart_analysis(t, family, layers, eigenvalues, n, with_hessian, say);
    return t;
  }
  const LayerProblem<Mpfr> problem{family, t.cov, Mat<Mpfr>(t.cov.inverse()), n};
  say("minimising the exact loss over the scalars of S and evaluating the full gradient (matching engine)");
  t.optimum = family_optimum<Mpfr>(problem, layers);
  t.global = "the lowest of the local minima reached from a grid of starts (matching engine's polynomial on S)";
  if (with_hessian) {
    say("computing the exact Hessian over all " + std::to_string(t.parameters) + " matrix entries");
    t.hessian = hessian_spectrum(layer_hessian<Mpfr>(t.optimum.point, problem));
  }
  return t;
}

}  // namespace ltv
