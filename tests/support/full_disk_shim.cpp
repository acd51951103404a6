// A full disk, simulated for one process: loaded with LD_PRELOAD, this library makes write(2) to
// regular files fail with ENOSPC once the process has written LTV_FULL_DISK_AFTER bytes to them (0
// when unset), after one short write that reaches the budget exactly. Standard input, output and
// error pass untouched, so the process can still say what went wrong. Used by the tests of
// tests/cli/ that check what a full disk leaves behind.
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace {

using WriteFn = ssize_t (*)(int, const void*, size_t);

unsigned long long written = 0;  // bytes this process has written to regular files

}  // namespace

extern "C" ssize_t write(int fd, const void* buf, size_t count) {
  static const auto real_write = reinterpret_cast<WriteFn>(dlsym(RTLD_NEXT, "write"));
  struct stat st{};
  if (fd <= 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return real_write(fd, buf, count);
  const char* after = std::getenv("LTV_FULL_DISK_AFTER");
  const unsigned long long budget = after ? std::strtoull(after, nullptr, 10) : 0;
  if (written >= budget) {
    errno = ENOSPC;
    return -1;
  }
  if (count > budget - written) count = static_cast<size_t>(budget - written);
  const ssize_t n = real_write(fd, buf, count);
  if (n > 0) written += static_cast<unsigned long long>(n);
  return n;
}
