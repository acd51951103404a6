#include "experiment.hpp"

#include "ltv/experiments/a23.hpp"
#include "ltv/experiments/a23_run.hpp"
#include "ltv/experiments/a24.hpp"
#include "ltv/experiments/a24_run.hpp"
#include "ltv/experiments/v24.hpp"
#include "ltv/experiments/v24_run.hpp"
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

/// An upper bound on one job's file in OUT/jobs (an A24 noise job of the paper preset keeps 10 000
/// norms and 10 000 more of its Gaussian control, about 0.4 MB; an A23 run its Dist curves) and on
/// its share of the document.
constexpr std::uintmax_t kBytesPerJob = 512 * 1024;

/// The studies --study names, in the order given (CLI11 has checked each name).
template <class Study>
std::vector<Study> chosen_studies(const std::vector<std::string>& names, std::initializer_list<Study> all) {
  std::vector<Study> out;
  for (const std::string& s : names)
    for (const Study study : all)
      if (study_label(study) == s) out.push_back(study);
  return out;
}

A24Plan a24_plan(const ExperimentOptions& o) {
  A24Plan p = a24_preset(o.preset);
  if (!o.studies.empty())
    p = restrict_to(p, chosen_studies(o.studies, {A24Study::Settings, A24Study::Covariates, A24Study::Depth}));
  if (o.steps) p.budget.steps = *o.steps;
  if (o.seeds) p.budget.seeds = *o.seeds;
  if (o.batch) p.budget.batch = *o.batch;
  if (o.noise_minibatches) p.budget.noise_minibatches = *o.noise_minibatches;
  if (!o.studies.empty() || o.steps || o.seeds || o.batch || o.noise_minibatches) p.preset += " (modified)";
  p.seed = o.seed;
  p.validate();
  return p;
}

A23Plan a23_plan(const ExperimentOptions& o) {
  A23Plan p = a23_preset(o.preset);
  if (!o.studies.empty())
    p = restrict_to(p, chosen_studies(o.studies, {A23Study::Sparse, A23Study::Relaxed, A23Study::Layers}));
  for (A23Budget* b : {&p.budget, &p.layers_budget}) {
    if (o.steps) b->steps = *o.steps;
    if (o.batch) b->batch = *o.batch;
    if (o.rotations) b->rotations = *o.rotations;
  }
  if (!o.studies.empty() || o.steps || o.batch || o.rotations) p.preset += " (modified)";
  p.seed = o.seed;
  p.validate();
  return p;
}

V24Plan v24_plan(const ExperimentOptions& o) {
  V24Plan p = v24_preset(o.preset);
  if (!o.studies.empty()) p = restrict_to(p, chosen_studies(o.studies, {V24Study::Mechanisms, V24Study::Mixture}));
  if (o.steps) p.budget.steps = *o.steps;
  if (o.seeds) p.budget.seeds = *o.seeds;
  if (o.batch) p.budget.batch = *o.batch;
  if (!o.studies.empty() || o.steps || o.seeds || o.batch) p.preset += " (modified)";
  p.seed = o.seed;
  p.validate();
  return p;
}

/// Runs the jobs, decides, writes OUT/<name>.json and experiments.<name>, prints the verdicts.
template <class Plan, class JobT, class RunJob, class Document>
int run_plan(const ExperimentOptions& o, const ProcessGroup& group, const Plan& plan, const std::vector<JobT>& all,
             RunJob run_job, Document document, std::uintmax_t bytes_per_job = kBytesPerJob) {
  const std::string name = o.which, out = o.out.empty() ? o.which : o.out;
  if (group.rank() == 0)
    check_results_file(o.results, json::json_pointer("/experiments/" + name), all.size() * kBytesPerJob / 8);
  std::vector<Job> jobs;
  for (const JobT& job : all)
    jobs.push_back({job.key(), [&plan, job, run_job](const auto&) { return run_job(plan, job); },
                    [](const json& r) {
                      if (!r.contains("final_loss")) return std::string("done");
                      return r.at("final_loss").is_null() ? std::string("diverged")
                                                          : "final loss " + Progress::number(r.at("final_loss"));
                    }});
  const std::vector<json> results = run_jobs(jobs, {out, to_json(plan), o.jobs, bytes_per_job}, group);
  if (group.rank() != 0) return 0;
  const json doc = document(plan, results);
  const auto file = std::filesystem::path(out) / (name + ".json");
  write_file_atomically(file, doc.dump(1) + "\n");
  merge_into_results(o.results, json::json_pointer("/experiments/" + name), doc);
  for (const json& c : doc.at("claims"))
    std::cout << c.at("verdict").get<std::string>() << "  " << c.at("id").get<std::string>() << "\n";
  std::cout << doc.at("diverged_runs").size() << " runs diverged (listed under diverged_runs)\n"
            << "Written: " << file.string() << " and experiments." << name << " of " << o.results << "\n";
  return 0;
}

void common_options(CLI::App* app, ExperimentOptions& o) {
  app->preparse_callback([&o, app](std::size_t) { o.which = app->get_name(); });
  app->add_option("--seed", o.seed, "Base seed; every run's seed derives from it")->capture_default_str();
  app->add_option("--jobs", o.jobs, "Jobs run at once in this process (each on one thread)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app->add_option("--out", o.out, "Directory for the document and the finished jobs (default: the experiment's name)");
  app->add_option("--results", o.results, "results.json to add the document to (experiments.<name>)")
      ->capture_default_str();
  app->footer(
      "Under `mpirun -n K ltv experiment ...` each rank runs a disjoint share of the jobs and rank 0 decides: the "
      "document is the same as one process's with the same seed. Finished jobs are kept in OUT/jobs/; after an "
      "interruption, the same command continues where it stopped.");
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
                  "quick: 1 500 steps, 6 seeds, the published learning rates (about 12 minutes on 2 cores with "
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
  common_options(a24, o);

  auto* a23 = app.add_subcommand(
      "a23",
      "A23's Theorems 3 (SPARSE, n = 20) and 4 (RELAXED, n = 10) trained at the paper's protocol, one run per random "
      "rotation of Sigma, against the exact best point of the family S: Dist curves, a_l and b_l per rotation; and "
      "App. D: RELAXED L = 1..4 at n = 20 against L steps of tuned GD and of GD preconditioned by Sigma^-1");
  a23->add_option("--preset", o.preset,
                  "quick: 8 000 steps at batch 4 000 (App. D: 2 000 at batch 2 000), 2 rotations (minutes); paper: "
                  "30 000 steps at batch 20 000 redrawn every 100 (App. D: 20 000), per-matrix clipping at 0.01, 5 "
                  "rotations (hours on 2 cores: for MPI)")
      ->check(CLI::IsMember({"quick", "paper"}))
      ->capture_default_str();
  a23->add_option("--study", o.studies, "Only these studies, comma-separated: sparse, relaxed, layers (App. D)")
      ->delimiter(',')
      ->check(CLI::IsMember({"sparse", "relaxed", "layers"}));
  a23->add_option("--steps", o.steps, "Training steps per run (overrides the preset, App. D's too)")->check(CLI::Range(1LL, 100000000LL));
  a23->add_option("--batch", o.batch, "Sequences per batch (overrides the preset)")->check(CLI::Range(1, 10000000));
  a23->add_option("--rotations", o.rotations, "Random rotations U of Sigma, one run each (overrides the preset)")
      ->check(CLI::Range(1, 1000));
  common_options(a23, o);

  auto* v24 = app.add_subcommand(
      "v24",
      "V24's mechanisms on trained models (d = 10, n = 20): readouts after every layer, per-noise profiles, the "
      "weights' diagonal share, Table 1's qualitative claims from paired per-sequence differences, and two-layer DIAG "
      "models on a two-level noise mixture as n grows against Theorem 5.2's construction");
  v24->add_option("--preset", o.preset,
                  "quick: 6 000 steps at batch 1 024, one seed (about 15 minutes on 2 cores with --jobs 2); ci: seconds, "
                  "exercises the pipeline only; paper: V24's budget (200 000 steps, best of 5 seeds, 100 000 evaluation "
                  "sequences: for MPI)")
      ->check(CLI::IsMember({"quick", "ci", "paper"}))
      ->capture_default_str();
  v24->add_option("--study", o.studies, "Only these studies, comma-separated: mechanisms, mixture")
      ->delimiter(',')
      ->check(CLI::IsMember({"mechanisms", "mixture"}));
  v24->add_option("--steps", o.steps, "Training steps of the mechanism models (overrides the preset)")
      ->check(CLI::Range(1LL, 100000000LL));
  v24->add_option("--seeds", o.seeds, "Seeds per mechanism model, the best kept (overrides the preset)")
      ->check(CLI::Range(1, 1000));
  v24->add_option("--batch", o.batch, "Sequences per step of the mechanism models (overrides the preset)")
      ->check(CLI::Range(1, 1000000));
  common_options(v24, o);
}

int run_experiment(const ExperimentOptions& o, const ProcessGroup& group) {
  if (o.which == "v24") {
    const V24Plan plan = v24_plan(o);
    return run_plan(o, group, plan, v24_jobs(plan), run_v24_job, v24_document, v24_job_bytes(plan));
  }
  if (o.which == "a23") {
    const A23Plan plan = a23_plan(o);
    return run_plan(o, group, plan, a23_jobs(plan), run_a23_job, a23_document);
  }
  const A24Plan plan = a24_plan(o);
  return run_plan(o, group, plan, a24_jobs(plan), run_a24_job, a24_document);
}

}  // namespace ltv::cli
