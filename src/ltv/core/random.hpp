#pragma once
// Deterministic random streams. Every random quantity in ltv comes from a Rng seeded explicitly;
// Boost.Random's distributions are used (their output is specified, unlike std::'s), so the
// same seed gives the same numbers on every platform and build.
#include <cstdint>
#include <random>
#include <string_view>

namespace ltv {

using Rng = std::mt19937_64;

/// A child seed for stream `stream` of a computation seeded with `seed` (splitmix64 mixing), so
/// that independent parts of one run never share a stream.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A stable 64-bit hash of a name (FNV-1a), for deriving per-obligation seeds.
inline std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : s) h = (h ^ ch) * 0x100000001b3ULL;
  return h;
}

}  // namespace ltv
