// Benchmark of the exact L-layer engine (issue: `ltv theory stationary … --bits 256` in <= 30 s on
// the 2-core machine) and of how its cost grows with L and d. Not a test: it prints wall times.
//
//   build/bin/ltv_bench_stationary            the target and its baseline, then the scaling table
//   build/bin/ltv_bench_stationary --target   the target and its baseline only
//
// Target: the whole of `ltv theory stationary --family sparse --layers 3 --d 4 --n 20
// --cov-eigs 1,0.5,0.25,2 --bits 256` (the best point of S, the full gradient, the full Hessian and
// its spectrum). Baseline, measured in the same run: the same loss, gradient and Hessian sums in
// double precision, so the ratio is the price of 257-bit arithmetic.
#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/theory/stationary.hpp"
#include "ltv/theory/stationary_analysis.hpp"

#include <Eigen/LU>

#include <chrono>
#include <cstring>
#include <iomanip>
#include <iostream>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <class F>
double timed(F&& f) {
  const auto start = Clock::now();
  f();
  return seconds_since(start);
}

template <class T>
ltv::LayerProblem<T> problem(ltv::LayerFamily family, const Eigen::VectorXd& eigenvalues, int n) {
  ltv::Rng rng(1);
  const auto d = static_cast<int>(eigenvalues.size());
  const ltv::Mat<T> cov =
      ltv::with_spectrum<T>(ltv::convert_matrix<T>(ltv::Mat<double>(eigenvalues)).col(0),
                            ltv::householder_orthogonal<T>(ltv::random_gaussian_vectors(d, rng)));
  return {family, cov, ltv::Mat<T>(cov.inverse()), n};
}

void target() {
  Eigen::VectorXd e(4);
  e << 1, 0.5, 0.25, 2;
  const ltv::ScopedBits bits(256);
  ltv::Vec<ltv::Mpfr> eigenvalues = ltv::convert_matrix<ltv::Mpfr>(ltv::Mat<double>(e)).col(0);
  const double mpfr =
      timed([&] { (void)ltv::analyse_stationary(ltv::LayerFamily::Sparse, 3, eigenvalues, 20, 1, true,
                                                     ltv::StationaryEngine::Matching); });
  const double baseline = timed([&] {
    const auto p = problem<double>(ltv::LayerFamily::Sparse, e, 20);
    const auto opt = ltv::family_optimum<double>(p, 3);
    (void)ltv::layer_hessian<double>(opt.point, p);
  });
  std::cout << std::fixed << std::setprecision(3)
            << "target: sparse L=3 d=4 n=20, best point + gradient + Hessian spectrum\n"
            << "  MPFR 257 bits   " << mpfr << " s   (limit 30 s)\n"
            << "  double baseline " << baseline << " s\n"
            << "  ratio           " << std::setprecision(1) << mpfr / baseline << "x\n";
}

void scaling() {
  std::cout << "\nscaling at 257 bits (one evaluation each; '-' = skipped as too slow)\n"
            << "family   L  d  copies  loss(s)  gradient(s)  hessian(s)\n";
  const ltv::ScopedBits bits(256);
  struct Row {
    ltv::LayerFamily family;
    int layers, d;
    bool hessian;
  };
  const Row rows[] = {{ltv::LayerFamily::Sparse, 1, 4, true},  {ltv::LayerFamily::Sparse, 2, 4, true},
                      {ltv::LayerFamily::Sparse, 3, 2, true},  {ltv::LayerFamily::Sparse, 3, 4, true},
                      {ltv::LayerFamily::Sparse, 3, 6, true},  {ltv::LayerFamily::Sparse, 3, 8, false},
                      {ltv::LayerFamily::Sparse, 4, 2, false}, {ltv::LayerFamily::Sparse, 4, 4, false},
                      {ltv::LayerFamily::Relaxed, 1, 4, true}, {ltv::LayerFamily::Relaxed, 2, 2, false},
                      {ltv::LayerFamily::Relaxed, 2, 4, false}};
  for (const Row& row : rows) {
    Eigen::VectorXd e(row.d);
    for (int i = 0; i < row.d; ++i) e[i] = 0.25 + 0.5 * i;
    const auto p = problem<ltv::Mpfr>(row.family, e, 20);
    ltv::LayerParameters<ltv::Mpfr> params;
    for (int l = 0; l < row.layers; ++l) {
      params.A.push_back(ltv::Mpfr(l + 1) / 4 * p.cov_w);
      if (row.family == ltv::LayerFamily::Relaxed)
        params.B.push_back(ltv::Mat<ltv::Mpfr>::Identity(row.d, row.d) / 2);
    }
    (void)ltv::layer_words(row.family, row.layers);
    // Compile the Wick programs outside the timings (once per process and number of copies).
    (void)ltv::layer_loss<ltv::Mpfr>(params, p);
    (void)ltv::layer_gradient<ltv::Mpfr>(params, p);
    const double loss = timed([&] { (void)ltv::layer_loss<ltv::Mpfr>(params, p); });
    const double gradient = timed([&] { (void)ltv::layer_gradient<ltv::Mpfr>(params, p); });
    std::cout << std::left << std::setw(8) << ltv::family_name(row.family) << std::right << std::setw(2)
              << row.layers << std::setw(3) << row.d << std::setw(8)
              << ltv::loss_degree({row.family, row.layers}) << std::fixed << std::setprecision(3)
              << std::setw(9) << loss << std::setw(13) << gradient;
    if (row.hessian)
      std::cout << std::setw(12) << timed([&] { (void)ltv::layer_hessian<ltv::Mpfr>(params, p); });
    else
      std::cout << std::setw(12) << "-";
    std::cout << std::endl;
  }
}

}  // namespace

int main(int argc, char** argv) {
  target();
  if (argc > 1 && std::strcmp(argv[1], "--target") == 0) return 0;
  scaling();
  return 0;
}
