#pragma once
// Definitions of stationary.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/layer_loss_impl.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/scalar/tolerance.hpp"
#include "ltv/theory/scalar_search.hpp"
#include "ltv/theory/stationary.hpp"

#include <map>

namespace ltv {

namespace detail {

/// x^e, e >= 0. Over intervals the power of the interval, not the product of e copies of it (which
/// for x = [-1, 2] and e = 2 would be [-2, 4] instead of [0, 4]): x^e is monotone on |x| (e even)
/// or on x (e odd), so it is the hull of the endpoints' powers, each rounded outwards.
template <class T>
T power(const T& x, int e) {
  if constexpr (std::is_same_v<T, Interval>) {
    if (e == 0) return T(1);
    const Interval base = e % 2 == 0 ? Interval(abs(x)) : x;
    Interval lo(boost::multiprecision::lower(base)), hi(boost::multiprecision::upper(base));
    const Interval lo1 = lo, hi1 = hi;
    for (int k = 1; k < e; ++k) {
      lo *= lo1;
      hi *= hi1;
    }
    return Interval(boost::multiprecision::lower(lo), boost::multiprecision::upper(hi));
  } else {
    T out = 1;
    for (int k = 0; k < e; ++k) out *= x;
    return out;
  }
}

/// Π_i v_i^{e_i} with e_i lowered by `lower` (a multiset of variables), times the falling factors.
template <class T>
T differentiated_monomial(const std::vector<int>& exponents, const Vec<T>& v,
                          std::initializer_list<int> lower) {
  std::vector<int> e = exponents;
  T factor = 1;
  for (const int i : lower) {
    auto& ei = e[static_cast<std::size_t>(i)];
    if (ei == 0) return T(0);
    factor *= T(ei);
    --ei;
  }
  for (std::size_t i = 0; i < e.size(); ++i)
    if (e[i] > 0) factor *= power(v[static_cast<Eigen::Index>(i)], e[i]);
  return factor;
}

}  // namespace detail

template <class T>
T ScalarPolynomial<T>::value(const Vec<T>& v) const {
  T total = 0;
  for (std::size_t k = 0; k < coefficients.size(); ++k)
    total += coefficients[k] * detail::differentiated_monomial(exponents[k], v, {});
  return total;
}

template <class T>
Vec<T> ScalarPolynomial<T>::gradient(const Vec<T>& v) const {
  Vec<T> g = Vec<T>::Zero(variables);
  for (std::size_t k = 0; k < coefficients.size(); ++k)
    for (int i = 0; i < variables; ++i)
      g[i] += coefficients[k] * detail::differentiated_monomial(exponents[k], v, {i});
  return g;
}

template <class T>
Mat<T> ScalarPolynomial<T>::hessian(const Vec<T>& v) const {
  Mat<T> H = Mat<T>::Zero(variables, variables);
  for (std::size_t k = 0; k < coefficients.size(); ++k)
    for (int i = 0; i < variables; ++i)
      for (int j = 0; j <= i; ++j) {
        const T h = coefficients[k] * detail::differentiated_monomial(exponents[k], v, {i, j});
        H(i, j) += h;
        if (i != j) H(j, i) += h;
      }
  return H;
}

template <class T>
bool ScalarPolynomial<T>::involves(int i) const {
  for (const auto& e : exponents)
    if (e[static_cast<std::size_t>(i)] > 0) return true;
  return false;
}

namespace detail {

/// The matrix the A_l of the family are multiples of.
template <class T>
Mat<T> family_basis_matrix(const LayerProblem<T>& problem, FamilyBasis basis) {
  return basis == FamilyBasis::CovInverse ? Mat<T>(problem.cov.inverse()) : problem.cov;
}

}  // namespace detail

template <class T>
ScalarPolynomial<T> family_loss_polynomial(const LayerProblem<T>& problem, int layers, FamilyBasis basis) {
  const LayerWords& words = layer_words(problem.family, layers);
  const LayerSymbols& symbols = words.symbols;
  const int basis_symbol = symbols.count();  // a symbol for Σ⁻¹ (or Σ), symmetric
  const int variables = 2 * layers;

  // Each word: its scalar monomial, and the word with A_l -> Σ⁻¹ (or Σ), B_l -> I.
  std::map<Word, std::map<std::vector<int>, std::int64_t>> reduced;
  for (const auto& [w, c] : words.loss.terms()) {
    std::vector<int> exponents(static_cast<std::size_t>(variables), 0);
    Word r;
    for (const Letter& l : w) {
      if (!l.is_S() && l.symbol < layers) {
        ++exponents[static_cast<std::size_t>(l.symbol)];
        r.push_back({basis_symbol, false, true});
      } else if (!l.is_S() && l.symbol < 2 * layers) {
        ++exponents[static_cast<std::size_t>(l.symbol)];  // B_l = b_l I
      } else {
        r.push_back(l);
      }
    }
    reduced[canonical_trace_word(r)][exponents] += c;
  }

  std::vector<Mat<T>> values(static_cast<std::size_t>(basis_symbol) + 1);
  values[static_cast<std::size_t>(symbols.cov())] = problem.cov;
  values[static_cast<std::size_t>(symbols.cov_w())] = problem.cov_w;
  values[static_cast<std::size_t>(basis_symbol)] = detail::family_basis_matrix(problem, basis);
  std::map<std::vector<int>, T> coefficients;
  for (const auto& [word, monomials] : reduced) {
    WordSum single;
    single.add(word, 1);
    const T value = expect_trace_words<T>(single, values, problem.cov, problem.n);
    for (const auto& [exponents, c] : monomials) {
      auto [it, inserted] = coefficients.try_emplace(exponents, T(0));
      it->second += T(c) * value;
    }
  }
  ScalarPolynomial<T> out;
  out.variables = variables;
  for (const auto& [exponents, c] : coefficients) {
    out.exponents.push_back(exponents);
    out.coefficients.push_back(c);
  }
  return out;
}

template <class T>
LayerParameters<T> family_point(const Vec<T>& v, const LayerProblem<T>& problem, int layers, FamilyBasis basis) {
  const Mat<T> A = detail::family_basis_matrix(problem, basis);
  const Eigen::Index d = problem.cov.rows();
  LayerParameters<T> out;
  for (int l = 0; l < layers; ++l) {
    out.A.push_back(v[l] * A);
    if (problem.family == LayerFamily::Relaxed) out.B.push_back(v[layers + l] * Mat<T>::Identity(d, d));
  }
  return out;
}

namespace detail {

/// The variables that occur, as indices.
template <class T>
std::vector<int> active_variables(const ScalarPolynomial<T>& f) {
  std::vector<int> out;
  for (int i = 0; i < f.variables; ++i)
    if (f.involves(i)) out.push_back(i);
  return out;
}

/// Restricts gradient and Hessian to the active variables.
template <class T>
std::pair<Vec<T>, Mat<T>> active_derivatives(const ScalarPolynomial<T>& f, const Vec<T>& v,
                                             const std::vector<int>& active) {
  const Vec<T> g = f.gradient(v);
  const Mat<T> H = f.hessian(v);
  const auto m = static_cast<Eigen::Index>(active.size());
  Vec<T> ga(m);
  Mat<T> Ha(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    ga[i] = g[active[static_cast<std::size_t>(i)]];
    for (Eigen::Index j = 0; j < m; ++j)
      Ha(i, j) = H(active[static_cast<std::size_t>(i)], active[static_cast<std::size_t>(j)]);
  }
  return {ga, Ha};
}

/// The polynomial as a search objective over the active variables.
template <class T>
ScalarObjective<T> polynomial_objective(const ScalarPolynomial<T>& f, const std::vector<int>& active) {
  return {[&f](const Vec<T>& v) { return f.value(v); },
          [&f, &active](const Vec<T>& v) { return active_derivatives(f, v, active); }};
}

}  // namespace detail

template <class T>
FamilyMinimum<T> family_minimum(const LayerProblem<T>& problem, int layers, FamilyBasis basis) {
  const ScalarPolynomial<T> f = family_loss_polynomial<T>(problem, layers, basis);
  const std::vector<int> active = detail::active_variables(f);

  // Multi-start in double on the rounded polynomial, then Newton in the working tier.
  ScalarPolynomial<double> rounded{f.variables, f.exponents, {}};
  for (const auto& c : f.coefficients) rounded.coefficients.push_back(convert<double>(c));
  const Vec<double> best = multistart_minimum(detail::polynomial_objective(rounded, active), active, f.variables);
  FamilyMinimum<T> out;
  Vec<T> v(f.variables);
  for (int i = 0; i < f.variables; ++i) v[i] = T(best[i]);
  out.newton_steps = newton_polish(detail::polynomial_objective(f, active), active, v);
  out.scalar_gradient_norm = detail::active_derivatives(f, v, active).first.norm();
  out.scalars = problem.family == LayerFamily::Sparse ? Vec<T>(v.head(layers)) : v;
  for (Eigen::Index i = 0; i < out.scalars.size(); ++i) out.free.push_back(!f.involves(static_cast<int>(i)));
  return out;
}

template <class T>
FamilyOptimum<T> family_optimum(const LayerProblem<T>& problem, int layers, FamilyBasis basis) {
  FamilyOptimum<T> out;
  out.minimum = family_minimum<T>(problem, layers, basis);
  out.point = family_point<T>(out.minimum.scalars, problem, layers, basis);
  out.loss = layer_loss<T>(out.point, problem);
  out.gradient = layer_gradient<T>(out.point, problem);
  out.gradient_norm = stack_layer_parameters<T>(out.gradient).norm();
  return out;
}

}  // namespace ltv
