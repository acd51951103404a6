#include "command_line.hpp"

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

#include <memory>
#include <string>
#include <type_traits>

namespace ltv::cli {
namespace {

/// The command of a subcommand whose options are one struct, declared by `setup` and read by
/// `run(options)`, `run(options, app)` or `run(options, group)`.
template <class Options, class Run>
Command command(const char* name, const char* description, void (*setup)(CLI::App&, Options&), Run run) {
  constexpr bool with_app = std::is_invocable_v<Run, const Options&, const CLI::App&>;
  constexpr bool with_group = !with_app && std::is_invocable_v<Run, const Options&, const ProcessGroup&>;
  const auto options = std::make_shared<Options>();
  return {name, description, [options, setup](CLI::App& app) { setup(app, *options); },
          [options, run](const CLI::App& app, const ProcessGroup& group) {
            if constexpr (with_app)
              return run(*options, app);
            else if constexpr (with_group)
              return run(*options, group);
            else
              return run(*options);
          },
          with_group};
}

/// `ltv theory`: two subcommands of its own, each with its options.
Command theory_command() {
  const auto one_layer = std::make_shared<TheoryOneLayerOptions>();
  const auto stationary = std::make_shared<TheoryStationaryOptions>();
  return {"theory", "Exact population theory at high precision",
          [=](CLI::App& app) { setup_theory(app, *one_layer, *stationary); },
          [=](const CLI::App& app, const ProcessGroup&) {
            return app.got_subcommand("one-layer") ? run_theory_one_layer(*one_layer)
                                                   : run_theory_stationary(*stationary);
          }};
}

/// Every subcommand, in the order `ltv --help` lists them.
std::vector<Command> commands() {
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

}  // namespace

CommandLine::CommandLine()
    : app_("ltv: checks the claims that linear self-attention runs (preconditioned) gradient descent\n"
           "in context, exactly, certified, to dozens of digits, or statistically."),
      subcommands_(commands()) {
  app_.set_version_flag("--version",
                        std::string("ltv ") + build_info::version + " (" + build_info::git_commit + ")");
  app_.require_subcommand(1);
  for (const Command& c : subcommands_) c.setup(*app_.add_subcommand(c.name, c.description));
}

std::string CommandLine::rank_mismatch(const ProcessGroup& group) const {
  if (group.size() <= 1) return "";
  std::string splitting;
  for (const Command& c : subcommands_) {
    if (!c.splits_across_ranks) continue;
    if (app_.got_subcommand(c.name)) return "";
    splitting += std::string(splitting.empty() ? "" : " and ") + "`ltv " + c.name + "`";
  }
  return "only " + splitting + " split their work across MPI ranks";
}

int CommandLine::run(const ProcessGroup& group) const {
  for (const Command& c : subcommands_)
    if (app_.got_subcommand(c.name)) return c.run(*app_.get_subcommand(c.name), group);
  return kExitOk;  // unreachable: the app requires a subcommand
}

}  // namespace ltv::cli
