#include "ltv/expect/wick_program.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace ltv {
namespace {

int left_slot(int copy) { return 2 * copy; }
int right_slot(int copy) { return 2 * copy + 1; }

/// A factor as one character, for hashing sequences of factors.
char factor_code(const WickFactor& f) { return static_cast<char>(2 * f.matrix + (f.transposed ? 1 : 0)); }

/// The other end of the C-edge at `slot` and the factor read walking it from `slot`: C_a joins
/// R_{a−1} (row) to L_a (column), cyclically for the cyclic chain. Slot L_0 and R_{k−1} of the open
/// chain end the path (their C-edges lead to p and q) and are never asked for.
std::pair<int, WickFactor> cross_c_edge(WickChain chain, int copies, int slot) {
  const int copy = slot / 2;
  if (slot == left_slot(copy)) {
    const int previous = chain == WickChain::Cyclic ? (copy + copies - 1) % copies : copy - 1;
    return {right_slot(previous), WickFactor{copy, true}};
  }
  const int next = chain == WickChain::Cyclic ? (copy + 1) % copies : copy + 1;
  return {left_slot(next), WickFactor{next, false}};
}

/// Rotates a cycle to start at its lowest matrix, first reversing it and transposing every factor
/// if that matrix is transposed: tr(f_1 Σ ··· f_m Σ) = tr(f_mᵀ Σ ··· f_1ᵀ Σ) (transpose, Σ = Σᵀ).
/// Every matrix occurs at most once in a cycle, so the form is unique.
void canonicalise(std::vector<WickFactor>& cycle) {
  const auto lowest = [&cycle] {
    return std::min_element(cycle.begin(), cycle.end(),
                            [](const WickFactor& a, const WickFactor& b) { return a.matrix < b.matrix; });
  };
  if (lowest()->transposed) {
    std::reverse(cycle.begin(), cycle.end());
    for (auto& f : cycle) f.transposed = !f.transposed;
  }
  std::rotate(cycle.begin(), lowest(), cycle.end());
}

/// Builds a WickProgram: interns cycles, paths and their prefixes, and merges matchings.
class Compiler {
 public:
  Compiler(WickChain chain, int copies) {
    program_.chain = chain;
    program_.copies = copies;
    program_.matrices = chain == WickChain::Cyclic ? copies : copies + 1;
  }

  void add(const PerfectMatchings& matchings, std::size_t m) {
    const int k = program_.copies;
    std::vector<bool> visited(static_cast<std::size_t>(2 * k), false);
    std::vector<int> key;  // the monomial: path, then the sorted cycles
    key.push_back(program_.chain == WickChain::Open ? intern_path(matchings, m, visited) : -1);
    for (int start = 0; start < 2 * k; ++start) {
      if (visited[static_cast<std::size_t>(start)]) continue;
      std::vector<WickFactor> cycle;
      int slot = start;
      do {
        const auto [other, factor] = cross_c_edge(program_.chain, k, slot);
        cycle.push_back(factor);
        visited[static_cast<std::size_t>(slot)] = visited[static_cast<std::size_t>(other)] = true;
        slot = matchings.partner(m, other);
      } while (slot != start);
      canonicalise(cycle);
      key.push_back(intern(cycle, cycle_ids_, program_.cycles));
    }
    std::sort(key.begin() + 1, key.end());
    const auto [it, inserted] = monomial_ids_.try_emplace(key, static_cast<int>(program_.monomials.size()));
    if (inserted)
      program_.monomials.push_back(WickMonomial{key.front(), std::vector<int>(key.begin() + 1, key.end()),
                                                std::vector<std::int64_t>(static_cast<std::size_t>(k) + 1, 0)});
    ++program_.monomials[static_cast<std::size_t>(it->second)]
          .count_by_components[static_cast<std::size_t>(components(matchings, m))];
  }

  WickProgram take() { return std::move(program_); }

 private:
  /// The path from p: C_0 to L_0, then alternately a Σ-edge and a C-edge, until the Σ-edge that
  /// reaches R_{k−1}, after which C_k leads to q. Without copies (k = 0) the path is C_0 alone.
  int intern_path(const PerfectMatchings& matchings, std::size_t m, std::vector<bool>& visited) {
    const int k = program_.copies;
    std::vector<WickFactor> path{WickFactor{0, false}};
    if (k > 0) {
      int slot = left_slot(0);
      for (;;) {
        const int partner = matchings.partner(m, slot);
        visited[static_cast<std::size_t>(slot)] = visited[static_cast<std::size_t>(partner)] = true;
        if (partner == right_slot(k - 1)) break;
        const auto [other, factor] = cross_c_edge(program_.chain, k, partner);
        path.push_back(factor);
        slot = other;
      }
      path.push_back(WickFactor{k, false});
    }
    return intern(path, path_ids_, program_.paths);
  }

  /// The id of a cycle or path in `products`, adding it (and its prefixes to the trie) if new.
  int intern(const std::vector<WickFactor>& factors, std::unordered_map<std::string, int>& ids,
             std::vector<WickProduct>& products) {
    std::string code;
    for (const auto& f : factors) code.push_back(factor_code(f));
    const auto [it, inserted] = ids.try_emplace(code, static_cast<int>(products.size()));
    if (!inserted) return it->second;
    int prefix = -1;
    for (std::size_t j = 0; j + 1 < factors.size(); ++j) {
      const auto [node, added] =
          prefix_ids_.try_emplace(code.substr(0, j + 1), static_cast<int>(program_.prefixes.size()));
      if (added) program_.prefixes.push_back(WickPrefix{prefix, factors[j]});
      prefix = node->second;
    }
    products.push_back(WickProduct{prefix, factors.back()});
    return it->second;
  }

  /// Connected components of the graph on the copies whose edges are the matching's pairs (union-find).
  int components(const PerfectMatchings& matchings, std::size_t m) const {
    std::vector<int> root(static_cast<std::size_t>(program_.copies));
    std::iota(root.begin(), root.end(), 0);
    const auto find = [&root](int a) {
      while (root[static_cast<std::size_t>(a)] != a) a = root[static_cast<std::size_t>(a)];
      return a;
    };
    int count = program_.copies;
    for (int slot = 0; slot < matchings.slots(); ++slot) {
      const int a = find(slot / 2);
      const int b = find(matchings.partner(m, slot) / 2);
      if (a != b) {
        root[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
        --count;
      }
    }
    return count;
  }

  WickProgram program_;
  std::unordered_map<std::string, int> cycle_ids_;
  std::unordered_map<std::string, int> path_ids_;
  std::unordered_map<std::string, int> prefix_ids_;
  std::map<std::vector<int>, int> monomial_ids_;
};

WickProgram compile(WickChain chain, int copies) {
  const int lowest = chain == WickChain::Cyclic ? 1 : 0;
  if (copies < lowest || copies > kMaxMatchingPairs)
    throw std::invalid_argument("wick_program: the number of copies of S must be between " +
                                std::to_string(lowest) + " and " + std::to_string(kMaxMatchingPairs) +
                                ", got " + std::to_string(copies));
  const PerfectMatchings& matchings = perfect_matchings(copies);
  Compiler compiler(chain, copies);
  for (std::size_t m = 0; m < matchings.size(); ++m) compiler.add(matchings, m);
  return compiler.take();
}

/// The factors of a prefix node, root first, followed by `last`.
std::vector<WickFactor> expand(const std::vector<WickPrefix>& prefixes, const WickProduct& product) {
  std::vector<WickFactor> factors{product.last};
  for (int node = product.prefix; node >= 0; node = prefixes[static_cast<std::size_t>(node)].parent)
    factors.push_back(prefixes[static_cast<std::size_t>(node)].factor);
  std::reverse(factors.begin(), factors.end());
  return factors;
}

}  // namespace

std::vector<WickFactor> WickProgram::cycle_factors(int i) const {
  return expand(prefixes, cycles.at(static_cast<std::size_t>(i)));
}

std::vector<WickFactor> WickProgram::path_factors(int i) const {
  return expand(prefixes, paths.at(static_cast<std::size_t>(i)));
}

const WickProgram& wick_program(WickChain chain, int copies) {
  static std::mutex mutex;
  static std::map<std::pair<WickChain, int>, std::unique_ptr<const WickProgram>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[{chain, copies}];
  if (!entry) entry = std::make_unique<const WickProgram>(compile(chain, copies));
  return *entry;
}

}  // namespace ltv
