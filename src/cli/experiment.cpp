#include "experiment.hpp"

#include "ltv/experiments/a24.hpp"
#include "ltv/io/files.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

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
  a24->add_option("--steps", o.steps, "Training steps per run (the checkpoints are 750 and 1250)")
      ->check(CLI::Range(1250LL, 100000000LL))
      ->capture_default_str();
  a24->add_option("--batch", o.batch, "Sequences per step")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  a24->add_option("--seeds", o.seeds, "Runs per optimizer")->check(CLI::Range(1, 100))->capture_default_str();
  a24->add_option("--grid-steps", o.grid_steps,
                  "Steps of each learning-rate trial, 10 rates per optimizer (0: as many as --steps)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  a24->add_option("--seed", o.seed, "Base seed")->capture_default_str();
  a24->add_option("--threads", o.threads, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  a24->add_option("--results", o.results, "results.json to add the verdicts to (created if missing)")
      ->capture_default_str();
}

int run_experiment(const ExperimentOptions& o) {
  nlohmann::json doc = nlohmann::json::object();
  if (std::filesystem::exists(o.results)) {
    try {
      doc = nlohmann::json::parse(read_file(o.results));
    } catch (const nlohmann::json::parse_error& e) {
      throw std::invalid_argument(o.results + " exists but is not JSON (" + e.what() +
                                  "); it is left untouched — choose another --results");
    }
    if (!doc.is_object())
      throw std::invalid_argument(o.results + " is not a JSON object; it is left untouched");
  }
  for (int setting = 1; setting <= 3; ++setting) {
    if (o.setting != 0 && setting != o.setting) continue;
    A24Options a;
    a.setting = setting;
    a.steps = o.steps;
    a.batch = o.batch;
    a.seeds = o.seeds;
    a.grid_steps = o.grid_steps;
    a.seed = o.seed;
    a.threads = o.threads;
    a.log = [setting](const std::string& line) {
      std::cerr << "a24 setting " << setting << ": " << line << "\n";
    };
    const nlohmann::json r = run_a24_experiment(a);
    doc["experiments"]["a24"]["setting_" + std::to_string(setting)] = r;
    write_file_atomically(o.results, doc.dump(2) + "\n");  // each setting is kept as soon as it is done
    std::cout << "A24 setting " << setting << " (n = " << r["task"]["n"] << ", "
              << r["task"]["covariates"].get<std::string>() << ")\n";
    for (const auto& [name, p] : r["phenomena"].items())
      std::cout << "  " << p["verdict"].get<std::string>() << "  " << name << "\n";
  }
  std::cout << "Verdicts and measurements written to " << o.results << " (experiments.a24)\n";
  return 0;
}

}  // namespace ltv::cli
