#include "ltv/scalar/precision.hpp"

#include "ltv/scalar/tiers.hpp"

#include <stdexcept>
#include <string>

namespace ltv {
namespace {

unsigned digits_for_bits(unsigned bits) {
  unsigned digits = 1;
  while (boost::multiprecision::detail::digits10_2_2(digits) < bits) ++digits;
  return digits;
}

}  // namespace

unsigned set_working_bits(unsigned bits) {
  if (bits < 32 || bits > 1u << 20)
    throw std::invalid_argument("precision must be between 32 and 1048576 bits, got " + std::to_string(bits));
  const unsigned digits = digits_for_bits(bits);
  Mpfr::default_precision(digits);
  Interval::default_precision(digits);
  return working_bits();
}

unsigned working_bits() {
  const Mpfr probe(0);
  return static_cast<unsigned>(mpfr_get_prec(probe.backend().data()));
}

ScopedBits::ScopedBits(unsigned bits)
    : saved_digits_(Mpfr::default_precision()), bits_(set_working_bits(bits)) {}

ScopedBits::~ScopedBits() {
  Mpfr::default_precision(saved_digits_);
  Interval::default_precision(saved_digits_);
}

}  // namespace ltv
