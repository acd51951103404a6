#pragma once
// Run-time precision of the Mpfr and Interval tiers.
//
// Boost.Multiprecision sets variable precision in decimal digits, and converts d digits to
// floor(1000 d / 301) + 2 bits (+1 when exact). Not every bit count is reachable that way: 256 bits is
// not (76 digits give 254, 77 give 257). `set_working_bits(b)` picks the smallest digit count
// whose bit count is >= b, and `working_bits()` reports the bit count really in use, which is
// what results.json records.
namespace ltv {

/// Sets the precision of Mpfr and Interval values created from now on; returns the real bit count.
/// Set it once, before any multiprecision value of the computation exists.
unsigned set_working_bits(unsigned bits);

/// The precision, in bits, of a Mpfr value created now.
unsigned working_bits();

/// Restores the previous precision on scope exit.
class ScopedBits {
 public:
  explicit ScopedBits(unsigned bits);
  ~ScopedBits();
  ScopedBits(const ScopedBits&) = delete;
  ScopedBits& operator=(const ScopedBits&) = delete;
  unsigned bits() const { return bits_; }

 private:
  unsigned saved_digits_;
  unsigned bits_;
};

}  // namespace ltv
