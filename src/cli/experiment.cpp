#include "experiment.hpp"

#include "results_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iostream>
#include <vector>

namespace ltv::cli {

void setup_experiment(CLI::App& app, ExperimentOptions& o) {
  app.require_subcommand(1);
  auto* a24 = app.add_subcommand(
      "a24",
      "A24's optimizer phenomena on 3-layer linear attention (d = 5): Adam vs SGD with momentum, "
      "heavy-tailed "
      "gradient noise, robust condition number, directional smoothness, smoothness vs gradient norm");
  a24->add_option("--setting", o.setting,
                  "1: n = 20 Gaussian x; 2: n = 5; 3: n = 20 heavy-tailed x (default: all)")
      ->check(CLI::Range(1, 3));
  a24->add_option("--steps", o.run.steps, "Training steps per run (the checkpoints are 750 and 1250)")
      ->check(CLI::Range(1250LL, 100000000LL))
      ->capture_default_str();
  a24->add_option("--batch", o.run.batch, "Sequences per step")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  a24->add_option("--seeds", o.run.seeds, "Runs per optimizer")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  a24->add_option("--grid-steps", o.run.grid_steps,
                  "Steps of each learning-rate trial, 10 rates per optimizer (0: as many as --steps)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  a24->add_option("--seed", o.run.seed, "Base seed")->capture_default_str();
  a24->add_option("--threads", o.run.threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  a24->add_option("--results", o.results, "results.json to add the verdicts to (created if missing)")
      ->capture_default_str();
}

namespace experiment_impl {

/// An upper bound on the section one setting adds to results.json: four times the 11 kB that
/// tests/report/fixtures/results.json holds for all three.
constexpr std::uintmax_t kSettingBytes = 16 * 1024;

nlohmann::json::json_pointer setting_pointer(int setting) {
  return nlohmann::json::json_pointer("/experiments/a24/setting_" + std::to_string(setting));
}

}  // namespace experiment_impl

int run_experiment(const ExperimentOptions& o) {
  std::vector<int> settings;
  for (int setting = 1; setting <= 3; ++setting)
    if (o.setting == 0 || setting == o.setting) settings.push_back(setting);
  // a results file that is not JSON, or a place that cannot be written, stops us before hours of work
  for (const int setting : settings)
    check_results_file(o.results, experiment_impl::setting_pointer(setting),
                       settings.size() * experiment_impl::kSettingBytes);
  for (const int setting : settings) {
    A24Options a = o.run;
    a.setting = setting;
    a.log = [setting](const std::string& line) {
      std::cerr << "a24 setting " << setting << ": " << line << "\n";
    };
    const nlohmann::json r = run_a24_experiment(a);
    // each setting is kept as soon as it is done
    merge_into_results(o.results, experiment_impl::setting_pointer(setting), r);
    std::cout << "A24 setting " << setting << " (n = " << r["task"]["n"] << ", "
              << r["task"]["covariates"].get<std::string>() << ")\n";
    for (const auto& [name, p] : r["phenomena"].items())
      std::cout << "  " << p["verdict"].get<std::string>() << "  " << name << "\n";
  }
  std::cout << "Verdicts and measurements written to " << o.results << " (experiments.a24)\n";
  return 0;
}

}  // namespace ltv::cli
