#include "ltv/verify/identity_check.hpp"

namespace ltv::detail {

TierEvidence exact_identity_evidence(const IdentitySides<Rational>& exact, std::string& failure) {
  const Vec<Rational> diff = exact.lhs - exact.rhs;
  Rational residual = 0, scale = 0;
  for (Eigen::Index i = 0; i < diff.size(); ++i) {
    residual = std::max(residual, Rational(abs(diff[i])));
    scale = std::max(scale, Rational(abs(exact.rhs[i])));
  }
  TierEvidence e;
  e.tier = Tier::Rational;
  e.residual = to_decimal(residual);
  e.residual_size = residual == 0 ? 0 : static_cast<double>(scale == 0 ? residual : residual / scale);
  if (residual != 0 && failure.empty())
    failure = "exact residual " + e.residual + " (scale " + to_decimal(scale) + ")";
  return e;
}

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
  e.tier = tier_of<T>();
  e.bits = mantissa_bits<T>();
  e.residual = short_decimal(statement.scale == 0 ? statement.max_abs_error
                                                  : Mpfr(statement.max_abs_error / statement.scale));
  e.residual_size = statement.scale == 0 ? 0 : static_cast<double>(statement.max_abs_error / statement.scale);
  e.digits = std::min(vs_exact.digits(), statement.digits());
  e.required_digits = tol.required_digits();
  if (failure.empty() && *e.digits < *e.required_digits)
    failure = std::string(tier_name(tier_of<T>())) + " tier: " + std::to_string(*e.digits) +
              " digits of agreement, fewer than the " + std::to_string(*e.required_digits) + " required";
  return e;
}

LTV_IDENTITY_CHECK_INSTANCES(, double)
LTV_IDENTITY_CHECK_INSTANCES(, Mpfr)

}  // namespace ltv::detail
