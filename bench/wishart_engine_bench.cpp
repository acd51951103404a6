// Benchmark of the Wishart engine (expect/wishart_engine.hpp) against the matching engine
// (expect/layer_loss.hpp) in one run, and of how its cost grows with L and d. Not a test: it
// prints wall times (docs/wishart_engine.md, bench/README.md).
//
//   build/bin/ltv_bench_wishart_engine            the comparison, then the scaling table
//   build/bin/ltv_bench_wishart_engine --compare  the comparison only
//
// Comparison: at a point of S with Σ non-isotropic, d = 4, n = 20, 257-bit MPFR, the loss and the
// full gradient over every matrix entry (and, for SPARSE L = 3, the full Hessian) by each engine;
// SPARSE L = 3 and RELAXED L = 2, the deepest both reach. The ratio is matching / Wishart.
#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/expect/layer_loss.hpp"
#include "ltv/expect/wishart_engine.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/theory/stationary.hpp"

#include <Eigen/LU>

#include <chrono>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <memory>

namespace {

using ltv::LayerFamily;
using ltv::Mat;
using ltv::Mpfr;
using ltv::Vec;
using Clock = std::chrono::steady_clock;

template <class F>
double timed(F&& f) {
  const auto start = Clock::now();
  f();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Vec<Mpfr> point(LayerFamily family, int layers) {
  Vec<Mpfr> v(ltv::family_scalar_count(family, layers));
  for (int l = 0; l < layers; ++l) {
    v[l] = Mpfr(-0.5) / (l + 1);
    if (family == LayerFamily::Relaxed) v[layers + l] = Mpfr(0.1) * (l + 1);
  }
  if (family == LayerFamily::Sparse) v = -v;  // SPARSE's A carries the minus sign of Q
  return v;
}

void compare(LayerFamily family, int layers, bool hessian) {
  const int d = 4, n = 20;
  Vec<Mpfr> e(d);
  e << 1, 0.5, 0.25, 2;
  ltv::Rng rng(1);
  const Mat<Mpfr> cov = ltv::with_spectrum<Mpfr>(e, ltv::householder_orthogonal<Mpfr>(ltv::random_gaussian_vectors(d, rng)));
  const ltv::LayerProblem<Mpfr> problem{family, cov, Mat<Mpfr>(cov.inverse()), n};
  const Vec<Mpfr> v = point(family, layers);
  Vec<Mpfr> all = Vec<Mpfr>::Zero(2 * layers);
  all.head(v.size()) = v;
  const auto params = ltv::family_point<Mpfr>(all, problem, layers);
  (void)ltv::layer_words(family, layers);  // built once per process, outside the timing
  const double matching = timed([&] {
    (void)ltv::layer_loss<Mpfr>(params, problem);
    (void)ltv::layer_gradient<Mpfr>(params, problem);
    if (hessian) (void)ltv::layer_hessian<Mpfr>(params, problem);
  });
  const double wishart = timed([&] {
    const ltv::WishartEngine<Mpfr> engine(family, layers, n, d);
    const auto h = engine.derivatives(v, hessian);
    (void)h;
  });
  std::cout << std::left << std::setw(8) << ltv::family_name(family) << std::right << " L=" << layers << " d=" << d
            << (hessian ? "  loss+gradient+Hessian " : "  loss+gradient         ") << std::scientific
            << std::setprecision(2) << std::setw(9) << matching << " s  " << std::setw(8) << wishart << " s  "
            << std::setw(9) << matching / wishart << "x" << std::endl;
}

void scaling() {
  std::cout << "\nWishart engine at 257 bits: one evaluation at a point of S, n = 20 (SPARSE) or 10 (RELAXED)\n"
            << "family   L   d  degree  moments(s)  loss+gradient(s)  +Hessian(s)\n";
  struct Row {
    LayerFamily family;
    int layers, d;
  };
  const Row rows[] = {{LayerFamily::Sparse, 2, 5},  {LayerFamily::Sparse, 3, 5},   {LayerFamily::Sparse, 4, 5},
                      {LayerFamily::Sparse, 5, 5},  {LayerFamily::Sparse, 6, 5},   {LayerFamily::Sparse, 8, 5},
                      {LayerFamily::Sparse, 5, 10}, {LayerFamily::Sparse, 5, 20},  {LayerFamily::Relaxed, 1, 5},
                      {LayerFamily::Relaxed, 2, 5}, {LayerFamily::Relaxed, 3, 5},  {LayerFamily::Relaxed, 3, 10},
                      {LayerFamily::Relaxed, 3, 20}};
  for (const Row& row : rows) {
    const int n = row.family == LayerFamily::Sparse ? 20 : 10;
    const Vec<Mpfr> v = point(row.family, row.layers);
    std::unique_ptr<ltv::WishartEngine<Mpfr>> engine;
    const double moments =
        timed([&] { engine = std::make_unique<ltv::WishartEngine<Mpfr>>(row.family, row.layers, n, row.d); });
    const double gradient = timed([&] { (void)engine->derivatives(v, false); });
    const double hessian = timed([&] { (void)engine->derivatives(v, true); });
    std::cout << std::left << std::setw(8) << ltv::family_name(row.family) << std::right << std::setw(2)
              << row.layers << std::setw(4) << row.d << std::setw(8) << ltv::family_error_degree(row.family, row.layers)
              << std::scientific << std::setprecision(2) << std::setw(12) << moments << std::setw(18) << gradient
              << std::setw(13) << hessian << std::endl;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const ltv::ScopedBits bits(256);
  std::cout << "matching engine vs Wishart engine, 257-bit MPFR, d = 4, n = 20, non-isotropic Σ\n"
            << "                                          matching   Wishart    ratio\n";
  compare(LayerFamily::Sparse, 3, true);
  compare(LayerFamily::Relaxed, 2, false);
  if (argc > 1 && std::strcmp(argv[1], "--compare") == 0) return 0;
  scaling();
  return 0;
}
