// The perfect matchings (src/ltv/expect/matchings.hpp) and the compiled Wick programs
// (src/ltv/expect/wick_program.hpp): counts and combinatorial structure, no scalar involved.
#include "ltv/expect/matchings.hpp"
#include "ltv/expect/wick_program.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

namespace {

using ltv::WickChain;
using ltv::WickFactor;

/// The k of the structural checks: (2·7 − 1)!! = 135 135 matchings; k = 8 is exercised by the
/// count alone (it takes a few seconds to enumerate).
constexpr int kLargestCheckedPairs = 7;

/// (2k − 1)!! by the recursion a(k) = (2k − 1) a(k − 1): pair slot 0 with any of the other 2k − 1.
std::uint64_t expected_count(int k) {
  return k == 0 ? 1 : static_cast<std::uint64_t>(2 * k - 1) * expected_count(k - 1);
}

/// The matchings of a PerfectMatchings, each as its partner list.
std::vector<std::vector<int>> partner_lists(const ltv::PerfectMatchings& matchings) {
  std::vector<std::vector<int>> out;
  for (std::size_t m = 0; m < matchings.size(); ++m) {
    std::vector<int> partners;
    for (int s = 0; s < matchings.slots(); ++s) partners.push_back(matchings.partner(m, s));
    out.push_back(partners);
  }
  return out;
}

/// The cycles of a term, by index into program.cycles.products.
std::vector<int> cycles_of(const ltv::WickProgram& program, const ltv::WickTerm& term) {
  const auto begin = program.term_cycles.begin() + term.first_cycle;
  return std::vector<int>(begin, begin + term.cycle_count);
}

/// Every matrix of the chain occurs exactly once among a term's path and cycles.
bool every_matrix_once(const ltv::WickProgram& program, const ltv::WickTerm& term) {
  std::vector<int> seen(static_cast<std::size_t>(program.matrices), 0);
  const auto count = [&seen](const std::vector<WickFactor>& factors) {
    for (const auto& f : factors) ++seen[static_cast<std::size_t>(f.matrix)];
  };
  if (term.path >= 0) count(program.path_factors(term.path));
  for (const int c : cycles_of(program, term)) count(program.cycle_factors(c));
  return std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; });
}

/// Whether a partner list is a fixed-point-free involution of 0..size−1.
bool is_perfect_matching(const std::vector<int>& partners) {
  const auto size = static_cast<int>(partners.size());
  for (int s = 0; s < size; ++s) {
    const int t = partners[static_cast<std::size_t>(s)];
    if (t == s || t < 0 || t >= size || partners[static_cast<std::size_t>(t)] != s) return false;
  }
  return true;
}

/// The depth-first layout walk_trie relies on: each node's parent is the last earlier node one
/// level up (so the value kept at that depth is the parent's), and the products come sorted by
/// their prefix node.
bool depth_first_layout(const ltv::WickTrie& trie) {
  std::vector<int> last_at_depth;
  for (std::size_t i = 0; i < trie.nodes.size(); ++i) {
    const auto& node = trie.nodes[i];
    const int expected_parent =
        node.depth == 0 ? -1 : last_at_depth.at(static_cast<std::size_t>(node.depth - 1));
    if (node.parent != expected_parent) return false;
    last_at_depth.resize(static_cast<std::size_t>(node.depth) + 1);
    last_at_depth[static_cast<std::size_t>(node.depth)] = static_cast<int>(i);
  }
  return std::is_sorted(trie.products.begin(), trie.products.end(),
                        [](const auto& a, const auto& b) { return a.prefix < b.prefix; });
}

}  // namespace

TEST_CASE("there are (2k−1)!! perfect matchings of 2k slots", "[expect][matchings]") {
  for (int k = 0; k <= kLargestCheckedPairs; ++k) {
    INFO("k = " << k);
    CHECK(ltv::matching_count(k) == expected_count(k));
    CHECK(ltv::perfect_matchings(k).size() == expected_count(k));
  }
  CHECK(ltv::perfect_matchings(ltv::kMaxMatchingPairs).size() == expected_count(ltv::kMaxMatchingPairs));
  CHECK(ltv::perfect_matchings(6).size() == 10395);
  // Negative control: the count of all pairings of 2k slots with a fixed point allowed (k = 2: the
  // involutions of 4 elements, 10) is not what the enumeration gives.
  CHECK(ltv::perfect_matchings(2).size() != 10);
}

TEST_CASE("every enumerated matching is a perfect matching, and they are distinct", "[expect][matchings]") {
  for (int k = 0; k <= kLargestCheckedPairs; ++k) {
    INFO("k = " << k);
    const auto lists = partner_lists(ltv::perfect_matchings(k));
    CHECK(std::all_of(lists.begin(), lists.end(), is_perfect_matching));
    CHECK(std::set<std::vector<int>>(lists.begin(), lists.end()).size() == lists.size());
    CHECK(std::is_sorted(lists.begin(), lists.end()));
  }
  // Negative control: the check rejects an involution with fixed points and a non-involution.
  CHECK_FALSE(is_perfect_matching({1, 0, 2, 3}));
  CHECK_FALSE(is_perfect_matching({1, 2, 3, 0}));
}

TEST_CASE("the matchings are cached: one enumeration per k", "[expect][matchings]") {
  CHECK(&ltv::perfect_matchings(5) == &ltv::perfect_matchings(5));
  CHECK(&ltv::wick_program(WickChain::Open, 3) == &ltv::wick_program(WickChain::Open, 3));
  CHECK(&ltv::wick_program(WickChain::Open, 3) != &ltv::wick_program(WickChain::Cyclic, 3));
}

TEST_CASE("invalid numbers of pairs are rejected", "[expect][matchings]") {
  CHECK_THROWS_AS(ltv::perfect_matchings(-1), std::invalid_argument);
  CHECK_THROWS_AS(ltv::perfect_matchings(ltv::kMaxMatchingPairs + 1), std::invalid_argument);
  CHECK_THROWS_AS(ltv::matching_count(-1), std::invalid_argument);
  CHECK_THROWS_AS(ltv::wick_program(WickChain::Cyclic, 0), std::invalid_argument);
  CHECK_THROWS_AS(ltv::wick_program(WickChain::Open, -1), std::invalid_argument);
  CHECK_THROWS_AS(ltv::wick_program(WickChain::Open, ltv::kMaxMatchingPairs + 1), std::invalid_argument);
  CHECK_NOTHROW(ltv::wick_program(WickChain::Open, 0));
}

TEST_CASE("a Wick program has one distinct term per matching", "[expect][wick_program]") {
  for (const auto chain : {WickChain::Cyclic, WickChain::Open})
    for (int k = chain == WickChain::Cyclic ? 1 : 0; k <= kLargestCheckedPairs; ++k) {
      INFO("k = " << k << (chain == WickChain::Cyclic ? ", cyclic" : ", open"));
      const auto& program = ltv::wick_program(chain, k);
      CHECK(program.copies == k);
      CHECK(program.matrices == (chain == WickChain::Cyclic ? k : k + 1));
      CHECK(program.terms.size() == expected_count(k));
      bool valid = true;
      std::set<std::pair<int, std::vector<int>>> distinct;
      for (const auto& term : program.terms) {
        const auto cycles = cycles_of(program, term);
        // A matching has between 1 and k components (none without copies), a path exactly when the
        // chain is open, and its cycles listed in ascending order.
        valid = valid && term.components >= std::min(k, 1) && term.components <= k;
        valid = valid && (term.path >= 0) == (chain == WickChain::Open);
        valid = valid && std::is_sorted(cycles.begin(), cycles.end()) && every_matrix_once(program, term);
        distinct.emplace(term.path, cycles);
      }
      CHECK(valid);
      CHECK(distinct.size() == program.terms.size());
      CHECK(depth_first_layout(program.cycles));
      CHECK(depth_first_layout(program.paths));
      CHECK(program.cycles.products.size() <=
            program.terms.size() * static_cast<std::size_t>(std::max(k, 1)));
    }
}

TEST_CASE("canonical cycles start at their lowest matrix, untransposed — paths run C_0 … C_k",
          "[expect][wick_program]") {
  for (const auto chain : {WickChain::Cyclic, WickChain::Open}) {
    const int k = 5;
    const auto& program = ltv::wick_program(chain, k);
    std::set<std::vector<std::pair<int, bool>>> distinct;
    for (int c = 0; c < static_cast<int>(program.cycles.products.size()); ++c) {
      const auto factors = program.cycle_factors(c);
      const auto lowest = std::min_element(factors.begin(), factors.end(),
                                           [](const auto& a, const auto& b) { return a.matrix < b.matrix; });
      CHECK(lowest == factors.begin());
      CHECK_FALSE(factors.front().transposed);
      std::vector<std::pair<int, bool>> key;
      for (const auto& f : factors) key.emplace_back(f.matrix, f.transposed);
      distinct.insert(key);
    }
    CHECK(distinct.size() == program.cycles.products.size());
    for (int p = 0; p < static_cast<int>(program.paths.products.size()); ++p) {
      const auto factors = program.path_factors(p);
      CHECK(factors.front() == WickFactor{0, false});
      CHECK(factors.back() == WickFactor{k, false});
    }
  }
}

TEST_CASE("the trie layout check rejects a node placed after a sibling's subtree", "[expect][wick_program]") {
  // Negative control of depth_first_layout: nodes 0 (root), 1 (child of 0), 2 (root), 3 (child of
  // 0 again, but the value kept at depth 0 is now node 2's).
  ltv::WickTrie trie;
  trie.nodes = {{-1, 0, {0, false}}, {0, 1, {1, false}}, {-1, 0, {1, false}}, {0, 1, {2, false}}};
  CHECK_FALSE(depth_first_layout(trie));
  trie.nodes.pop_back();
  CHECK(depth_first_layout(trie));
}

TEST_CASE("the k = 2 programs, written out", "[expect][wick_program]") {
  // E tr(C_0 S C_1 S): {L0R0, L1R1} (2 components) tr(C_0ΣC_1Σ); {L0L1, R0R1} (1) tr(C_0ΣC_1ᵀΣ);
  // {L0R1, R0L1} (1) tr(C_0Σ) tr(C_1Σ).
  using Cycle = std::vector<std::pair<int, bool>>;
  const auto& program = ltv::wick_program(WickChain::Cyclic, 2);
  std::set<std::pair<int, std::vector<Cycle>>> terms;
  for (const auto& term : program.terms) {
    std::vector<Cycle> cycles;
    for (const int c : cycles_of(program, term)) {
      Cycle key;
      for (const auto& f : program.cycle_factors(c)) key.emplace_back(f.matrix, f.transposed);
      cycles.push_back(key);
    }
    std::sort(cycles.begin(), cycles.end());
    terms.emplace(term.components, cycles);
  }
  const std::set<std::pair<int, std::vector<Cycle>>> expected{
      {2, {{{0, false}, {1, false}}}}, {1, {{{0, false}, {1, true}}}}, {1, {{{0, false}}, {{1, false}}}}};
  CHECK(terms == expected);
  // E[C_0 S C_1 S C_2]: paths C_0ΣC_1ΣC_2 (2 components), C_0ΣC_1ᵀΣC_2 (1), C_0ΣC_2 · tr(C_1Σ) (1).
  const auto& open = ltv::wick_program(WickChain::Open, 2);
  std::set<std::pair<int, Cycle>> paths;
  for (const auto& term : open.terms) {
    Cycle key;
    for (const auto& f : open.path_factors(term.path)) key.emplace_back(f.matrix, f.transposed);
    paths.emplace(term.components, key);
    CHECK(term.cycle_count == (key.size() == 2 ? 1 : 0));
  }
  const std::set<std::pair<int, Cycle>> expected_paths{{2, {{0, false}, {1, false}, {2, false}}},
                                                       {1, {{0, false}, {1, true}, {2, false}}},
                                                       {1, {{0, false}, {2, false}}}};
  CHECK(paths == expected_paths);
}
