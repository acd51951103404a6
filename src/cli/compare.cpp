#include "compare.hpp"

#include "model_input.hpp"

#include "ltv/crosscheck/compare.hpp"

#include <iostream>

namespace ltv::cli {

void setup_compare(CLI::App& app, CompareCliOptions& o) {
  app.add_option("--model", o.model, "Model file written by ltv train")->required();
  app.add_option("--bits", o.bits, "MPFR precision of the theory and of the reference forward pass")
      ->check(CLI::Range(64u, 4096u))
      ->capture_default_str();
  app.add_option("--sequences", o.sequences, "Sequences for the double-vs-MPFR forward comparison")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of those sequences")->capture_default_str();
  app.add_flag("--json", o.json, "Print everything as JSON (the text output is a summary)");
}

int run_compare(const CompareCliOptions& o) {
  const TrainState state = load_model_input(o.model, "compare");
  CompareOptions options;
  options.bits = o.bits;
  options.sequences = o.sequences;
  options.seed = o.seed;
  const nlohmann::json j = compare_with_theory(state, options);
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "Comparison of " << o.model << " (" << j["architecture"]["family"].get<std::string>()
            << ", L = " << j["architecture"]["layers"] << ", " << j["steps"] << " steps) with the theory\n";
  std::cout << "  Monte Carlo loss on the run's evaluation set   " << j["monte_carlo_eval_loss"] << "\n";
  const auto& one = j["one_layer_optimum"];
  if (one["applies"] == true) {
    std::cout << "  A23 Theorem 1 (one layer)\n"
              << "    exact loss of the trained model              " << one["exact_loss_trained"] << "\n";
    if (one.contains("exact_loss_optimum"))
      std::cout << "    exact loss at the optimum                    " << one["exact_loss_optimum"] << "\n"
                << "    relative loss gap                            " << one["relative_loss_gap"] << "\n"
                << "    parameter distance modulo the symmetry       "
                << one["parameter_distance_modulo_symmetry"] << "\n";
  } else {
    std::cout << "  A23 Theorem 1: not applicable (" << one["why"].get<std::string>() << ")\n";
  }
  const auto& fam = j["scalar_family"];
  if (fam["applies"] == true) {
    std::cout << "  A23 Theorems 3-4 (scalar family)\n"
              << "    worst Dist(Σ^1/2 A_l Σ^1/2, I)               "
              << fam["worst_dist_sigma_half_A_sigma_half"] << "\n";
    if (fam.contains("worst_dist_B_identity"))
      std::cout << "    worst Dist(B_l, I)                           " << fam["worst_dist_B_identity"]
                << "\n";
    for (const auto& m : fam["a_matching"])
      std::cout << "    layer " << m["trained_layer"] << ": a = " << m["a"] << ", theory a* = " << m["a_star"]
                << " (relative error " << m["relative_error"] << ")\n";
    std::cout << "    exact loss trained / theory point            " << fam["exact_loss_trained"] << " / "
              << fam["exact_loss_theory_point"] << "\n";
  } else {
    std::cout << "  A23 Theorems 3-4: not applicable (" << fam["why"].get<std::string>() << ")\n";
  }
  const auto& fw = j["forward_double_vs_mpfr"];
  std::cout << "  double forward vs MPFR (" << fw["bits"] << " bits), " << fw["sequences"]
            << " sequences: worst digits " << fw["worst_digits"] << "\n"
            << "  implicit models (M, u, w, a) per layer: see --json\n";
  return 0;
}

}  // namespace ltv::cli
