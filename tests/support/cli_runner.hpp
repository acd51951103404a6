#pragma once
// Running the built `ltv` binary (LTV_BINARY, set by CMake) from end-to-end tests, with its output
// captured into files of a fresh temporary directory.
#include "support/temp_dir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef LTV_BINARY
#error "LTV_BINARY must name the ltv executable"
#endif

namespace ltv::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct Outcome {
  int status = -1;  ///< exit status (-1: did not exit normally)
  std::string out, err;
};

/// Runs `ltv <args>` (args are passed to the shell as written) in `dir`, with the environment
/// assignments `env` ("NAME=value ...", as the shell reads them) for ltv alone.
inline Outcome run_ltv(const std::string& args, const TempDir& dir, const std::string& env = "") {
  const fs::path out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
  const std::string command = "cd '" + dir.path().string() + "' && " + env + " '" + std::string(LTV_BINARY) +
                              "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Outcome o;
  o.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = slurp(out);
  o.err = slurp(err);
  return o;
}

/// Starts `ltv <args...>` in `dir` without waiting (its output goes where the test's goes); returns
/// its pid, for a test that signals it.
inline pid_t spawn_ltv(const TempDir& dir, const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.path().c_str()) != 0) _exit(127);
    std::vector<char*> argv{const_cast<char*>(LTV_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LTV_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

/// The words of `s` (split at white space; no quoting), as spawn_ltv takes them.
inline std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

#ifdef LTV_FULL_DISK_SHIM
/// The environment under which ltv finds the disk full after `bytes` more bytes written to files
/// (tests/support/full_disk_shim.cpp). An ASan build lets the shim be loaded before its runtime.
inline std::string full_disk_after(unsigned long long bytes) {
  return "LD_PRELOAD='" + std::string(LTV_FULL_DISK_SHIM) + "' LTV_FULL_DISK_AFTER=" + std::to_string(bytes) +
         " ASAN_OPTIONS=verify_asan_link_order=0";
}
#endif

}  // namespace ltv::test
