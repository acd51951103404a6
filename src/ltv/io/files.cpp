// Whole-file reads and atomic writes (files.hpp).
#include "ltv/io/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace ltv {
namespace files_impl {

namespace fs = std::filesystem;

std::string megabytes(std::uintmax_t bytes) {
  std::ostringstream os;
  os.precision(3);
  os << static_cast<double>(bytes) / 1e6 << " MB";
  return os.str();
}

/// The message of errno's error.
std::string reason() { return std::error_code(errno, std::generic_category()).message(); }

/// Writes all of `text` to `fd`, resuming after a signal or a short write; false on an error (errno).
bool write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n == 0) {  // no progress and no error: give up rather than spin
      errno = EIO;
      return false;
    } else if (errno != EINTR) {
      return false;
    }
  }
  return true;
}

/// `dir` (which exists) is a directory where `what` (named in the message) can be created, with
/// `expected_bytes` free on its file system.
void check_place(const fs::path& dir, const fs::path& what, std::uintmax_t expected_bytes) {
  const auto fail = [&what](const std::string& why) {
    throw std::invalid_argument("cannot write " + what.string() + ": " + why);
  };
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail(dir.string() + " is not a directory");
  // Creating a file is the only test that sees permissions, ACLs, read-only mounts and root alike.
  const fs::path probe = dir / (".ltv-write-check-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    fail("cannot create files in " + dir.string() + " (" + reason() + ")");
  ::close(fd);
  ::unlink(probe.c_str());
  const fs::space_info space = fs::space(dir, ec);
  if (!ec && space.available < expected_bytes)
    fail("it needs about " + megabytes(expected_bytes) + " and " + dir.string() + " has " +
         megabytes(space.available) + " free");
}

}  // namespace files_impl

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::string tmp_name = ".";  // (appended, not "." + ...: GCC 12 warns falsely there, PR 105651)
  tmp_name.append(path.filename().string()).append(".tmp");
  const std::filesystem::path tmp = dir / tmp_name;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    throw WriteError("cannot write " + path.string() + " (" + files_impl::reason() +
                             "; is the directory there and writable?)");
  // The text reaches the disk before the rename publishes it: after a crash of the machine, too,
  // `path` is the old file or the new one, never a new name for blocks not yet written.
  if (!files_impl::write_all(fd, text) || ::fsync(fd) != 0) {
    const std::string why = files_impl::reason();
    ::close(fd);
    ::unlink(tmp.c_str());
    throw WriteError("error while writing " + tmp.string() + " (" + why + "); " + path.string() +
                             " is left as it was");
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = files_impl::reason();
    ::unlink(tmp.c_str());
    throw WriteError("cannot replace " + path.string() + " (" + why + "); it is left as it was");
  }
  // And the rename reaches the disk. A directory that cannot be opened for reading cannot be
  // synced; a file system that cannot sync directories says EINVAL. The file is in place either way.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return;
  const bool synced = ::fsync(dir_fd) == 0 || errno == EINVAL;
  const std::string why = files_impl::reason();
  ::close(dir_fd);
  if (!synced) throw WriteError("cannot make the new " + path.string() + " durable (" + why + ")");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_writable_file(const std::filesystem::path& path, std::uintmax_t expected_bytes) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec))
    throw std::invalid_argument("cannot write " + path.string() + ": directory " + dir.string() +
                                " does not exist");
  if (std::filesystem::is_directory(path, ec))
    throw std::invalid_argument("cannot write " + path.string() + ": it is a directory");
  files_impl::check_place(dir, path, expected_bytes);
}

void check_writable_directory(const std::filesystem::path& dir, std::uintmax_t expected_bytes) {
  std::error_code ec;
  std::filesystem::path existing = std::filesystem::absolute(dir, ec);
  if (ec) throw std::invalid_argument("cannot write " + dir.string() + ": " + ec.message());
  while (!std::filesystem::exists(existing, ec) && existing.has_relative_path())
    existing = existing.parent_path();
  files_impl::check_place(existing, dir, expected_bytes);
}

}  // namespace ltv
