// A driver for the fuzz targets without libFuzzer (any compiler; what CI runs): it feeds a target
// every file of the given folders (the seed corpus and the regression inputs), then, with
// --mutations N, N inputs made from them by random edits (bytes flipped, inserted, erased, runs
// duplicated, the input cut short or spliced with another), drawn from a fixed seed so that a
// failure reproduces. No coverage guides it: it replays and shakes what the coverage-guided runs
// (scripts/fuzz, clang's libFuzzer) found, in seconds.
//
//   <target>_replay [--mutations N] [--seed S] DIR_OR_FILE...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

/// A uniform index below n (n > 0) from the engine's raw output: std::uniform_int_distribution's
/// results are implementation-defined, the engine's are not.
std::size_t below(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng) {
  const int edits = 1 + static_cast<int>(below(rng, 4));
  for (int e = 0; e < edits; ++e) {
    switch (below(rng, 6)) {
      case 0:  // flip a bit
        if (!s.empty()) s[below(rng, s.size())] ^= static_cast<char>(1u << below(rng, 8));
        break;
      case 1:  // insert a byte, often one that means something to a parser
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(below(rng, s.size() + 1)),
                 "{}[]\",:0-e.9\\\x93\x00\xff"[below(rng, 16)]);
        break;
      case 2:  // erase a run
        if (!s.empty()) {
          const std::size_t at = below(rng, s.size());
          s.erase(at, 1 + below(rng, std::min<std::size_t>(16, s.size() - at)));
        }
        break;
      case 3:  // duplicate a run
        if (!s.empty()) {
          const std::size_t at = below(rng, s.size());
          s.insert(at, s.substr(at, 1 + below(rng, 32)));
        }
        break;
      case 4:  // cut short (a truncated file)
        s.resize(below(rng, s.size() + 1));
        break;
      default: {  // splice with another input
        const std::string& other = corpus[below(rng, corpus.size())];
        const std::size_t keep = below(rng, s.size() + 1), from = below(rng, other.size() + 1);
        s = s.substr(0, keep) + other.substr(from);
      }
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 0;
  std::uint64_t seed = 1;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mutations" && i + 1 < argc) {
      mutations = std::atol(argv[++i]);
      continue;
    }
    if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
      continue;
    }
    const fs::path p(arg);
    if (!fs::exists(p)) {
      std::cerr << "no such file or folder: " << arg << "\n";
      return 2;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::directory_iterator(p))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());  // a fixed order: the mutations reproduce
    } else {
      files.push_back(p);
    }
    for (const fs::path& f : files) corpus.push_back(read_bytes(f));
  }
  if (corpus.empty()) {
    std::cerr << "usage: " << argv[0] << " [--mutations N] [--seed S] DIR_OR_FILE...  (no inputs given)\n";
    return 2;
  }
  for (const std::string& input : corpus) run(input);
  std::mt19937_64 rng(seed);
  for (long m = 0; m < mutations; ++m) run(mutate(corpus[below(rng, corpus.size())], corpus, rng));
  std::cout << "ok: " << corpus.size() << " inputs replayed, " << mutations << " mutations (seed " << seed << ")\n";
  return 0;
}
