#pragma once
// Minimising a smooth function of a few scalars (the loss on the family S): a multi-start local
// search in double, then Newton's method in the working tier. Used with either engine's loss on S
// (theory/stationary.hpp: the matching engine's polynomial; theory/stationary_analysis.cpp: the
// Wishart engine's commuting jets).
#include "ltv/scalar/eigen_glue.hpp"
#include "ltv/scalar/tolerance.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace ltv {

/// A function of the scalars v, with its gradient and Hessian restricted to the active ones.
template <class T>
struct ScalarObjective {
  std::function<T(const Vec<T>&)> value;
  std::function<std::pair<Vec<T>, Mat<T>>(const Vec<T>&)> derivatives;  ///< over `active`, in its order
};

namespace detail {

/// Where the Hessian is not positive definite: the Newton step of H + μI, with μ lifting the
/// smallest eigenvalue to 1e-3 of the largest magnitude (a descent direction that still uses the
/// curvature; plain gradient steps crawl through the saddles of these polynomials).
inline Vec<double> shifted_newton_step(const Mat<double>& H, const Vec<double>& g) {
  const Eigen::SelfAdjointEigenSolver<Mat<double>> eig(H);
  const Vec<double>& lambda = eig.eigenvalues();
  const double scale = std::max(1.0, lambda.cwiseAbs().maxCoeff());
  const double mu = std::max(0.0, -lambda.minCoeff()) + 1e-3 * scale;
  const Vec<double> shifted = (lambda.array() + mu).inverse();
  return -(eig.eigenvectors() * shifted.asDiagonal() * eig.eigenvectors().transpose() * g);
}

/// A local minimiser of f in double from `start`: Newton steps where the Hessian is positive
/// definite, shifted Newton steps elsewhere, each with a backtracking line search. Returns false when
/// it does not reach a point with a positive definite Hessian and a vanishing gradient.
inline bool local_minimum(const ScalarObjective<double>& f, const std::vector<int>& active, Vec<double>& v) {
  double value = f.value(v);
  for (int iteration = 0; iteration < 500; ++iteration) {
    const auto [g, H] = f.derivatives(v);
    const Eigen::LLT<Mat<double>> llt(H);
    const bool convex = llt.info() == Eigen::Success;
    if (convex && g.norm() <= kSearchConvergedGradient * (1 + std::abs(value))) return true;
    const Vec<double> step = convex ? Vec<double>(-llt.solve(g)) : shifted_newton_step(H, g);
    double t = 1;
    for (; t > kSearchSmallestStep; t /= 2) {
      Vec<double> trial = v;
      for (std::size_t i = 0; i < active.size(); ++i) trial[active[i]] += t * step[static_cast<Eigen::Index>(i)];
      const double trial_value = f.value(trial);
      if (std::isfinite(trial_value) && trial_value < value) {
        v = trial;
        value = trial_value;
        break;
      }
    }
    if (t <= kSearchSmallestStep) return convex && g.norm() <= kSearchStalledGradient * (1 + std::abs(value));
  }
  return false;
}

}  // namespace detail

/// The lowest local minimum reached from every start on the grid {−2, −1, −¼, ¼, 1, 2} per active
/// scalar (6^m starts), run on every hardware thread; the result does not depend on the number of
/// threads (ties go to the first start). `starts` receives how many were tried. `f` must be safe
/// to call from several threads. Throws std::runtime_error when no start converges.
inline Vec<double> multistart_minimum(const ScalarObjective<double>& f, const std::vector<int>& active,
                                      int variables, int* starts = nullptr) {
  const double grid[] = {-2, -1, -0.25, 0.25, 1, 2};
  const int count = static_cast<int>(std::pow(6, active.size()));
  if (starts) *starts = count;
  std::vector<Vec<double>> found(static_cast<std::size_t>(count));
  std::vector<double> values(static_cast<std::size_t>(count), std::numeric_limits<double>::infinity());
  const auto run = [&](int first, int stride) {
    for (int s = first; s < count; s += stride) {
      Vec<double> v = Vec<double>::Zero(variables);
      for (std::size_t i = 0, code = static_cast<std::size_t>(s); i < active.size(); ++i, code /= 6)
        v[active[i]] = grid[code % 6];
      if (detail::local_minimum(f, active, v)) {
        values[static_cast<std::size_t>(s)] = f.value(v);
        found[static_cast<std::size_t>(s)] = v;
      }
    }
  };
  const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(run, t, threads);
  run(0, threads);
  for (auto& w : workers) w.join();
  const auto best = std::min_element(values.begin(), values.end()) - values.begin();
  if (!std::isfinite(values[static_cast<std::size_t>(best)]))
    throw std::runtime_error("no start reached a local minimum of the loss on S");
  return found[static_cast<std::size_t>(best)];
}

/// Newton's method in T from a double start, until the step is at T's rounding; returns the
/// number of steps. Throws std::runtime_error when it does not converge in 100 steps.
template <class T>
int newton_polish(const ScalarObjective<T>& f, const std::vector<int>& active, Vec<T>& v) {
  // Quadratic convergence: once a step is below √ε (relative), two more reach the rounding level.
  const T root_epsilon = sqrt(std::numeric_limits<T>::epsilon());
  int steps = 0;
  for (int final_steps = -1; steps < 100 && final_steps != 0; ++steps) {
    const auto [g, H] = f.derivatives(v);
    const Vec<T> step = H.partialPivLu().solve(g);
    for (std::size_t i = 0; i < active.size(); ++i) v[active[i]] -= step[static_cast<Eigen::Index>(i)];
    if (final_steps > 0)
      --final_steps;
    else if (step.cwiseAbs().maxCoeff() <= root_epsilon * (T(1) + v.cwiseAbs().maxCoeff()))
      final_steps = 2;
  }
  if (steps == 100) throw std::runtime_error("Newton's method on S did not converge");
  return steps;
}

}  // namespace ltv
