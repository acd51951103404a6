#include "ltv/expect/wick_program.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <ostream>
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

/// Interns sequences of factors into a WickTrie, in creation order (put in depth-first order by
/// finish()).
class TrieBuilder {
 public:
  /// The id of the product with these factors, added (with its prefixes) if new.
  int intern(const std::vector<WickFactor>& factors) {
    std::string code;
    for (const auto& f : factors) code.push_back(factor_code(f));
    const auto [it, inserted] = product_ids_.try_emplace(code, static_cast<int>(trie_.products.size()));
    if (!inserted) return it->second;
    int prefix = -1;
    for (std::size_t j = 0; j + 1 < factors.size(); ++j) {
      const auto [node, added] =
          node_ids_.try_emplace(code.substr(0, j + 1), static_cast<int>(trie_.nodes.size()));
      if (added) trie_.nodes.push_back(WickPrefix{prefix, static_cast<int>(j), factors[j]});
      prefix = node->second;
    }
    trie_.products.push_back(WickProduct{prefix, factors.back()});
    return it->second;
  }

  /// The trie in depth-first pre-order with the products sorted by prefix; `renumber[old id]` is
  /// the new id of each product.
  WickTrie finish(std::vector<int>& renumber) {
    const std::size_t count = trie_.nodes.size();
    std::vector<std::vector<int>> children(count);
    std::vector<int> roots;
    for (std::size_t i = 0; i < count; ++i) {
      const int parent = trie_.nodes[i].parent;
      (parent < 0 ? roots : children[static_cast<std::size_t>(parent)]).push_back(static_cast<int>(i));
    }
    std::vector<int> order;  // old node ids in pre-order
    order.reserve(count);
    std::vector<int> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
      const int node = stack.back();
      stack.pop_back();
      order.push_back(node);
      const auto& c = children[static_cast<std::size_t>(node)];
      stack.insert(stack.end(), c.rbegin(), c.rend());
    }
    std::vector<int> new_node(count);
    for (std::size_t i = 0; i < count; ++i)
      new_node[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
    const auto renumber_node = [&new_node](int old) {
      return old < 0 ? -1 : new_node[static_cast<std::size_t>(old)];
    };
    WickTrie out;
    for (const int old : order) {
      WickPrefix node = trie_.nodes[static_cast<std::size_t>(old)];
      node.parent = renumber_node(node.parent);
      out.nodes.push_back(node);
    }
    std::vector<int> by_prefix(trie_.products.size());
    std::iota(by_prefix.begin(), by_prefix.end(), 0);
    const auto prefix_of = [&](int product) {
      return renumber_node(trie_.products[static_cast<std::size_t>(product)].prefix);
    };
    std::stable_sort(by_prefix.begin(), by_prefix.end(),
                     [&](int a, int b) { return prefix_of(a) < prefix_of(b); });
    renumber.assign(by_prefix.size(), 0);
    for (std::size_t i = 0; i < by_prefix.size(); ++i) {
      const int old = by_prefix[i];
      renumber[static_cast<std::size_t>(old)] = static_cast<int>(i);
      out.products.push_back(WickProduct{prefix_of(old), trie_.products[static_cast<std::size_t>(old)].last});
    }
    return out;
  }

 private:
  WickTrie trie_;
  std::unordered_map<std::string, int> product_ids_;
  std::unordered_map<std::string, int> node_ids_;
};

/// Builds a WickProgram, one term per matching.
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
    WickTerm term;
    term.path = program_.chain == WickChain::Open ? path(matchings, m, visited) : -1;
    term.components = components(matchings, m);
    term.first_cycle = static_cast<int>(program_.term_cycles.size());
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
      program_.term_cycles.push_back(cycles_.intern(cycle));
      ++term.cycle_count;
    }
    program_.terms.push_back(term);
  }

  WickProgram finish() {
    std::vector<int> renumber;
    program_.cycles = cycles_.finish(renumber);
    for (auto& c : program_.term_cycles) c = renumber[static_cast<std::size_t>(c)];
    for (const auto& term : program_.terms) {
      const auto begin = program_.term_cycles.begin() + term.first_cycle;
      std::sort(begin, begin + term.cycle_count);
    }
    program_.paths = paths_.finish(renumber);
    for (auto& term : program_.terms)
      if (term.path >= 0) term.path = renumber[static_cast<std::size_t>(term.path)];
    return std::move(program_);
  }

 private:
  /// The path from p: C_0 to L_0, then alternately a Σ-edge and a C-edge, until the Σ-edge that
  /// reaches R_{k−1}, after which C_k leads to q. Without copies (k = 0) the path is C_0 alone.
  int path(const PerfectMatchings& matchings, std::size_t m, std::vector<bool>& visited) {
    const int k = program_.copies;
    std::vector<WickFactor> factors{WickFactor{0, false}};
    if (k > 0) {
      int slot = left_slot(0);
      for (;;) {
        const int partner = matchings.partner(m, slot);
        visited[static_cast<std::size_t>(slot)] = visited[static_cast<std::size_t>(partner)] = true;
        if (partner == right_slot(k - 1)) break;
        const auto [other, factor] = cross_c_edge(program_.chain, k, partner);
        factors.push_back(factor);
        slot = other;
      }
      factors.push_back(WickFactor{k, false});
    }
    return paths_.intern(factors);
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
  TrieBuilder cycles_;
  TrieBuilder paths_;
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
  return compiler.finish();
}

/// The factors of a product: its prefix nodes, root first, then its last factor.
std::vector<WickFactor> expand(const WickTrie& trie, int product) {
  const WickProduct& p = trie.products.at(static_cast<std::size_t>(product));
  std::vector<WickFactor> factors{p.last};
  for (int node = p.prefix; node >= 0; node = trie.nodes[static_cast<std::size_t>(node)].parent)
    factors.push_back(trie.nodes[static_cast<std::size_t>(node)].factor);
  std::reverse(factors.begin(), factors.end());
  return factors;
}

}  // namespace

std::ostream& operator<<(std::ostream& os, WickChain chain) {
  return os << (chain == WickChain::Cyclic ? "cyclic" : "open");
}

int WickTrie::depth() const {
  int most = 0;
  for (const auto& node : nodes) most = std::max(most, node.depth + 1);
  return most;
}

std::vector<WickFactor> WickProgram::cycle_factors(int i) const { return expand(cycles, i); }

std::vector<WickFactor> WickProgram::path_factors(int i) const { return expand(paths, i); }

const WickProgram& wick_program(WickChain chain, int copies) {
  static std::mutex mutex;
  static std::map<std::pair<WickChain, int>, std::unique_ptr<const WickProgram>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[{chain, copies}];
  if (!entry) entry = std::make_unique<const WickProgram>(compile(chain, copies));
  return *entry;
}

}  // namespace ltv
