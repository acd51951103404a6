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
std::uint64_t expected_count(int k) { return k == 0 ? 1 : static_cast<std::uint64_t>(2 * k - 1) * expected_count(k - 1); }

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

/// Every matrix of the chain occurs exactly once among a monomial's path and cycles.
bool every_matrix_once(const ltv::WickProgram& program, const ltv::WickMonomial& monomial) {
  std::vector<int> seen(static_cast<std::size_t>(program.matrices), 0);
  const auto count = [&seen](const std::vector<WickFactor>& factors) {
    for (const auto& f : factors) ++seen[static_cast<std::size_t>(f.matrix)];
  };
  if (monomial.path >= 0) count(program.path_factors(monomial.path));
  for (const int c : monomial.cycles) count(program.cycle_factors(c));
  return std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; });
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
    for (const auto& partners : lists)
      for (int s = 0; s < 2 * k; ++s) {
        const int t = partners[static_cast<std::size_t>(s)];
        REQUIRE(t != s);
        REQUIRE(t >= 0);
        REQUIRE(t < 2 * k);
        REQUIRE(partners[static_cast<std::size_t>(t)] == s);
      }
    REQUIRE(std::set<std::vector<int>>(lists.begin(), lists.end()).size() == lists.size());
    CHECK(std::is_sorted(lists.begin(), lists.end()));
  }
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

TEST_CASE("a Wick program accounts for every matching exactly once", "[expect][wick_program]") {
  for (const auto chain : {WickChain::Cyclic, WickChain::Open})
    for (int k = chain == WickChain::Cyclic ? 1 : 0; k <= kLargestCheckedPairs; ++k) {
      INFO("k = " << k << (chain == WickChain::Cyclic ? ", cyclic" : ", open"));
      const auto& program = ltv::wick_program(chain, k);
      CHECK(program.copies == k);
      std::uint64_t total = 0;
      for (const auto& monomial : program.monomials) {
        REQUIRE(monomial.count_by_components.size() == static_cast<std::size_t>(k) + 1);
        // A matching has between 1 and k components (none without copies).
        CHECK(monomial.count_by_components[0] == (k == 0 ? 1 : 0));
        for (const auto count : monomial.count_by_components) total += static_cast<std::uint64_t>(count);
        REQUIRE(every_matrix_once(program, monomial));
        CHECK((monomial.path >= 0) == (chain == WickChain::Open));
      }
      CHECK(total == expected_count(k));
      CHECK(program.paths.size() <= total);
    }
}

TEST_CASE("canonical cycles start at their lowest matrix, untransposed; paths run C_0 … C_k", "[expect][wick_program]") {
  for (const auto chain : {WickChain::Cyclic, WickChain::Open}) {
    const int k = 5;
    const auto& program = ltv::wick_program(chain, k);
    std::set<std::vector<std::pair<int, bool>>> distinct;
    for (int c = 0; c < static_cast<int>(program.cycles.size()); ++c) {
      const auto factors = program.cycle_factors(c);
      const auto lowest = std::min_element(factors.begin(), factors.end(), [](const auto& a, const auto& b) {
        return a.matrix < b.matrix;
      });
      CHECK(lowest == factors.begin());
      CHECK_FALSE(factors.front().transposed);
      std::vector<std::pair<int, bool>> key;
      for (const auto& f : factors) key.emplace_back(f.matrix, f.transposed);
      distinct.insert(key);
    }
    CHECK(distinct.size() == program.cycles.size());
    for (int p = 0; p < static_cast<int>(program.paths.size()); ++p) {
      const auto factors = program.path_factors(p);
      CHECK(factors.front() == WickFactor{0, false});
      CHECK(factors.back() == WickFactor{k, false});
    }
    for (std::size_t node = 0; node < program.prefixes.size(); ++node)
      CHECK(program.prefixes[node].parent < static_cast<int>(node));
  }
}

TEST_CASE("the k = 2 programs, written out", "[expect][wick_program]") {
  // E tr(C_0 S C_1 S): {L0R0, L1R1} (2 components) tr(C_0ΣC_1Σ); {L0L1, R0R1} (1) tr(C_0ΣC_1ᵀΣ);
  // {L0R1, R0L1} (1) tr(C_0Σ) tr(C_1Σ).
  const auto& program = ltv::wick_program(WickChain::Cyclic, 2);
  REQUIRE(program.monomials.size() == 3);
  std::multiset<std::vector<std::vector<std::pair<int, bool>>>> seen;
  for (const auto& monomial : program.monomials) {
    std::vector<std::vector<std::pair<int, bool>>> cycles;
    for (const int c : monomial.cycles) {
      std::vector<std::pair<int, bool>> key;
      for (const auto& f : program.cycle_factors(c)) key.emplace_back(f.matrix, f.transposed);
      cycles.push_back(key);
    }
    std::sort(cycles.begin(), cycles.end());
    const bool two_components = monomial.count_by_components == std::vector<std::int64_t>{0, 0, 1};
    const bool one_component = monomial.count_by_components == std::vector<std::int64_t>{0, 1, 0};
    CHECK((two_components || one_component));
    if (two_components) CHECK(cycles == decltype(cycles){{{0, false}, {1, false}}});
    seen.insert(cycles);
  }
  CHECK(seen.count({{{0, false}, {1, false}}}) == 1);
  CHECK(seen.count({{{0, false}, {1, true}}}) == 1);
  CHECK(seen.count({{{0, false}}, {{1, false}}}) == 1);
}
