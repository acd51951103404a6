// Numbers as the report's tables print them (numbers.hpp).
#include "ltv/report/numbers.hpp"

#include <cmath>
#include <sstream>

namespace ltv {

std::string short_number(double x, int digits) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os.precision(digits);
  os << x;
  return os.str();
}

std::string short_number(const nlohmann::json& x, int digits) {
  return x.is_number() ? short_number(x.get<double>(), digits) : x.is_string() ? x.get<std::string>() : x.dump();
}

}  // namespace ltv
