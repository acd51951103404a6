#pragma once
// The check of an algebraic identity across the tiers (SPEC §2, STYLE "one-call oracles"):
// both sides are evaluated on the same dyadic case in exact rationals, MPFR and double.
//   * rational: the residual must be exactly the rational number 0 — no tolerance;
//   * mpfr, double: both sides must agree with each other, and with the exact values, to the
//     digits that tolerance.hpp derives from the tier, a size factor and the case's condition.
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/property.hpp"

#include <type_traits>

namespace ltv {

/// The two sides of an identity, each stacked into one vector (Stack below), plus what the float
/// tiers' tolerance is derived from: a size factor, a condition estimate, and the magnitude of the
/// terms the compared values are sums of. Rounding errors scale with those terms, not with the
/// result (a dot product's error is bounded by γ_n |x||y|, not by γ_n |x·y|), so the float tiers
/// measure their error against max(magnitude, largest compared value).
template <class T> struct IdentitySides {
  Vec<T> lhs, rhs;
  double size_factor = 1;
  double condition = 1;
  double magnitude = 0;
};

/// Appends matrices column-major into one vector.
template <class T> class Stack {
 public:
  Stack& add(const Mat<T>& m) {
    const auto old = v_.size();
    v_.conservativeResize(old + m.size());
    v_.segment(old, m.size()) = Eigen::Map<const Vec<T>>(m.data(), m.size());
    return *this;
  }
  Stack& add(const Vec<T>& v) { return add(Mat<T>(v)); }
  Stack& add(const T& x) { return add(Mat<T>(Mat<T>::Constant(1, 1, x))); }
  const Vec<T>& vector() const { return v_; }

 private:
  Vec<T> v_;
};

namespace detail {

template <class T>
TierEvidence float_identity_evidence(const IdentitySides<T>& s, const IdentitySides<Rational>& exact,
                                     std::string& failure) {
  Agreement statement = agreement<T, T>(s.lhs, s.rhs);
  Agreement vs_exact = agreement<T, Rational>(s.lhs, exact.lhs);
  vs_exact.merge(agreement<T, Rational>(s.rhs, exact.rhs));
  statement.scale = std::max(statement.scale, Mpfr(exact.magnitude));
  vs_exact.scale = std::max(vs_exact.scale, Mpfr(exact.magnitude));
  const Tolerance tol = tolerance_for<T>(exact.size_factor, exact.condition);
  TierEvidence e;
  e.tier = TierOf<T>::value;
  e.bits = mantissa_bits<T>();
  e.residual = short_decimal(statement.scale == 0 ? statement.max_abs_error
                                                  : Mpfr(statement.max_abs_error / statement.scale));
  e.residual_size = statement.scale == 0 ? 0 : static_cast<double>(statement.max_abs_error / statement.scale);
  e.digits = std::min(vs_exact.digits(), statement.digits());
  e.required_digits = tol.required_digits();
  if (failure.empty() && *e.digits < *e.required_digits)
    failure = std::string(tier_name<T>()) + " tier: " + std::to_string(*e.digits) +
              " digits of agreement, fewer than the " + std::to_string(*e.required_digits) + " required";
  return e;
}

}  // namespace detail

/// Evaluates `eval(std::type_identity<T>{}) -> IdentitySides<T>` at every identity tier and
/// decides the case.
template <class Eval> CaseEvidence check_identity(Eval&& eval) {
  const IdentitySides<Rational> exact = eval(std::type_identity<Rational>{});
  CaseEvidence out;
  const Vec<Rational> diff = exact.lhs - exact.rhs;
  Rational residual = 0, scale = 0;
  for (Eigen::Index i = 0; i < diff.size(); ++i) {
    residual = std::max(residual, Rational(abs(diff[i])));
    scale = std::max(scale, Rational(abs(exact.rhs[i])));
  }
  TierEvidence e;
  e.tier = Tier::Exact;
  e.residual = to_decimal(residual);
  e.residual_size = residual == 0 ? 0 : static_cast<double>(scale == 0 ? residual : residual / scale);
  out.tiers.push_back(e);
  if (residual != 0) out.failure = "exact residual " + e.residual + " (scale " + to_decimal(scale) + ")";
  out.tiers.push_back(detail::float_identity_evidence(eval(std::type_identity<Mpfr>{}), exact, out.failure));
  out.tiers.push_back(detail::float_identity_evidence(eval(std::type_identity<double>{}), exact, out.failure));
  return out;
}

}  // namespace ltv
