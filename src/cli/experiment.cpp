#include "experiment.hpp"

#include "ltv/experiments/a24.hpp"
#include "ltv/experiments/a24_run.hpp"
#include "ltv/io/files.hpp"
#include "job_runner.hpp"
#include "progress.hpp"
#include "results_file.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace ltv::cli {
namespace {

using json = nlohmann::json;

/// An upper bound on one job's file in OUT/jobs (a noise job of the paper preset keeps 10 000
/// norms and 10 000 more of its Gaussian control, about 0.4 MB) and on its share of a24.json.
constexpr std::uintmax_t kBytesPerJob = 512 * 1024;

A24Plan plan_of(const ExperimentOptions& o) {
  A24Plan p = a24_preset(o.preset);
  if (!o.studies.empty()) {
    std::vector<A24Study> studies;
    for (const std::string& s : o.studies)
      for (const A24Study study : {A24Study::Settings, A24Study::Covariates, A24Study::Depth})
        if (study_label(study) == s) studies.push_back(study);
    p = restrict_to(p, studies);
  }
  if (o.steps) p.budget.steps = *o.steps;
  if (o.seeds) p.budget.seeds = *o.seeds;
  if (o.batch) p.budget.batch = *o.batch;
  if (o.noise_minibatches) p.budget.noise_minibatches = *o.noise_minibatches;
  if (!o.studies.empty() || o.steps || o.seeds || o.batch || o.noise_minibatches) p.preset += " (modified)";
  p.seed = o.seed;
  p.validate();
  return p;
}

}  // namespace

void setup_experiment(CLI::App& app, ExperimentOptions& o) {
  app.require_subcommand(1);
  auto* a24 = app.add_subcommand(
      "a24",
      "A24's optimizer phenomena at the protocol of the paper's public code (RELAXED, L = 3, d = 5; Adam "
      "against SGD with momentum): settings 1-3, spherical against heavy-tailed covariates, depth 2-8; each "
      "claim decided by a stated rule on a confidence interval, with a negative control");
  a24->add_option("--preset", o.preset,
                  "quick: 1 500 steps, 6 seeds, the published learning rates (about 15 minutes on 2 cores with "
                  "--jobs 2); paper: 10 000 steps, 6 seeds, every rate of a 10-point grid at full length (many "
                  "core-hours: for MPI)")
      ->check(CLI::IsMember({"quick", "paper"}))
      ->capture_default_str();
  a24->add_option("--study", o.studies, "Only these studies, comma-separated: settings, covariates, depth")
      ->delimiter(',')
      ->check(CLI::IsMember({"settings", "covariates", "depth"}));
  a24->add_option("--steps", o.steps, "Training steps per run (overrides the preset; at least the last checkpoint, 1250)")
      ->check(CLI::Range(1250LL, 100000000LL));
  a24->add_option("--seeds", o.seeds, "Seeds per optimizer and rate (overrides the preset)")->check(CLI::Range(2, 1000));
  a24->add_option("--batch", o.batch, "Sequences per step (overrides the preset)")->check(CLI::Range(1, 1000000));
  a24->add_option("--noise-minibatches", o.noise_minibatches,
                  "Minibatches of the gradient noise at initialisation (overrides the preset)")
      ->check(CLI::Range(100, 10000000));
  a24->add_option("--seed", o.seed, "Base seed; every run's seed derives from it")->capture_default_str();
  a24->add_option("--jobs", o.jobs, "Jobs run at once in this process (each on one thread)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  a24->add_option("--out", o.out, "Directory for a24.json and the finished jobs")->capture_default_str();
  a24->add_option("--results", o.results, "results.json to add the document to (experiments.a24)")
      ->capture_default_str();
  a24->footer(
      "Under `mpirun -n K ltv experiment a24 ...` each rank runs a disjoint share of the jobs and rank 0 "
      "decides: the document is the same as one process's with the same seed. Finished jobs are kept in "
      "OUT/jobs/; after an interruption, the same command continues where it stopped.");
}

int run_experiment(const ExperimentOptions& o, const ProcessGroup& group) {
  const A24Plan plan = plan_of(o);
  const std::vector<A24Job> all = a24_jobs(plan);
  if (group.rank() == 0)
    check_results_file(o.results, json::json_pointer("/experiments/a24"), all.size() * kBytesPerJob / 8);
  std::vector<Job> jobs;
  for (const A24Job& job : all)
    jobs.push_back({job.key(), [&plan, job](const auto&) { return run_a24_job(plan, job); },
                    [](const json& r) {
                      if (!r.contains("final_loss")) return std::string("noise measured");
                      return r.at("final_loss").is_null() ? std::string("diverged")
                                                          : "final loss " + Progress::number(r.at("final_loss"));
                    }});
  const std::vector<json> results = run_jobs(jobs, {o.out, to_json(plan), o.jobs, kBytesPerJob}, group);
  if (group.rank() != 0) return 0;
  const json doc = a24_document(plan, results);
  write_file_atomically(std::filesystem::path(o.out) / "a24.json", doc.dump(1) + "\n");
  merge_into_results(o.results, json::json_pointer("/experiments/a24"), doc);
  for (const json& c : doc.at("claims"))
    std::cout << c.at("verdict").get<std::string>() << "  " << c.at("id").get<std::string>() << "\n";
  std::cout << doc.at("diverged_runs").size() << " runs diverged (listed under diverged_runs)\n"
            << "Written: " << (std::filesystem::path(o.out) / "a24.json").string() << " and experiments.a24 of "
            << o.results << "\n";
  return 0;
}

}  // namespace ltv::cli
