#pragma once
// The check of an algebraic identity across the tiers (docs/conventions.md), in one call:
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
template <class T>
struct IdentitySides {
  Vec<T> lhs, rhs;
  double size_factor = 1;
  double condition = 1;
  double magnitude = 0;
};

/// Appends matrices column-major into one vector.
template <class T>
class Stack {
 public:
  Stack& add(const Mat<T>& m) {
    values_.insert(values_.end(), m.data(), m.data() + m.size());
    return *this;
  }
  Stack& add(const Vec<T>& v) {
    values_.insert(values_.end(), v.data(), v.data() + v.size());
    return *this;
  }
  Stack& add(const T& x) {
    values_.push_back(x);
    return *this;
  }
  Vec<T> vector() const {
    return Eigen::Map<const Vec<T>>(values_.data(), static_cast<Eigen::Index>(values_.size()));
  }

 private:
  std::vector<T> values_;
};

namespace detail {

/// The rational tier's evidence: the residual must be the rational number 0.
TierEvidence exact_identity_evidence(const IdentitySides<Rational>& exact, std::string& failure);

/// A float tier's evidence: agreement of the two sides with each other and with the exact values.
template <class T>
TierEvidence float_identity_evidence(const IdentitySides<T>& s, const IdentitySides<Rational>& exact,
                                     std::string& failure);
// Explicit instantiations for the float tiers: declared here, defined in identity_check.cpp.
#define LTV_IDENTITY_CHECK_INSTANCES(PREFIX, T)                                    \
  PREFIX template TierEvidence float_identity_evidence<T>(const IdentitySides<T>&, \
                                                          const IdentitySides<Rational>&, std::string&);
LTV_IDENTITY_CHECK_INSTANCES(extern, double)
LTV_IDENTITY_CHECK_INSTANCES(extern, Mpfr)

}  // namespace detail

/// Evaluates `eval(std::type_identity<T>{}) -> IdentitySides<T>` at every identity tier and
/// decides the case.
template <class Eval>
CaseEvidence check_identity(Eval&& eval) {
  const IdentitySides<Rational> exact = eval(std::type_identity<Rational>{});
  CaseEvidence out;
  out.tiers.push_back(detail::exact_identity_evidence(exact, out.failure));
  out.tiers.push_back(detail::float_identity_evidence(eval(std::type_identity<Mpfr>{}), exact, out.failure));
  out.tiers.push_back(
      detail::float_identity_evidence(eval(std::type_identity<double>{}), exact, out.failure));
  return out;
}

}  // namespace ltv
