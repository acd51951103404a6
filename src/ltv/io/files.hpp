#pragma once
// Whole-file reads and atomic writes: every file ltv writes (results, reports, model files,
// checkpoints) goes through write_file_atomically, so an interrupted write loses nothing. The
// commands that write after long work call check_writable_file / check_writable_directory first,
// so that a mistyped or full output place stops them before the work, not after it.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ltv {

/// A write that failed (a full disk, an I/O error, a directory that went away); the message names the
/// file and says that it is left as it was.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `text` to `path` atomically (a temporary file in the same directory, synced to the disk,
/// then renamed over `path`, and the directory synced), so a reader never sees a half-written file
/// and an interrupted write, even a crash of the machine, loses nothing: `path` is the old file or
/// the new one. On an error (a full disk) the temporary file is removed, `path` is left as it was, and
/// WriteError says why.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// Reads a whole file; throws std::runtime_error with the path when it cannot.
std::string read_file(const std::filesystem::path& path);

/// read_file for a reader of the user's input: a file that cannot be read is bad input, thrown as
/// `Error` (the reader's own exception) with read_file's message.
template <class Error>
std::string read_input_file(const std::filesystem::path& path) {
  try {
    return read_file(path);
  } catch (const std::runtime_error& e) {
    throw Error(e.what());
  }
}

/// Throws std::invalid_argument naming `path` and the reason unless write_file_atomically(path, …)
/// can succeed with a text of `expected_bytes`: the directory exists, a file can be created in it
/// (tried, then removed), `path` is not a directory, and its file system has `expected_bytes` free.
void check_writable_file(const std::filesystem::path& path, std::uintmax_t expected_bytes);

/// The same for a directory that ltv creates (with its missing parents) and fills with
/// `expected_bytes` in all: the nearest part of `dir` that exists must be a directory where files
/// can be created, on a file system with `expected_bytes` free.
void check_writable_directory(const std::filesystem::path& dir, std::uintmax_t expected_bytes);

}  // namespace ltv
