#include "ltv/expect/matchings.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace ltv {
namespace {

/// Pairs the lowest unmatched slot of `current` with every higher unmatched slot in turn and
/// recurses; appends each completed matching to `out`.
void enumerate(std::vector<std::uint8_t>& current, std::vector<std::uint8_t>& out, std::uint8_t unmatched) {
  const auto slots = static_cast<std::uint8_t>(current.size());
  std::uint8_t first = 0;
  while (first < slots && current[first] != unmatched) ++first;
  if (first == slots) {
    out.insert(out.end(), current.begin(), current.end());
    return;
  }
  for (std::uint8_t other = first + 1; other < slots; ++other) {
    if (current[other] != unmatched) continue;
    current[first] = other;
    current[other] = first;
    enumerate(current, out, unmatched);
    current[first] = unmatched;
    current[other] = unmatched;
  }
}

}  // namespace

std::uint64_t matching_count(int pairs) {
  if (pairs < 0) throw std::invalid_argument("matching_count: k must be >= 0, got " + std::to_string(pairs));
  std::uint64_t count = 1;
  for (int j = 1; j <= pairs; ++j) count *= static_cast<std::uint64_t>(2 * j - 1);
  return count;
}

PerfectMatchings::PerfectMatchings(int pairs) : pairs_(pairs), count_(0) {
  if (pairs < 0 || pairs > kMaxMatchingPairs)
    throw std::invalid_argument("perfect matchings: k must be between 0 and " +
                                std::to_string(kMaxMatchingPairs) + ", got " + std::to_string(pairs));
  count_ = static_cast<std::size_t>(matching_count(pairs));
  const auto unmatched = static_cast<std::uint8_t>(slots());
  std::vector<std::uint8_t> current(static_cast<std::size_t>(slots()), unmatched);
  partners_.reserve(count_ * current.size());
  enumerate(current, partners_, unmatched);
}

const PerfectMatchings& perfect_matchings(int pairs) {
  static std::mutex mutex;
  static std::map<int, std::unique_ptr<const PerfectMatchings>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[pairs];
  if (!entry) entry = std::make_unique<const PerfectMatchings>(pairs);
  return *entry;
}

}  // namespace ltv
