#pragma once
// Whole-file reads and atomic writes: every file ltv writes (results, reports, model files,
// checkpoints) goes through write_file_atomically, so an interrupted write loses nothing.
#include <filesystem>
#include <string>

namespace ltv {

/// Writes `text` to `path` atomically (a temporary file in the same directory, then rename), so a
/// reader never sees a half-written file and an interrupted write loses nothing.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// Reads a whole file; throws std::runtime_error with the path when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace ltv
