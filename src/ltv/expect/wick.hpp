#pragma once
// The Wick-matching engine (docs/architecture.md): exact moments of the sample second-moment matrix
//
//     S = (1/n) Σ_{i=1..n} x_i x_iᵀ,   x_1..x_n i.i.d. N(0, Σ) in R^d,
//
//   expect_trace(C, Σ, n)   = E tr(C_0 S C_1 S ··· C_{k−1} S)   (k = C.size() copies of S, cyclic)
//   expect_product(C, Σ, n) = E[C_0 S C_1 S ··· S C_k]          (k = C.size() − 1 copies, open)
//
// for arbitrary (not necessarily symmetric) d×d matrices C_a, and the same for the raw Wishart
// matrix W = Σ_i x_i x_iᵀ = nS (the *_wishart functions). The value is a polynomial in the entries
// of the C's and Σ and in 1/n, so the Rational tier computes it exactly; the other tiers evaluate
// the same program with their rounding. This is what lets population losses be exact instead of
// Monte Carlo estimates (which give 2–3 digits).
//
// Derivation (cyclic chain). Write copy a of S as (1/n) Σ_{i_a} u_a v_aᵀ with u_a = v_a = x_{i_a};
// its "left slot" L_a holds u_a and its "right slot" R_a holds v_aᵀ. Then
//
//   tr(C_0 u_0 v_0ᵀ C_1 u_1 v_1ᵀ ··· C_{k−1} u_{k−1} v_{k−1}ᵀ) = Π_a v_{a−1}ᵀ C_a u_a     (a − 1 mod k)
//     = Σ_{coordinates p} Π_a C_a[p(R_{a−1}), p(L_a)] · Π_{slots s} z_s,
//
// with one coordinate p(s) per slot and the 2k scalars z_{L_a} = u_a[p(L_a)], z_{R_a} = v_a[p(R_a)].
// For a fixed index assignment i = (i_0, …, i_{k−1}) these scalars are centred and jointly Gaussian
// (equal indices make equal vectors; Isserlis' theorem allows repeated variables), with
// E[z_s z_t] = δ(i_{a(s)}, i_{a(t)}) Σ[p(s), p(t)], a(s) the copy of slot s. Isserlis' theorem:
//
//   E Π_s z_s = Σ_{perfect matchings μ of the 2k slots} Π_{{s,t} ∈ μ} δ(i_{a(s)}, i_{a(t)}) Σ[p(s), p(t)].
//
// Index sum: Π δ = 1 exactly when i is constant on every connected component of the graph G_μ on the
// k copies with one edge {a(s), a(t)} per pair of μ, so Σ_i Π δ = n^{c(μ)}, c(μ) = #components of
// G_μ. (This is not the number of trace cycles below: μ = {L_0R_0, L_1R_1} has c = 2 and one cycle.
// A weight "n^{#cycles}" can only mean these components.)
// Coordinate sum: every slot's coordinate appears in one C-entry and one Σ-entry, so the entries
// close into cycles alternating C's and Σ's; a cycle read in one direction is tr(f_1 Σ f_2 Σ ··· f_m Σ)
// with f = C_a where it crosses C_a from its row slot R_{a−1} to its column slot L_a and f = C_aᵀ
// where it crosses the other way (this is where transposes come from: e.g. a pair of two left
// slots). Σ is symmetric, so the direction of reading does not matter (tr X = tr Xᵀ). Altogether
//
//   E tr(C_0 S ··· C_{k−1} S) = Σ_μ n^{c(μ)−k} Π_{cycles γ of μ} tr(Π_{f ∈ γ} f Σ),
//
// and with W = nS the weight is n^{c(μ)}. For the open chain the slots L_0 and R_{k−1} are joined
// by C_0 and C_k to the free indices of the result, and the chain through them is the matrix
// C_0 Σ f_1 Σ ··· Σ C_k instead of a trace (wick_program.hpp). Example, k = 2, open chain (I, A, I):
//   μ = {L_0R_0, L_1R_1}: c = 2, Σ A Σ;   {L_0L_1, R_0R_1}: c = 1, Σ Aᵀ Σ;   {L_0R_1, R_0L_1}: c = 1,
//   Σ · tr(AΣ);   so  E[S A S] = Σ A Σ + (Σ Aᵀ Σ + tr(AΣ) Σ)/n.
//
// Cost: the program of wick_program.hpp (compiled once per chain and k, and cached) evaluates every
// distinct cycle once, sharing the common prefixes of the products in a trie, and then sums one
// scalar term per matching: (2k−1)!!, i.e. 10 395 for k = 6 and 2 027 025 for k = 8, the largest k
// supported. The rational tier first clears denominators (IntegerScaling below); Mpfr uses fused
// kernels (fused_products.hpp). Measured on one core at d = 4, trace / product: k = 6 in 0.2 / 0.3 ms
// (double), 26 / 44 ms (Mpfr, 257 bits), 0.3 / 0.6 s (Rational, Householder-built Σ); k = 8 in
// 9 / 15 s (Mpfr) after compiling its program once (6 / 9 s, 0.3 / 0.4 GB).
#include "ltv/expect/fused_products.hpp"
#include "ltv/expect/wick_program.hpp"
#include "ltv/scalar/eigen_glue.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ltv {
namespace detail {

/// m(i, j) and m(j, i) are the same value (for intervals: the same endpoints; an interval
/// comparison of overlapping values would be undecided).
template <class T>
bool exactly_symmetric(const Mat<T>& m) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = j + 1; i < m.rows(); ++i) {
      if constexpr (std::is_same_v<T, Interval>) {
        if (lower(m(i, j)) != lower(m(j, i)) || upper(m(i, j)) != upper(m(j, i))) return false;
      } else if (m(i, j) != m(j, i)) {
        return false;
      }
    }
  return true;
}

/// Throws std::invalid_argument naming `who` unless Σ is square, non-empty and exactly symmetric
/// (the derivation uses Σ = E[x xᵀ] = Σᵀ), every C_a is d×d, n >= 1 and C has between `fewest`
/// and `most` matrices.
template <class T>
void check_wick_arguments(const char* who, const std::vector<Mat<T>>& C, std::size_t fewest, std::size_t most,
                          const Mat<T>& Sigma, int n) {
  const auto fail = [who](const std::string& what) {
    throw std::invalid_argument(std::string(who) + ": " + what);
  };
  if (Sigma.rows() < 1 || Sigma.rows() != Sigma.cols()) fail("Σ must be a non-empty square matrix");
  if (!exactly_symmetric(Sigma)) fail("Σ must be exactly symmetric");
  if (n < 1) fail("n must be >= 1, got " + std::to_string(n));
  if (C.size() < fewest || C.size() > most)
    fail("needs between " + std::to_string(fewest) + " and " + std::to_string(most) + " matrices, got " +
         std::to_string(C.size()));
  for (std::size_t a = 0; a < C.size(); ++a)
    if (C[a].rows() != Sigma.rows() || C[a].cols() != Sigma.cols())
      fail("C_" + std::to_string(a) + " is " + std::to_string(C[a].rows()) + "×" +
           std::to_string(C[a].cols()) + ", Σ is " + std::to_string(Sigma.rows()) + "×" +
           std::to_string(Sigma.cols()));
}

/// The weight of a matching with c index components, c = 0..k: n^(c−k) for S, n^c for W = nS.
template <class T>
std::vector<T> component_weights(int copies, int n, bool per_sample) {
  std::vector<T> weights(static_cast<std::size_t>(copies) + 1);
  T power = 1;  // n^(k−c) for S, n^c for W
  for (int step = 0; step <= copies; ++step) {
    const int c = per_sample ? copies - step : step;
    weights[static_cast<std::size_t>(c)] = per_sample ? T(1) / power : power;
    power *= T(n);
  }
  return weights;
}

/// op(C_a)·Σ for every factor: [2a] = C_a Σ, [2a + 1] = C_aᵀ Σ.
template <class T>
std::vector<Mat<T>> factors_times_sigma(const std::vector<Mat<T>>& C, const Mat<T>& Sigma) {
  std::vector<Mat<T>> out(2 * C.size());
  for (std::size_t a = 0; a < C.size(); ++a) {
    multiply_into(out[2 * a], C[a], Sigma);
    multiply_into(out[2 * a + 1], Mat<T>(C[a].transpose()), Sigma);
  }
  return out;
}

template <class T>
const Mat<T>& times_sigma(const std::vector<Mat<T>>& factor_sigma, const WickFactor& f) {
  return factor_sigma[static_cast<std::size_t>(2 * f.matrix + (f.transposed ? 1 : 0))];
}

/// Walks a trie in its depth-first order, keeping the value of the current node at every depth,
/// and calls visit(i, prefix) for every product i, with prefix the value of its prefix node
/// (nullptr for the empty prefix).
template <class T, class Visit>
void walk_trie(const WickTrie& trie, const std::vector<Mat<T>>& factor_sigma, Visit&& visit) {
  std::size_t product = 0;
  const auto visit_products_of = [&](int node, const Mat<T>* value) {
    for (; product < trie.products.size() && trie.products[product].prefix == node; ++product)
      visit(product, value);
  };
  visit_products_of(-1, nullptr);
  std::vector<Mat<T>> value_at_depth(static_cast<std::size_t>(trie.depth()));
  for (std::size_t i = 0; i < trie.nodes.size(); ++i) {
    const WickPrefix& node = trie.nodes[i];
    const auto depth = static_cast<std::size_t>(node.depth);
    const Mat<T>& step = times_sigma(factor_sigma, node.factor);
    if (depth == 0)
      value_at_depth[0] = step;
    else
      multiply_into(value_at_depth[depth], value_at_depth[depth - 1], step);
    visit_products_of(static_cast<int>(i), &value_at_depth[depth]);
  }
}

/// tr(prefix · last · Σ) of every cycle.
template <class T>
std::vector<T> cycle_traces(const WickProgram& program, const std::vector<Mat<T>>& factor_sigma) {
  std::vector<T> traces(program.cycles.products.size());
  walk_trie<T>(program.cycles, factor_sigma, [&](std::size_t i, const Mat<T>* prefix) {
    const Mat<T>& last = times_sigma(factor_sigma, program.cycles.products[i].last);
    traces[i] = prefix ? trace_of_product(*prefix, last) : T(last.trace());
  });
  return traces;
}

/// weight_{c(μ)} · Π_{cycles of μ} trace: the scalar part of one matching's term.
template <class T>
T term_scalar(const WickProgram& program, const WickTerm& term, const std::vector<T>& weights,
              const std::vector<T>& traces) {
  T value = weights[static_cast<std::size_t>(term.components)];
  for (int j = 0; j < term.cycle_count; ++j)
    value *=
        traces[static_cast<std::size_t>(program.term_cycles[static_cast<std::size_t>(term.first_cycle + j)])];
  return value;
}

/// Σ_μ weight_{c(μ)} Π_{cycles} tr(…): the cyclic chain.
template <class T>
T trace_sum(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, const std::vector<T>& weights) {
  const WickProgram& program = wick_program(WickChain::Cyclic, static_cast<int>(C.size()));
  const std::vector<T> traces = cycle_traces(program, factors_times_sigma(C, Sigma));
  T total = 0;
  for (const auto& term : program.terms) total += term_scalar(program, term, weights, traces);
  return total;
}

/// Σ_μ weight_{c(μ)} · path(μ) · Π_{cycles} tr(…): the open chain. Every path ends with C_k, so the
/// sum is (Σ_paths w_path · prefix_path) · C_k, one product instead of one per path.
template <class T>
Mat<T> product_sum(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, const std::vector<T>& weights) {
  const WickProgram& program = wick_program(WickChain::Open, static_cast<int>(C.size()) - 1);
  const std::vector<Mat<T>> factor_sigma = factors_times_sigma(C, Sigma);
  const std::vector<T> traces = cycle_traces(program, factor_sigma);
  std::vector<T> path_weight(program.paths.products.size(), T(0));
  for (const auto& term : program.terms)
    path_weight[static_cast<std::size_t>(term.path)] += term_scalar(program, term, weights, traces);
  Mat<T> prefixes = Mat<T>::Zero(Sigma.rows(), Sigma.cols());
  walk_trie<T>(program.paths, factor_sigma, [&](std::size_t i, const Mat<T>* prefix) {
    if (prefix)
      add_scaled(prefixes, path_weight[i], *prefix);
    else
      prefixes.diagonal().array() += path_weight[i];
  });
  Mat<T> total;
  multiply_into(total, prefixes, C.back());
  return total;
}

/// For the rational tier: Σ = Σ'/D_Σ and C_a = C'_a/D_a with integer matrices Σ', C'_a (D the least
/// common multiple of the denominators of the entries). The value is homogeneous of degree k in Σ
/// and of degree 1 in every C_a, so it is the value at the integer inputs divided by D_Σ^k Π_a D_a;
/// with integer inputs and the integer weights n^c of W, every intermediate is an integer, which
/// spares GMP the gcds of rational arithmetic (30–50× faster on Householder-built Σ at k = 6).
struct IntegerScaling {
  std::vector<Mat<Rational>> C;
  Mat<Rational> Sigma;
  Rational divisor = 1;  ///< D_Σ^k Π_a D_a
};

inline Rational common_denominator(const Mat<Rational>& m) {
  using Integer =
      boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;
  Integer out = 1;
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i) out = lcm(out, Integer(denominator(m(i, j))));
  return Rational(out);
}

inline IntegerScaling integer_scaling(const std::vector<Mat<Rational>>& C, const Mat<Rational>& Sigma,
                                      int copies) {
  IntegerScaling out;
  const Rational sigma_denominator = common_denominator(Sigma);
  out.Sigma = Sigma * sigma_denominator;
  for (int c = 0; c < copies; ++c) out.divisor *= sigma_denominator;
  for (const auto& c : C) {
    const Rational denominator = common_denominator(c);
    out.C.push_back(c * denominator);
    out.divisor *= denominator;
  }
  return out;
}

/// The value for S (per_sample: weights n^(c−k)) or W (weights n^c). The rational tier evaluates W at
/// the integer-scaled inputs and divides once at the end (by n^k too, for S).
template <class T>
T evaluate_trace(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n, bool per_sample) {
  const int k = static_cast<int>(C.size());
  if constexpr (is_exact<T>) {
    const IntegerScaling scaled = integer_scaling(C, Sigma, k);
    const std::vector<T> weights = component_weights<T>(k, n, false);  // [k] = n^k
    return trace_sum(scaled.C, scaled.Sigma, weights) /
           (per_sample ? scaled.divisor * weights.back() : scaled.divisor);
  } else {
    return trace_sum(C, Sigma, component_weights<T>(k, n, per_sample));
  }
}

template <class T>
Mat<T> evaluate_product(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n, bool per_sample) {
  const int k = static_cast<int>(C.size()) - 1;
  if constexpr (is_exact<T>) {
    const IntegerScaling scaled = integer_scaling(C, Sigma, k);
    const std::vector<T> weights = component_weights<T>(k, n, false);  // [k] = n^k
    return product_sum(scaled.C, scaled.Sigma, weights) /
           (per_sample ? scaled.divisor * weights.back() : scaled.divisor);
  } else {
    return product_sum(C, Sigma, component_weights<T>(k, n, per_sample));
  }
}

}  // namespace detail

/// E tr(C_0 S C_1 S ··· C_{k−1} S) for S = (1/n) Σ_{i<=n} x_i x_iᵀ, x_i i.i.d. N(0, Σ), k = C.size().
/// Throws std::invalid_argument unless 1 <= k <= kMaxMatchingPairs, every C_a is d×d, Σ is d×d and
/// exactly symmetric, and n >= 1. (Σ need not be positive definite: the value is a polynomial.)
template <class T>
T expect_trace(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_trace", C, 1, kMaxMatchingPairs, Sigma, n);
  return detail::evaluate_trace(C, Sigma, n, true);
}

/// E[C_0 S C_1 S ··· S C_k] (a d×d matrix), k = C.size() − 1 copies of S; C = {C_0} gives C_0.
/// Throws as expect_trace, with 0 <= k <= kMaxMatchingPairs.
template <class T>
Mat<T> expect_product(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_product", C, 1, kMaxMatchingPairs + 1, Sigma, n);
  return detail::evaluate_product(C, Sigma, n, true);
}

/// E tr(C_0 W ··· C_{k−1} W) for the Wishart matrix W = Σ_{i<=n} x_i x_iᵀ = nS (weights n^c, so no
/// rounding from rescaling). Throws as expect_trace.
template <class T>
T expect_trace_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_trace_wishart", C, 1, kMaxMatchingPairs, Sigma, n);
  return detail::evaluate_trace(C, Sigma, n, false);
}

/// E[C_0 W C_1 W ··· W C_k] for W = nS. Throws as expect_product.
template <class T>
Mat<T> expect_product_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_product_wishart", C, 1, kMaxMatchingPairs + 1, Sigma, n);
  return detail::evaluate_product(C, Sigma, n, false);
}

}  // namespace ltv

// Explicit instantiations for every tier (expect/tier_*.cpp): declared here, defined once per tier.
#define LTV_WICK_INSTANCES(PREFIX, T)                                                        \
  PREFIX template T expect_trace<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);         \
  PREFIX template Mat<T> expect_product<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);  \
  PREFIX template T expect_trace_wishart<T>(const std::vector<Mat<T>>&, const Mat<T>&, int); \
  PREFIX template Mat<T> expect_product_wishart<T>(const std::vector<Mat<T>>&, const Mat<T>&, int);
#define LTV_WICK_INSTANCES_EXTERN(T) LTV_WICK_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_WICK_INSTANCES_EXTERN)
}  // namespace ltv
