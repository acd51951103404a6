#include "ltv/expect/wishart_moments.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace ltv {

WishartMoments::WishartMoments(int n, int d) : n_(n), d_(d) {
  if (n < 1 || d < 1) throw std::invalid_argument("Wishart moments need n >= 1 and d >= 1");
}

Integer WishartMoments::trace_product(std::vector<int> powers) {
  Integer factor = 1;
  std::vector<int> parts;
  for (const int k : powers) {
    if (k < 0) throw std::invalid_argument("Wishart moments: negative power");
    if (k == 0)
      factor *= d_;
    else
      parts.push_back(k);
  }
  std::sort(parts.begin(), parts.end(), std::greater<>());
  return factor * of_partition(parts);
}

Integer WishartMoments::of_partition(const std::vector<int>& parts) {
  if (parts.empty()) return 1;
  if (const auto it = memo_.find(parts); it != memo_.end()) return it->second;
  // Integrate the first (largest) trace by parts; `rest` are the other traces.
  const int k = parts.front();
  const std::vector<int> rest(parts.begin() + 1, parts.end());
  const auto with = [&](std::initializer_list<int> added, std::size_t skip = static_cast<std::size_t>(-1)) {
    std::vector<int> p;
    for (std::size_t j = 0; j < rest.size(); ++j)
      if (j != skip) p.push_back(rest[j]);
    p.insert(p.end(), added);
    return trace_product(p);
  };
  Integer value = Integer(n_ + k - 1) * with({k - 1});
  for (int r = 1; r <= k - 1; ++r) value += with({r, k - 1 - r});
  for (std::size_t j = 0; j < rest.size(); ++j) value += Integer(2 * rest[j]) * with({k + rest[j] - 1}, j);
  memo_.emplace(parts, value);
  return value;
}

Rational WishartMoments::trace(int k) {
  return Rational(trace_product({k})) / Rational(pow(Integer(n_), static_cast<unsigned>(k)));
}

Rational WishartMoments::trace_pair(int a, int b) {
  return Rational(trace_product({a, b})) / Rational(pow(Integer(n_), static_cast<unsigned>(a + b)));
}

}  // namespace ltv
