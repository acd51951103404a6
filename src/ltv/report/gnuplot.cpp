#include "ltv/report/gnuplot.hpp"

#include "ltv/io/files.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace ltv {
namespace {

constexpr const char* kTerminal =
    "set encoding utf8\nset terminal svg size 820,460 noenhanced font 'sans,12' background rgb 'white'\n";

/// Runs a shell command; returns its exit status and what it wrote on stdout.
std::pair<int, std::string> run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::string out;
  std::array<char, 65536> buffer;
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// A private temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("ltv-gnuplot-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

std::string gnuplot_svg(const std::string& script) {
  const TempDir dir;
  const auto program = dir.path() / "figure.gp", errors = dir.path() / "errors.txt";
  write_file_atomically(program, kTerminal + script);
  const auto [status, svg] = run("gnuplot '" + program.string() + "' 2> '" + errors.string() + "'");
  if (status != 0 || svg.find("<svg") == std::string::npos) {
    const std::string message = std::filesystem::exists(errors) ? read_file(errors.string()) : "";
    throw std::runtime_error(status == 127 ? "gnuplot is not installed (apt-get install gnuplot-nox)"
                                           : "gnuplot failed: " + message);
  }
  return svg;
}

std::string gnuplot_version() {
  try {
    auto [status, out] = run("gnuplot --version 2>/dev/null");
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return status == 0 ? out : "";
  } catch (const std::runtime_error&) {
    return "";
  }
}

}  // namespace ltv
