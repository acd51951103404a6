// io/: the checks that an output place can be written, made before long work.
#include "ltv/io/files.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <limits>
#include <stdexcept>

namespace fs = std::filesystem;
using ltv::test::TempDir;

TEST_CASE("check_writable_file accepts a writable place and leaves nothing behind", "[io]") {
  const TempDir dir;
  CHECK_NOTHROW(ltv::check_writable_file(dir.path() / "m.json", 1000));
  ltv::write_file_atomically(dir.path() / "m.json", "old");
  CHECK_NOTHROW(ltv::check_writable_file(dir.path() / "m.json", 1000));  // an existing file is replaced
  CHECK(dir.entries() == std::vector<std::string>{"m.json"});
  CHECK(ltv::read_file(dir.path() / "m.json") == "old");
}

TEST_CASE("check_writable_file names the path and the reason", "[io]") {
  const TempDir dir;
  const auto rejects = [](const fs::path& path, std::uintmax_t bytes, const std::string& reason) {
    INFO(path << ": " << reason);
    CHECK_THROWS_MATCHES(
        ltv::check_writable_file(path, bytes), std::invalid_argument,
        Catch::Matchers::Predicate<std::invalid_argument>([&](const std::invalid_argument& e) {
          const std::string what = e.what();
          return what.find(path.string()) != std::string::npos && what.find(reason) != std::string::npos;
        }));
  };
  rejects(dir.path() / "no" / "such" / "m.json", 1, "does not exist");
  fs::create_directories(dir.path() / "sub");
  rejects(dir.path() / "sub", 1, "is a directory");
  ltv::write_file_atomically(dir.path() / "plain", "x");
  rejects(dir.path() / "plain" / "m.json", 1, "is not a directory");
  rejects(dir.path() / "m.json", std::numeric_limits<std::uintmax_t>::max(), "free");
  CHECK(dir.entries() == std::vector<std::string>{"plain", "sub"});
}

TEST_CASE("check_writable_directory accepts a directory to be created and rejects a file in the way",
          "[io]") {
  const TempDir dir;
  CHECK_NOTHROW(ltv::check_writable_directory(dir.path() / "new" / "deeper", 1000));
  CHECK_NOTHROW(ltv::check_writable_directory(dir.path(), 1000));
  CHECK(dir.entries().empty());  // nothing created
  ltv::write_file_atomically(dir.path() / "plain", "x");
  CHECK_THROWS_WITH(ltv::check_writable_directory(dir.path() / "plain" / "report", 1),
                    Catch::Contains("is not a directory"));
  CHECK_THROWS_WITH(
      ltv::check_writable_directory(dir.path() / "new", std::numeric_limits<std::uintmax_t>::max()),
      Catch::Contains("free"));
}

TEST_CASE("write_file_atomically keeps the old file and leaves no temporary file when a write fails", "[io]") {
  const TempDir dir;
  const fs::path path = dir.path() / "m.json";
  ltv::write_file_atomically(path, "old");
  // A file size limit makes write() fail part-way through (EFBIG), as a full disk does (ENOSPC).
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  rlimit small = saved;
  small.rlim_cur = 4096;
  const auto handler = std::signal(SIGXFSZ, SIG_IGN);
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  CHECK_THROWS_WITH(ltv::write_file_atomically(path, std::string(100000, 'x')),
                    Catch::Contains("error while writing") && Catch::Contains("m.json is left as it was"));
  REQUIRE(setrlimit(RLIMIT_FSIZE, &saved) == 0);
  std::signal(SIGXFSZ, handler);
  CHECK(ltv::read_file(path) == "old");
  CHECK(dir.entries() == std::vector<std::string>{"m.json"});
}
