#pragma once
// ltv's command line: every subcommand, declared on one CLI11 app, with what runs when it is given.
// main.cpp parses argv with it and runs the command; the fuzz target fuzz/cli_fuzz.cpp parses
// arbitrary command lines with the same app.
#include "ltv/parallel/process_group.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace ltv::cli {

/// A subcommand: its name and description, how it declares its options on its CLI11 app, what
/// runs when it was given (with its parsed app), and whether it splits its work across MPI ranks.
struct Command {
  const char* name;
  const char* description;
  std::function<void(CLI::App&)> setup;
  std::function<int(const CLI::App&, const ProcessGroup&)> run;
  bool splits_across_ranks = false;
};

/// The app of `ltv`, with every subcommand of commands() declared on it.
class CommandLine {
 public:
  CommandLine();
  CLI::App& app() { return app_; }
  /// Runs the subcommand that app().parse() found (exceptions propagate: main maps them to statuses).
  int run(const ProcessGroup& group) const;
  /// Empty when the subcommand that app().parse() found can run on `group`; else why not (only
  /// the subcommands that split their work can run on more than one MPI rank).
  std::string rank_mismatch(const ProcessGroup& group) const;

 private:
  CLI::App app_;
  std::vector<Command> subcommands_;
};

}  // namespace ltv::cli
