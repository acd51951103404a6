#pragma once
// The perfect matchings of 2k slots, the index set of Wick's (Isserlis') theorem: for centred
// jointly Gaussian z_0..z_{2k-1},  E[z_0 ··· z_{2k-1}] = Σ_{matchings μ} Π_{{s,t} ∈ μ} E[z_s z_t].
// There are (2k−1)!! = 1·3·5···(2k−1) of them. They do not depend on the scalar tier, so they are
// enumerated once per k and kept for the life of the process (wick_program.hpp compiles them into
// the evaluation programs of the Wick engine).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ltv {

/// The largest k handled: (2·8 − 1)!! = 2 027 025 matchings of 16 slots (32 MB of partners). The
/// SPARSE/RELAXED losses need k = 2L copies of the Gram matrix, so this covers L <= 4 layers.
inline constexpr int kMaxMatchingPairs = 8;

/// (2k−1)!!, the number of perfect matchings of 2k slots (1 for k = 0). Throws
/// std::invalid_argument for k < 0.
std::uint64_t matching_count(int pairs);

/// All perfect matchings of the slots 0..2k−1, in lexicographic order of their partner lists: the
/// lowest unmatched slot is paired with each higher unmatched slot in increasing order, recursively.
class PerfectMatchings {
 public:
  /// Enumerates the (2k−1)!! matchings; throws std::invalid_argument unless 0 <= k <= kMaxMatchingPairs.
  explicit PerfectMatchings(int pairs);

  int pairs() const { return pairs_; }
  int slots() const { return 2 * pairs_; }
  std::size_t size() const { return count_; }
  /// The slot that `slot` is paired with in matching `m` (an involution without fixed points).
  int partner(std::size_t m, int slot) const {
    return partners_[m * static_cast<std::size_t>(slots()) + static_cast<std::size_t>(slot)];
  }

 private:
  int pairs_;
  std::size_t count_;
  std::vector<std::uint8_t> partners_;  ///< size() rows of slots() partners
};

/// The matchings of 2k slots, enumerated on the first call for this k and cached for the process
/// (thread-safe; the reference stays valid). Throws as PerfectMatchings does.
const PerfectMatchings& perfect_matchings(int pairs);

}  // namespace ltv
