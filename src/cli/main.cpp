// ltv — a verification suite for the theory of linear transformers as in-context learners.
// The command line only wires options to library calls; see one file per subcommand.
#include "check.hpp"
#include "compare.hpp"
#include "eval.hpp"
#include "exit_status.hpp"
#include "experiment.hpp"
#include "forward.hpp"
#include "import.hpp"
#include "report.hpp"
#include "reproduce.hpp"
#include "theory.hpp"
#include "train.hpp"

#include "ltv/build_info.hpp"
#include "ltv/io/files.hpp"
#include "ltv/train/model_file.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <optional>
#include <iostream>
#include <stdexcept>

int main(int argc, char** argv) {
  CLI::App app{
      "ltv: checks the claims that linear self-attention runs (preconditioned) gradient descent\n"
      "in context, exactly, certified, to dozens of digits, or statistically."};
  app.set_version_flag(
      "--version", std::string("ltv ") + ltv::build_info::version + " (" + ltv::build_info::git_commit + ")");
  app.require_subcommand(1);

  ltv::cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Run the theorem checks and write results.json");
  ltv::cli::setup_check(*check_cmd, check);

  ltv::cli::ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "Render results.json as a verification report");
  ltv::cli::setup_report(*report_cmd, report);

  ltv::cli::TheoryOneLayerOptions theory;
  ltv::cli::TheoryStationaryOptions stationary;
  auto* theory_cmd = app.add_subcommand("theory", "Exact population theory at high precision");
  ltv::cli::setup_theory(*theory_cmd, theory, stationary);

  ltv::cli::TrainOptions train;
  auto* train_cmd = app.add_subcommand("train", "Train a model in double precision and write a model file");
  ltv::cli::setup_train(*train_cmd, train);

  ltv::cli::EvalOptions eval;
  auto* eval_cmd = app.add_subcommand("eval", "Evaluate a model file against the baselines");
  ltv::cli::setup_eval(*eval_cmd, eval);

  ltv::cli::CompareCliOptions compare;
  auto* compare_cmd = app.add_subcommand("compare", "Compare a trained model with the theory");
  ltv::cli::setup_compare(*compare_cmd, compare);

  ltv::cli::ReproduceOptions reproduce;
  auto* reproduce_cmd = app.add_subcommand("reproduce", "Reproduce a published table (jobs in parallel, MPI ranks)");
  ltv::cli::setup_reproduce(*reproduce_cmd, reproduce);

  ltv::cli::ExperimentOptions experiment;
  auto* experiment_cmd = app.add_subcommand("experiment", "Reproduce the papers' training experiments");
  ltv::cli::setup_experiment(*experiment_cmd, experiment);

  ltv::cli::ImportCliOptions import;
  auto* import_cmd = app.add_subcommand("import", "Import weights trained elsewhere (.npz, safetensors) as a model file");
  ltv::cli::setup_import(*import_cmd, import);

  ltv::cli::ForwardOptions forward;
  auto* forward_cmd = app.add_subcommand("forward", "The forward pass of a model file on given tokens (.npy), as JSON");
  ltv::cli::setup_forward(*forward_cmd, forward);

  std::optional<ltv::ProcessGroup> group;  // MPI ranks when launched by mpirun, else one process
  try {
    group.emplace(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ltv: error: " << e.what() << "\n";
    return ltv::cli::kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every invalid command line exits 2 with CLI11's message.
    return app.exit(e) == 0 ? ltv::cli::kExitOk : ltv::cli::kExitBadInput;
  }
  if (group->size() > 1 && !reproduce_cmd->got_subcommand("table1")) {
    if (group->rank() == 0) std::cerr << "ltv: error: only `ltv reproduce` splits its work across MPI ranks\n";
    return ltv::cli::kExitBadInput;
  }
  try {
    if (reproduce_cmd->got_subcommand("table1")) return ltv::cli::run_reproduce(reproduce, *group);
    if (*check_cmd) return ltv::cli::run_check(check);
    if (*report_cmd) return ltv::cli::run_report(report);
    if (*train_cmd) return ltv::cli::run_train(train, *train_cmd);
    if (*eval_cmd) return ltv::cli::run_eval(eval, *eval_cmd);
    if (*compare_cmd) return ltv::cli::run_compare(compare);
    if (*import_cmd) return ltv::cli::run_import(import, *import_cmd);
    if (*forward_cmd) return ltv::cli::run_forward(forward);
    if (experiment_cmd->got_subcommand("a24")) return ltv::cli::run_experiment(experiment);
    if (theory_cmd->got_subcommand("one-layer")) return ltv::cli::run_theory_one_layer(theory);
    if (theory_cmd->got_subcommand("stationary")) return ltv::cli::run_theory_stationary(stationary);
  } catch (const ltv::WriteError& e) {  // a full disk: the file is left as it was before the write
    std::cerr << "ltv: error: " << e.what() << "\n";
    return ltv::cli::kExitWriteFailed;
  } catch (const ltv::ModelFileError& e) {  // a bad model file is bad input too
    std::cerr << "ltv: error: " << e.what() << "\n";
    return ltv::cli::kExitBadInput;
  } catch (const std::invalid_argument& e) {  // bad input: a clear message, exit status 2
    std::cerr << "ltv: error: " << e.what() << "\n";
    return ltv::cli::kExitBadInput;
  } catch (const std::exception& e) {  // anything else is an internal error
    std::cerr << "ltv: error: " << e.what() << "\n";
    return ltv::cli::kExitInternalError;
  }
  return ltv::cli::kExitOk;
}
