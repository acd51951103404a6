// ltv — a verification suite for the theory of linear transformers as in-context learners.
// The command line only wires options to library calls: command_line.cpp declares the subcommands,
// one file per subcommand runs it; here argv is parsed and every error becomes an exit status.
#include "command_line.hpp"
#include "exit_status.hpp"

#include "ltv/io/files.hpp"
#include "ltv/train/model_file.hpp"

#include <exception>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

/// Prints `ltv: error: ` and the message, and returns the exit status.
int failed(const std::exception& e, int status) {
  std::cerr << "ltv: error: " << e.what() << "\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  ltv::cli::CommandLine command_line;
  CLI::App& app = command_line.app();

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
  if (const std::string why = command_line.rank_mismatch(*group); !why.empty()) {
    if (group->rank() == 0) std::cerr << "ltv: error: " << why << "\n";
    return ltv::cli::kExitBadInput;
  }
  try {
    return command_line.run(*group);
  } catch (const ltv::WriteError& e) {  // a full disk: the file is left as it was before the write
    return failed(e, ltv::cli::kExitWriteFailed);
  } catch (const ltv::ModelFileError& e) {  // a bad model file is bad input too
    return failed(e, ltv::cli::kExitBadInput);
  } catch (const std::invalid_argument& e) {  // bad input: a clear message, exit status 2
    return failed(e, ltv::cli::kExitBadInput);
  } catch (const std::exception& e) {  // anything else is an internal error
    return failed(e, ltv::cli::kExitInternalError);
  }
}
