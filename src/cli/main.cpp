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
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace {

using ltv::ProcessGroup;

/// A subcommand: its name and description, how it declares its options on its CLI11 app, and
/// what runs when it was given (with its parsed app).
struct Command {
  const char* name;
  const char* description;
  std::function<void(CLI::App&)> setup;
  std::function<int(const CLI::App&, const ProcessGroup&)> run;
};

/// The command of a subcommand whose options are one struct, declared by `setup` and read by
/// `run(options)`, `run(options, app)` or `run(options, group)`.
template <class Options, class Run>
Command command(const char* name, const char* description, void (*setup)(CLI::App&, Options&), Run run) {
  const auto options = std::make_shared<Options>();
  return {name, description, [options, setup](CLI::App& app) { setup(app, *options); },
          [options, run](const CLI::App& app, const ProcessGroup& group) {
            if constexpr (std::is_invocable_v<Run, const Options&, const CLI::App&>)
              return run(*options, app);
            else if constexpr (std::is_invocable_v<Run, const Options&, const ProcessGroup&>)
              return run(*options, group);
            else
              return run(*options);
          }};
}

/// `ltv theory`: two subcommands of its own, each with its options.
Command theory_command() {
  const auto one_layer = std::make_shared<ltv::cli::TheoryOneLayerOptions>();
  const auto stationary = std::make_shared<ltv::cli::TheoryStationaryOptions>();
  return {"theory", "Exact population theory at high precision",
          [=](CLI::App& app) { ltv::cli::setup_theory(app, *one_layer, *stationary); },
          [=](const CLI::App& app, const ProcessGroup&) {
            return app.got_subcommand("one-layer") ? ltv::cli::run_theory_one_layer(*one_layer)
                                                   : ltv::cli::run_theory_stationary(*stationary);
          }};
}

/// Every subcommand, in the order `ltv --help` lists them.
std::vector<Command> commands() {
  using namespace ltv::cli;
  return {
      command("check", "Run the theorem checks and write results.json", setup_check, run_check),
      command("report", "Render results.json as a verification report", setup_report, run_report),
      theory_command(),
      command("train", "Train a model in double precision and write a model file", setup_train, run_train),
      command("eval", "Evaluate a model file against the baselines", setup_eval, run_eval),
      command("compare", "Compare a trained model with the theory", setup_compare, run_compare),
      command("reproduce", "Reproduce a published table (jobs in parallel, MPI ranks)", setup_reproduce,
              run_reproduce),
      command("experiment", "Reproduce the papers' training experiments", setup_experiment, run_experiment),
      command("import", "Import weights trained elsewhere (.npz, safetensors) as a model file", setup_import,
              run_import),
      command("forward", "The forward pass of a model file on given tokens (.npy), as JSON", setup_forward,
              run_forward),
  };
}

/// Prints `ltv: error: ` and the message, and returns the exit status.
int failed(const std::exception& e, int status) {
  std::cerr << "ltv: error: " << e.what() << "\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "ltv: checks the claims that linear self-attention runs (preconditioned) gradient descent\n"
      "in context, exactly, certified, to dozens of digits, or statistically."};
  app.set_version_flag(
      "--version", std::string("ltv ") + ltv::build_info::version + " (" + ltv::build_info::git_commit + ")");
  app.require_subcommand(1);
  const std::vector<Command> subcommands = commands();
  for (const Command& c : subcommands) c.setup(*app.add_subcommand(c.name, c.description));

  std::optional<ltv::ProcessGroup> group;  // MPI ranks when launched by mpirun, else one process
  try {
    group.emplace(argc, argv);
  } catch (const std::exception& e) {
    return failed(e, ltv::cli::kExitBadInput);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every invalid command line exits 2 with CLI11's message.
    return app.exit(e) == 0 ? ltv::cli::kExitOk : ltv::cli::kExitBadInput;
  }
  if (group->size() > 1 && !app.got_subcommand("reproduce")) {
    if (group->rank() == 0) std::cerr << "ltv: error: only `ltv reproduce` splits its work across MPI ranks\n";
    return ltv::cli::kExitBadInput;
  }
  try {
    for (const Command& c : subcommands)
      if (app.got_subcommand(c.name)) return c.run(*app.get_subcommand(c.name), *group);
  } catch (const ltv::WriteError& e) {  // a full disk: the file is left as it was before the write
    return failed(e, ltv::cli::kExitWriteFailed);
  } catch (const ltv::ModelFileError& e) {  // a bad model file is bad input too
    return failed(e, ltv::cli::kExitBadInput);
  } catch (const std::invalid_argument& e) {  // bad input: a clear message, exit status 2
    return failed(e, ltv::cli::kExitBadInput);
  } catch (const std::exception& e) {  // anything else is an internal error
    return failed(e, ltv::cli::kExitInternalError);
  }
  return ltv::cli::kExitOk;
}
