#include "ltv/scalar/convert.hpp"

#include <limits>
#include <sstream>

namespace ltv {

template <> std::string to_decimal<double>(const double& x) {
  std::ostringstream os;
  os.precision(std::numeric_limits<double>::max_digits10);
  os << x;
  return os.str();
}

template <> std::string to_decimal<Mpfr>(const Mpfr& x) {
  if (x == 0) return "0";
  return x.str(0, std::ios_base::scientific);
}

std::string short_decimal(const Mpfr& x) {
  if (x == 0) return "0";
  return x.str(3, std::ios_base::scientific);
}

template <> std::string to_decimal<Rational>(const Rational& x) { return x.str(); }

template <> std::string to_decimal<Interval>(const Interval& x) {
  std::ostringstream os;  // (not operator+: GCC 12 warns falsely on "[" + std::string, PR 105651)
  os << '[' << to_decimal(Mpfr(lower(x))) << ", " << to_decimal(Mpfr(upper(x))) << ']';
  return os.str();
}

}  // namespace ltv
