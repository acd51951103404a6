#pragma once
// A23 Theorems 3 and 4: the family S = {A_l = a_l Σ⁻¹ (and B_l = b_l I)} of L-layer SPARSE (and
// RELAXED) models, with x ~ N(0, Σ), w ~ N(0, Σ⁻¹). The claim is that the infimum over S of the
// squared norm of the *full* gradient (every entry of every A_l, B_l) is 0. ltv finds the best
// point of S exactly and measures the full gradient there:
//   * on S every word of the loss (expect/layer_polynomial.hpp) is a monomial in the scalars times
//     the expectation of the word with A_l = Σ⁻¹, B_l = I, so the loss restricted to S is an
//     explicit polynomial f(a, b) with exact coefficients (one Wick evaluation per distinct word);
//   * f is minimised by multi-start damped Newton in double, and the best minimiser is polished by
//     Newton's method in the working tier (quadratic convergence to the tier's precision);
//   * at that point the exact gradient and Hessian over all matrix entries come from
//     expect/layer_loss.hpp.
// b_{L−1} never reaches the prediction (the last layer's x-update is not read), so it is free.
// The same search runs on a wrong family {A_l = a_l Σ} (FamilyBasis::Cov): A23.T3/T4's negative
// control, whose best point must not be stationary over the full matrices.
#include "ltv/expect/layer_loss.hpp"

#include <string>
#include <vector>

namespace ltv {

/// The matrix the A_l are multiples of: Σ⁻¹ (A23's family S) or Σ (a wrong family with the same
/// scalars, the negative control of A23.T3/T4). B_l = b_l I in both.
enum class FamilyBasis { CovInverse, Cov };

/// "a_l Σ⁻¹" / "a_l Σ".
inline std::string family_basis_name(FamilyBasis basis) {
  return basis == FamilyBasis::CovInverse ? "a_l Σ⁻¹" : "a_l Σ";
}

/// A polynomial in the scalars v = (a_0..a_{L−1}, b_0..b_{L−1}): Σ coefficient · Π v_i^{e_i}.
template <class T>
struct ScalarPolynomial {
  int variables = 0;
  std::vector<std::vector<int>> exponents;
  std::vector<T> coefficients;

  T value(const Vec<T>& v) const;
  Vec<T> gradient(const Vec<T>& v) const;
  Mat<T> hessian(const Vec<T>& v) const;
  /// Whether variable i occurs in some monomial.
  bool involves(int i) const;
};

/// The loss restricted to S as a polynomial in (a, b). `problem.cov_w` is used as given (the
/// theorems take Σ_w = Σ⁻¹). Throws like layer_loss.
template <class T>
ScalarPolynomial<T> family_loss_polynomial(const LayerProblem<T>& problem, int layers,
                                           FamilyBasis basis = FamilyBasis::CovInverse);

/// The point of S with scalars v (b ignored for SPARSE).
template <class T>
LayerParameters<T> family_point(const Vec<T>& v, const LayerProblem<T>& problem, int layers,
                                FamilyBasis basis = FamilyBasis::CovInverse);

/// The minimiser of the loss restricted to S.
template <class T>
struct FamilyMinimum {
  Vec<T> scalars;          ///< (a, b); a free variable is 0
  std::vector<bool> free;  ///< per scalar: does not occur in the loss
  T scalar_gradient_norm;  ///< |∇f| there (the stationarity within S that Newton reached)
  int newton_steps = 0;    ///< in the working tier
};

/// The best point of S and what the full loss looks like there.
template <class T>
struct FamilyOptimum {
  FamilyMinimum<T> minimum;
  T loss;                       ///< the exact loss there
  LayerParameters<T> point;     ///< the matrices A_l, B_l
  LayerParameters<T> gradient;  ///< the full gradient over every entry
  T gradient_norm;              ///< its Frobenius norm
};

/// Minimises f over S (double and Mpfr): multi-start in double, Newton in T. Throws
/// std::runtime_error when no start converges.
template <class T>
FamilyMinimum<T> family_minimum(const LayerProblem<T>& problem, int layers,
                                FamilyBasis basis = FamilyBasis::CovInverse);

/// family_minimum, and the full gradient there.
template <class T>
FamilyOptimum<T> family_optimum(const LayerProblem<T>& problem, int layers,
                                FamilyBasis basis = FamilyBasis::CovInverse);

#define LTV_STATIONARY_INSTANCES(PREFIX, T)                                                                \
  PREFIX template struct ScalarPolynomial<T>;                                                              \
  PREFIX template ScalarPolynomial<T> family_loss_polynomial<T>(const LayerProblem<T>&, int, FamilyBasis); \
  PREFIX template LayerParameters<T> family_point<T>(const Vec<T>&, const LayerProblem<T>&, int, FamilyBasis);
#define LTV_STATIONARY_INSTANCES_EXTERN(T) LTV_STATIONARY_INSTANCES(extern, T)
LTV_FOR_EACH_TIER(LTV_STATIONARY_INSTANCES_EXTERN)
// Newton needs an ordered field with rounding: the float tiers only.
#define LTV_FAMILY_OPTIMUM_INSTANCES(PREFIX, T)                                                 \
  PREFIX template FamilyMinimum<T> family_minimum<T>(const LayerProblem<T>&, int, FamilyBasis); \
  PREFIX template FamilyOptimum<T> family_optimum<T>(const LayerProblem<T>&, int, FamilyBasis);
LTV_FAMILY_OPTIMUM_INSTANCES(extern, double)
LTV_FAMILY_OPTIMUM_INSTANCES(extern, Mpfr)

}  // namespace ltv

// Definitions: stationary_impl.hpp, compiled once per tier in theory/tier_*.cpp.
