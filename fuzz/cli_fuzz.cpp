// Fuzz target: ltv's command line as main.cpp parses it (command_line.cpp: every subcommand, its
// options and their validators), one argument per line of the input. An invalid command line is a
// CLI::ParseError (exit 2; --help and --version are ParseErrors too, exit 0); any other exception
// would escape main's parse and end the process, so it is a bug, as are a crash and a sanitizer report.
#include "command_line.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> args;
  for (std::string line; std::getline(in, line);) args.push_back(line);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  ltv::cli::CommandLine command_line;
  try {
    command_line.app().parse(args);
  } catch (const CLI::ParseError&) {
  }
  return 0;
}
