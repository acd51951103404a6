#include "reproduce.hpp"

#include "ltv/io/files.hpp"
#include "ltv/report/table1.hpp"
#include "job_runner.hpp"
#include "progress.hpp"
#include "results_file.hpp"

#include <filesystem>
#include <iostream>

namespace ltv::cli {
namespace {

using json = nlohmann::json;

/// An upper bound on what one job adds to OUT (its file in jobs/ with the plan and its training
/// history, and its rows of the three tables) and to results.json: Table 1 in
/// tests/report/fixtures/results.json takes 145 kB for 57 cells, 2.5 kB a cell.
constexpr std::uintmax_t kBytesPerJob = 64 * 1024;

/// "5,{1,3}" -> {"5", "{1,3}"}: commas inside braces belong to the label.
std::vector<std::string> split_columns(const std::string& text) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (const char ch : text) {
    depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
    if (ch == ',' && depth == 0)
      out.emplace_back();
    else if (ch != ' ')
      out.back() += ch;
  }
  return out;
}

Table1Plan plan_of(const ReproduceOptions& o) {
  Table1Plan p = table1_preset(o.preset);
  if (!o.columns.empty()) {
    p.model_columns = split_columns(o.columns);
    p.baseline_columns = p.model_columns;
  }
  if (!o.layers.empty()) p.layers = o.layers;
  if (!o.families.empty()) p.families = o.families;
  if (o.steps) p.budget.steps = *o.steps;
  if (o.batch) p.budget.batch = *o.batch;
  if (o.lr) p.budget.lr = *o.lr;
  if (o.seeds) p.budget.seeds = *o.seeds;
  if (o.eval_sequences) p.eval_sequences = *o.eval_sequences;
  if (o.tuning_sequences) p.tuning_sequences = *o.tuning_sequences;
  if (!o.columns.empty() || o.layers.size() || o.families.size() || o.steps || o.batch || o.lr || o.seeds ||
      o.eval_sequences || o.tuning_sequences)
    p.preset += " (modified)";
  p.seed = o.seed;
  p.validate();
  return p;
}

/// A finished job is kept in DIR/jobs/ with the plan it belongs to, so that rerunning the same
/// command after an interruption redoes only what was not finished.
}  // namespace

void setup_reproduce(CLI::App& app, ReproduceOptions& o) {
  app.require_subcommand(1);
  auto* t = app.add_subcommand(
      "table1",
      "V24's Table 1: adjusted loss (model minus oracle ridge) on d = 10, n = 20; one-layer rows exactly, "
      "baselines by Monte Carlo, deeper rows by training");
  t->add_option("--preset", o.preset,
                "quick: sigma_max = 5 and {1,3} for L = 1..4 of GD++, DIAG, FULL and every baseline column "
                "(about 30 minutes on 2 cores with --jobs 2); paper: the whole table at the paper's budget "
                "(200 000 Adam steps at lr 1e-4, best of 5 seeds) — for many cores and MPI")
      ->check(CLI::IsMember({"quick", "paper"}))
      ->capture_default_str();
  t->add_option("--columns", o.columns,
                "Columns to compute, comma-separated: 0..7 (sigma_max), {1,3}, {1,3,5} (quote the braces from the "
                "shell: --columns '5,{1,3}')");
  t->add_option("--layers", o.layers, "Depths of the model rows, comma-separated (1: exact theory)")
      ->delimiter(',')
      ->check(CLI::Range(1, 7));
  t->add_option("--families", o.families, "Model families, comma-separated: GD++, DIAG, FULL")->delimiter(',');
  t->add_option("--steps", o.steps, "Training steps (overrides the preset)")->check(CLI::Range(1LL, 100000000LL));
  t->add_option("--batch", o.batch, "Sequences per training step")->check(CLI::Range(1, 1000000));
  t->add_option("--lr", o.lr, "Adam learning rate (lowered by 3x up to 3 times when a run diverges)")
      ->check(CLI::PositiveNumber);
  t->add_option("--seeds", o.seeds, "Training seeds per cell; the best is kept")->check(CLI::Range(1, 100));
  t->add_option("--eval-sequences", o.eval_sequences, "Evaluation sequences per cell (the paper: 100 000)")
      ->check(CLI::Range(2, 10000000));
  t->add_option("--tuning-sequences", o.tuning_sequences, "Sequences for tuning the baselines")
      ->check(CLI::Range(2, 10000000));
  t->add_option("--seed", o.seed, "Base seed; every job's seeds derive from it and the job's name")
      ->capture_default_str();
  t->add_option("--jobs", o.jobs, "Jobs run at once in this process (each on one thread)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  t->add_option("--out", o.out, "Directory for table1.json, table1.csv, table1.md and the finished jobs")
      ->capture_default_str();
  t->add_option("--results", o.results, "results.json to add the table to (experiments.table1), for ltv report");
  t->footer(
      "Under `mpirun -n K ltv reproduce table1 ...` each rank runs a disjoint share of the jobs and rank 0 "
      "merges: the table is the same as one process's with the same seed. Finished jobs are kept in "
      "OUT/jobs/; after an interruption, the same command continues where it stopped.");
}

int run_reproduce(const ReproduceOptions& o, const ProcessGroup& group) {
  const Table1Plan plan = plan_of(o);
  const json plan_json = to_json(plan);
  const std::vector<Table1Job> all = table1_jobs(plan);
  if (group.rank() == 0 && !o.results.empty())
    check_results_file(o.results, json::json_pointer("/experiments/table1"), all.size() * kBytesPerJob);
  std::vector<Job> jobs;
  for (const Table1Job& job : all)
    jobs.push_back({job.key(), [&plan, job](const auto& say) { return run_table1_job(plan, job, say); },
                    [](const json& r) { return Progress::number(r["cells"][0]["ours"].get<double>()); }});
  const std::vector<json> merged = run_jobs(jobs, {o.out, plan_json, o.jobs, kBytesPerJob}, group);
  if (group.rank() != 0) return 0;
  const json doc = table1_document(plan, merged);
  const std::filesystem::path out(o.out);
  write_file_atomically(out / "table1.json", doc.dump(2) + "\n");
  write_file_atomically(out / "table1.csv", table1_csv(doc));
  const std::string md = table1_markdown(doc);
  write_file_atomically(out / "table1.md", "# V24 Table 1, reproduced by ltv\n\n" + md);
  std::cout << md << "\nWritten: " << (out / "table1.json").string() << ", table1.csv, table1.md";
  if (!o.results.empty()) {
    merge_into_results(o.results, json::json_pointer("/experiments/table1"), doc);
    std::cout << "; and experiments.table1 of " << o.results;
  }
  std::cout << "\n";
  return 0;
}

}  // namespace ltv::cli
