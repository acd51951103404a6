#include "theory.hpp"

#include "ltv/api/theory_json.hpp"
#include "ltv/expect/one_layer_analysis.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/theory/stationary_analysis.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <stdexcept>

namespace ltv::cli {
namespace {

std::string scalars_text(const FamilyMinimum<Mpfr>& o, Eigen::Index first, Eigen::Index count) {
  std::string out;
  for (Eigen::Index i = first; i < first + count; ++i) {
    if (i > first) out += ", ";
    out += o.free[static_cast<std::size_t>(i)] ? std::string("free") : short_decimal(o.scalars[i]);
  }
  return out;
}

/// The population both subcommands study: x ~ N(0, Σ) in dimension d, contexts of n tokens.
void add_population_options(CLI::App& cmd, int& d, int& n, std::vector<std::string>& cov_eigs) {
  cmd.add_option("--d", d, "Dimension of x")->required()->check(CLI::Range(1, 64));
  cmd.add_option("--n", n, "Context length")->required()->check(CLI::Range(1, 1000000000));
  cmd.add_option("--cov-eigs", cov_eigs,
                 "The d eigenvalues of Σ, comma-separated (Σ = U diag(e) Uᵀ, U random)")
      ->required()
      ->delimiter(',');
}

/// How both subcommands compute and print: the MPFR precision, the seed of Σ's rotation, JSON.
void add_precision_options(CLI::App& cmd, unsigned& bits, std::uint64_t& seed, bool& json) {
  cmd.add_option("--bits", bits, "MPFR precision in bits (the nearest reachable is used)")
      ->check(CLI::Range(32u, 65536u))
      ->capture_default_str();
  cmd.add_option("--seed", seed, "Seed of the random rotation U (results do not depend on it)")
      ->capture_default_str();
  cmd.add_flag("--json", json, "Print JSON (numbers as decimal strings at full precision)");
}

}  // namespace

void setup_theory(CLI::App& app, TheoryOneLayerOptions& o, TheoryStationaryOptions& s) {
  app.require_subcommand(1);
  auto* one =
      app.add_subcommand("one-layer",
                         "The A23 Theorem 1 optimum of a one-layer model: exact loss, gradient norm and "
                         "Hessian spectrum at high precision (x ~ N(0, Σ), w ~ N(0, I), c = 1/n)");
  add_population_options(*one, o.d, o.n, o.cov_eigs);
  one->add_option("--noise-var", o.noise_var, "Label-noise variance σ² (uses the tr Σ + σ² extension)")
      ->capture_default_str();
  add_precision_options(*one, o.bits, o.seed, o.json);

  auto* st = app.add_subcommand(
      "stationary",
      "A23 Theorems 3-4: the best point of S = {A_l = a_l Σ^-1, B_l = b_l I} of an L-layer sparse or relaxed "
      "model, the exact loss there, the norm of the full gradient over every matrix entry, and the extreme "
      "eigenvalues of the full Hessian (x ~ N(0, Σ), w ~ N(0, Σ^-1), c = 1/n)");
  st->add_option("--family", s.family, "sparse (A23 eq. 8) or relaxed (A23 eq. 11)")
      ->required()
      ->check(CLI::IsMember({"sparse", "relaxed"}));
  st->add_option("--layers", s.layers,
                 "Number of layers L (any with the Wishart engine; the matching engine: sparse L <= 4, relaxed L <= 2)")
      ->required()
      ->check(CLI::Range(1, 64));
  add_population_options(*st, s.d, s.n, s.cov_eigs);
  add_precision_options(*st, s.bits, s.seed, s.json);
  st->add_flag("--no-hessian", s.no_hessian,
               "Skip the Hessian (cheap with the Wishart engine; (L d²)² Wick evaluations with the matching engine)");
  st->add_option("--engine", s.engine,
                 "wishart (invariant Wishart moments, any depth; the Hessian by its O(d)-isotypic blocks) or matching "
                 "(Wick's theorem on words, up to 8 copies of S); both are exact and agree where both reach")
      ->check(CLI::IsMember({"wishart", "matching"}))
      ->capture_default_str();
}

int run_theory_one_layer(const TheoryOneLayerOptions& o) {
  const ScopedBits bits(o.bits);
  const Vec<Mpfr> eigs = parse_spectrum(o.cov_eigs, o.d);
  const OneLayerTheory t = analyse_one_layer(eigs, o.n, parse_decimal(o.noise_var, "--noise-var"), o.seed);

  if (o.json) {
    std::cout << one_layer_json(t, bits.bits(), o.n, o.cov_eigs, o.noise_var).dump(2) << "\n";
    return 0;
  }
  std::cout
      << "One-layer optimum (A23 Theorem 1), d = " << o.d << ", n = " << o.n << ", MPFR at " << bits.bits()
      << " bits\n"
      << "  loss at the optimum        " << short_decimal(t.loss) << "\n"
      << "  gradient norm there        " << short_decimal(t.grad_norm) << "\n"
      << "  Hessian eigenvalues        [" << short_decimal(t.hessian.min) << ", "
      << short_decimal(t.hessian.max) << "], smallest positive " << short_decimal(t.hessian.smallest_positive)
      << "\n"
      << "  Hessian null space         " << t.hessian.null_dimension
      << " (ignored coordinates + scaling orbit: " << t.orbit_dimension << "), " << t.hessian.negative
      << " negative eigenvalues\n"
      << "  Q's top-left block         -((n+1)/n Σ + (tr Σ + σ²)/n I)^-1 (use --json for every entry)\n";
  return 0;
}

int run_theory_stationary(const TheoryStationaryOptions& o) {
  const ScopedBits bits(o.bits);
  const Vec<Mpfr> eigs = parse_spectrum(o.cov_eigs, o.d);
  const LayerFamily family = o.family == "sparse" ? LayerFamily::Sparse : LayerFamily::Relaxed;
  const StationaryTheory t =
      analyse_stationary(family, o.layers, eigs, o.n, o.seed, !o.no_hessian,
                         o.engine == "matching" ? StationaryEngine::Matching : StationaryEngine::Wishart,
                         [](const std::string& line) { std::cerr << "ltv: " << line << "\n"; });
  const FamilyOptimum<Mpfr>& opt = t.optimum;
  const Eigen::Index L = o.layers;

  if (o.json) {
    std::cout << stationary_json(t, family, o.layers, o.n, bits.bits()).dump(2) << "\n";
    return 0;
  }
  std::cout << "Best point of S (A23 Theorem " << (family == LayerFamily::Sparse ? 3 : 4) << "), " << o.family
            << ", L = " << o.layers << ", d = " << o.d << ", n = " << o.n << ", MPFR at " << bits.bits()
            << " bits, " << engine_name(t.engine) << " engine\n"
            << "  a (A_l = a_l Σ^-1)          " << scalars_text(opt.minimum, 0, L) << "\n";
  if (family == LayerFamily::Relaxed)
    std::cout << "  b (B_l = b_l I)             " << scalars_text(opt.minimum, L, L)
              << "   (free: the last layer's B never reaches the prediction)\n";
  std::cout << "  exact loss there            " << short_decimal(opt.loss) << "\n"
            << "  full gradient norm          " << short_decimal(opt.gradient_norm) << " over "
            << t.parameters << " matrix entries\n";
  if (t.hessian)
    std::cout << "  Hessian eigenvalues         [" << short_decimal(t.hessian->min) << ", "
              << short_decimal(t.hessian->max) << "], smallest positive "
              << short_decimal(t.hessian->smallest_positive) << ", " << t.hessian->null_dimension << " zero, "
              << t.hessian->negative << " negative\n";
  for (const IsotypicInertia& c : t.isotypic)
    std::cout << "    whitened, " << c.component << " (×" << c.multiplicity << "): " << c.inertia.negative
              << " negative, " << c.inertia.zero << " zero, " << c.inertia.positive << " positive; smallest "
              << short_decimal(c.inertia.min) << "\n";
  if (t.orderings > 0)
    std::cout << "  every ordering of the a_l   " << t.orderings_local_minima << " of " << t.orderings
              << " are local minima over all entries; smallest eigenvalue over them "
              << short_decimal(t.lowest_over_orderings) << "\n";
  std::cout << "  minimum over S              " << t.global << "\n";
  return 0;
}

}  // namespace ltv::cli
