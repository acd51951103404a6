#include "theory.hpp"

#include "ltv/expect/one_layer_analysis.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <stdexcept>

namespace ltv::cli {
namespace {

/// A decimal number as an Mpfr at the working precision; throws with the offending text.
Mpfr parse_number(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    (void)std::stod(text, &used);  // rejects empty and non-numeric text with a clear error below
    if (used != text.size()) throw std::invalid_argument(text);
    return Mpfr(text);
  } catch (const std::exception&) {
    throw std::invalid_argument(what + " must be a number, got '" + text + "'");
  }
}

nlohmann::json matrix_json(const Mat<Mpfr>& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(to_decimal(m(i, j)));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void setup_theory(CLI::App& app, TheoryOneLayerOptions& o) {
  app.require_subcommand(1);
  auto* one =
      app.add_subcommand("one-layer",
                         "The A23 Theorem 1 optimum of a one-layer model: exact loss, gradient norm and "
                         "Hessian spectrum at high precision (x ~ N(0, Σ), w ~ N(0, I), c = 1/n)");
  one->add_option("--d", o.d, "Dimension of x")->required()->check(CLI::Range(1, 64));
  one->add_option("--n", o.n, "Context length")->required()->check(CLI::Range(1, 1000000000));
  one->add_option("--cov-eigs", o.cov_eigs,
                  "The d eigenvalues of Σ, comma-separated (Σ = U diag(e) Uᵀ, U random)")
      ->required()
      ->delimiter(',');
  one->add_option("--noise-var", o.noise_var, "Label-noise variance σ² (uses the tr Σ + σ² extension)")
      ->capture_default_str();
  one->add_option("--bits", o.bits, "MPFR precision in bits (the nearest reachable is used)")
      ->check(CLI::Range(32u, 65536u))
      ->capture_default_str();
  one->add_option("--seed", o.seed, "Seed of the random rotation U (results do not depend on it)")
      ->capture_default_str();
  one->add_flag("--json", o.json, "Print JSON (numbers as decimal strings at full precision)");
}

int run_theory_one_layer(const TheoryOneLayerOptions& o) {
  if (static_cast<int>(o.cov_eigs.size()) != o.d) {
    std::cerr << "ltv theory one-layer: --cov-eigs has " << o.cov_eigs.size() << " values, --d is " << o.d
              << "\n";
    return 2;
  }
  const ScopedBits bits(o.bits);
  Vec<Mpfr> eigs(o.d);
  for (int i = 0; i < o.d; ++i) eigs[i] = parse_number(o.cov_eigs[static_cast<std::size_t>(i)], "--cov-eigs");
  const OneLayerTheory t = analyse_one_layer(eigs, o.n, parse_number(o.noise_var, "--noise-var"), o.seed);

  if (o.json) {
    const nlohmann::json j = {{"bits", bits.bits()},
                              {"loss", to_decimal(t.loss)},
                              {"grad_norm", to_decimal(t.grad_norm)},
                              {"hessian_eig_min", to_decimal(t.hessian.min)},
                              {"hessian_eig_max", to_decimal(t.hessian.max)},
                              {"hessian_null_dimension", t.hessian.null_dimension},
                              {"hessian_negative_eigenvalues", t.hessian.negative},
                              {"symmetry_orbit_dimension", t.orbit_dimension},
                              {"P", matrix_json(t.P)},
                              {"Q", matrix_json(t.Q)}};
    std::cout << j.dump(2) << "\n";
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

}  // namespace ltv::cli
