#include "eval.hpp"

#include "model_input.hpp"

#include "ltv/train/evaluation.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace ltv::cli {
namespace {

constexpr const char* kTaskOptionNames[] = {"--d",     "--n",     "--cov-eigs",     "--cov-seed",  "--prior",
                                            "--noise", "--sigma", "--sigma-levels", "--covariates"};

}  // namespace

void setup_eval(CLI::App& app, EvalOptions& o) {
  app.add_option("--model", o.model, "Model file written by ltv train")->required();
  add_task_options(app, o.task);
  app.footer(
      "Without task options the model is evaluated on the distribution it was trained on; with any of them, "
      "on the distribution they describe (unspecified ones take their defaults).");
  app.add_option("--eval-size", o.eval_size, "Evaluation sequences")
      ->check(CLI::Range(2, 10000000))
      ->capture_default_str();
  app.add_option("--tuning-size", o.tuning_size,
                 "Sequences for tuning the baselines (disjoint from evaluation)")
      ->check(CLI::Range(2, 10000000))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of the evaluation and tuning sets")->capture_default_str();
  app.add_option("--gd-steps", o.gd_steps, "GD / preconditioned GD baselines with 1..k steps")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  app.add_option("--threads", o.threads, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  app.add_flag("--json", o.json, "Print JSON");
}

int run_eval(const EvalOptions& o, const CLI::App& app) {
  const TrainState state = load_model_input(o.model, "eval");
  bool custom_task = false;
  for (const char* name : kTaskOptionNames) custom_task = custom_task || app.count(name) > 0;
  const TaskDistribution task = custom_task ? task_distribution(o.task) : state.config.task;
  EvaluationOptions options;
  options.eval_size = o.eval_size;
  options.tuning_size = o.tuning_size;
  options.seed = o.seed;
  options.gd_steps = o.gd_steps;
  options.threads = o.threads;
  const Evaluation e = evaluate(task, to_model(state.config.arch, state.theta), options);

  if (o.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const PredictorScore& s : e.rows)
      rows.push_back({{"name", s.name},
                      {"constants", s.constants},
                      {"loss", s.loss},
                      {"loss_standard_error", s.standard_error},
                      {"adjusted_loss", s.adjusted},
                      {"adjusted_standard_error", s.adjusted_error},
                      {"per_noise_level", s.per_bin}});
    std::cout << nlohmann::json({{"model", o.model},
                                 {"loss_scale", "mean of (y_hat - <w, x_q>)^2, no factor 1/2"},
                                 {"eval_size", o.eval_size},
                                 {"noise_levels", e.bins},
                                 {"noise_level_counts", e.bin_counts},
                                 {"predictors", rows}})
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "Evaluation of " << o.model << " on " << o.eval_size
            << " sequences (loss = mean (y_hat - <w, x_q>)^2; adjusted = loss - oracle ridge's)\n\n";
  std::cout << std::left << std::setw(14) << "predictor" << std::right << std::setw(12) << "loss"
            << std::setw(11) << "± s.e." << std::setw(13) << "adjusted" << std::setw(11) << "± s.e."
            << "  constants\n";
  for (const PredictorScore& s : e.rows)
    std::cout << std::left << std::setw(14) << s.name << std::right << std::setprecision(4) << std::setw(12)
              << s.loss << std::setw(11) << s.standard_error << std::setw(13) << s.adjusted << std::setw(11)
              << s.adjusted_error << "  " << s.constants << "\n";
  if (e.bins.size() > 1) {
    std::cout << "\nLoss per noise level\n" << std::left << std::setw(14) << "predictor";
    for (std::size_t k = 0; k < e.bins.size(); ++k)
      std::cout << std::right << std::setw(12) << ("bin " + std::to_string(k + 1));
    std::cout << "\n";
    for (const PredictorScore& s : e.rows) {
      std::cout << std::left << std::setw(14) << s.name;
      for (const double v : s.per_bin) std::cout << std::right << std::setw(12) << std::setprecision(4) << v;
      std::cout << "\n";
    }
    for (std::size_t k = 0; k < e.bins.size(); ++k)
      std::cout << "  bin " << (k + 1) << ": " << e.bins[k] << " (" << e.bin_counts[k] << " sequences)\n";
  }
  return 0;
}

}  // namespace ltv::cli
