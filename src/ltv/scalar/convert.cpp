#include "ltv/scalar/convert.hpp"

#include <limits>
#include <sstream>
#include <stdexcept>

namespace ltv {

template <>
std::string to_decimal<double>(const double& x) {
  std::ostringstream os;
  os.precision(std::numeric_limits<double>::max_digits10);
  os << x;
  return os.str();
}

namespace {

/// x in scientific notation with `digits` significant digits, formatted by MPFR itself.
std::string mpfr_scientific(const Mpfr& x, int digits) {
  if (x == 0) return "0";
  char* buffer = nullptr;
  if (mpfr_asprintf(&buffer, "%.*Re", digits - 1, x.backend().data()) < 0 || buffer == nullptr)
    throw std::runtime_error("mpfr_asprintf failed");
  std::string out(buffer);
  mpfr_free_str(buffer);
  return out;
}

}  // namespace

template <>
std::string to_decimal<Mpfr>(const Mpfr& x) {
  // Enough digits to read the value back exactly at its precision.
  return mpfr_scientific(x, static_cast<int>(mpfr_get_str_ndigits(10, mpfr_get_prec(x.backend().data()))));
}

std::string short_decimal(const Mpfr& x) { return mpfr_scientific(x, 3); }

Interval enclose(const Rational& x) {
  Interval out;
  mpfi_set_q(out.backend().data(), x.backend().data());
  return out;
}

template <>
std::string to_decimal<Rational>(const Rational& x) {
  return x.str();
}

template <>
std::string to_decimal<Interval>(const Interval& x) {
  std::ostringstream os;
  os << '[' << to_decimal(Mpfr(lower(x))) << ", " << to_decimal(Mpfr(upper(x))) << ']';
  return os.str();
}

}  // namespace ltv
