#pragma once
// Definitions of wick.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/fused_products.hpp"
#include "ltv/expect/wick.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>

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

template <class T>
T expect_trace(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_trace", C, 1, kMaxMatchingPairs, Sigma, n);
  return detail::evaluate_trace(C, Sigma, n, true);
}

template <class T>
Mat<T> expect_product(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_product", C, 1, kMaxMatchingPairs + 1, Sigma, n);
  return detail::evaluate_product(C, Sigma, n, true);
}

template <class T>
T expect_trace_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_trace_wishart", C, 1, kMaxMatchingPairs, Sigma, n);
  return detail::evaluate_trace(C, Sigma, n, false);
}

template <class T>
Mat<T> expect_product_wishart(const std::vector<Mat<T>>& C, const Mat<T>& Sigma, int n) {
  detail::check_wick_arguments("expect_product_wishart", C, 1, kMaxMatchingPairs + 1, Sigma, n);
  return detail::evaluate_product(C, Sigma, n, false);
}

}  // namespace ltv
