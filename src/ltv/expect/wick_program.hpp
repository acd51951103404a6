#pragma once
// The Wick engine's evaluation programs: what every perfect matching of the 2k vector slots
// contributes to E tr(C_0 S C_1 S ··· C_{k−1} S) or to E[C_0 S C_1 S ··· S C_k], compiled once per
// (chain, k) and independent of the scalar tier and of the matrices (wick.hpp derives the formula
// and evaluates the programs).
//
// Slots: copy a of S = (1/n) Σ_i x_i x_iᵀ has the left slot L_a = 2a (its column x) and the right
// slot R_a = 2a + 1 (its row xᵀ). The matrix between two copies joins slots by a "C-edge":
//   cyclic chain, matrices C_0..C_{k−1}:  C_a joins R_{a−1 mod k} (its row index) to L_a (its column);
//   open chain, matrices C_0..C_k:        C_0 joins the free row index p to L_0, C_a (0 < a < k)
//                                         joins R_{a−1} to L_a, C_k joins R_{k−1} to the free column q.
// A matching adds one "Σ-edge" per pair. Every slot then has one edge of each kind, so the graph
// is a union of cycles alternating C- and Σ-edges, plus (open chain) one path from p to q.
// Walking a C-edge from its row end to its column end reads C, the other way Cᵀ. A cycle read as
// f_1, Σ, f_2, Σ, …, f_m, Σ is worth tr(f_1 Σ f_2 Σ ··· f_m Σ); the path is worth the matrix
// C_0 Σ f_1 Σ ··· f_m Σ C_k.
//
// Compilation: a cycle is stored in a canonical form (rotated to start at its lowest matrix,
// reversed with every factor transposed if that one is transposed: tr(X) = tr(Xᵀ)), so equal
// cycles of different matchings are evaluated once. The partial products f_1 Σ ··· f_j Σ of all
// cycles share their common prefixes in a trie, and so do those of the paths; a trie is stored in
// depth-first order, so its evaluation keeps one matrix per depth instead of one per node (k = 8
// has a million nodes). Distinct matchings always give distinct terms (the factors of a cycle
// determine which slots it pairs), so the terms are not merged further.
#include "ltv/expect/matchings.hpp"

#include <iosfwd>
#include <vector>

namespace ltv {

/// Which product the program evaluates.
enum class WickChain {
  Cyclic,  ///< tr(C_0 S C_1 S ··· C_{k−1} S): k matrices, k copies of S
  Open,    ///< C_0 S C_1 S ··· S C_k: k + 1 matrices, k copies of S
};

/// "cyclic" or "open" (for test output and RapidCheck's counterexamples).
std::ostream& operator<<(std::ostream& os, WickChain chain);

/// One matrix factor: C_matrix, or its transpose.
struct WickFactor {
  int matrix = 0;
  bool transposed = false;
  friend bool operator==(const WickFactor&, const WickFactor&) = default;
};

/// A node of a prefix trie: its value is value(parent) · factor · Σ, with value(−1) = I.
struct WickPrefix {
  int parent = -1;
  int depth = 0;  ///< 0 for a child of the root (parent −1)
  WickFactor factor;
};

/// A product ending a cycle or a path: the prefix node (−1: empty) followed by one factor.
/// A cycle is worth tr(value(prefix) · last · Σ); a path value(prefix) · last (no trailing Σ).
struct WickProduct {
  int prefix = -1;
  WickFactor last;
};

/// Products sharing their prefixes. The nodes are in depth-first pre-order (a parent before its
/// subtree, which follows it contiguously), the products sorted by their prefix node.
struct WickTrie {
  std::vector<WickPrefix> nodes;
  std::vector<WickProduct> products;
  int depth() const;  ///< 1 + the largest node depth (0 for a trie without nodes)
};

/// The term of one matching μ: n^{c(μ)−k} (or n^{c(μ)} for W) × its path (open chain) × the traces
/// of its cycles.
struct WickTerm {
  int path = -1;        ///< index into WickProgram::paths.products (−1: cyclic chain)
  int components = 0;   ///< c(μ): connected components of the graph on the k copies with the pairs as edges
  int first_cycle = 0;  ///< the term's cycles are term_cycles[first_cycle, first_cycle + cycle_count)
  int cycle_count = 0;
};

/// The compiled sum over the (2k−1)!! matchings, one term each.
struct WickProgram {
  WickChain chain = WickChain::Cyclic;
  int copies = 0;    ///< k, the number of copies of S
  int matrices = 0;  ///< k (cyclic) or k + 1 (open)
  WickTrie cycles;   ///< the distinct cycles, in canonical form
  WickTrie paths;    ///< the distinct paths (none for a cyclic chain)
  std::vector<WickTerm> terms;
  std::vector<int> term_cycles;  ///< indices into cycles.products, per term ascending

  /// The factors f_1..f_m of cycle i (worth tr(f_1 Σ ··· f_m Σ)), in canonical form.
  std::vector<WickFactor> cycle_factors(int i) const;
  /// The factors C_0, f_1, …, C_k of path i (worth C_0 Σ f_1 Σ ··· Σ C_k).
  std::vector<WickFactor> path_factors(int i) const;
};

/// The program of a chain with k copies of S, compiled on the first call for (chain, k) and cached
/// for the process (thread-safe; the reference stays valid). Throws std::invalid_argument unless
/// 1 <= k <= kMaxMatchingPairs (cyclic) or 0 <= k <= kMaxMatchingPairs (open).
const WickProgram& wick_program(WickChain chain, int copies);

}  // namespace ltv
