// Plain summaries of samples (summary.hpp).
#include "ltv/stats/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace ltv::stats {
namespace {

/// Ranks 1..n, ties given the average of the ranks they span.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&v](std::size_t i, std::size_t j) { return v[i] < v[j]; });
  std::vector<double> r(v.size());
  for (std::size_t k = 0; k < order.size();) {
    std::size_t end = k;
    while (end + 1 < order.size() && v[order[end + 1]] == v[order[k]]) ++end;
    const double average = (static_cast<double>(k) + static_cast<double>(end)) / 2 + 1;
    for (std::size_t i = k; i <= end; ++i) r[order[i]] = average;
    k = end + 1;
  }
  return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = mean(a), mb = mean(b);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : kUndefined;
}

}  // namespace

double mean(const std::vector<double>& x) {
  if (x.empty()) return kUndefined;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double median(std::vector<double> x) { return quantile(std::move(x), 0.5); }

double quantile(std::vector<double> x, double p) {
  if (x.empty() || !(p >= 0 && p <= 1)) return kUndefined;
  std::sort(x.begin(), x.end());
  const double h = p * static_cast<double>(x.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  const double frac = h - static_cast<double>(lo);
  return frac == 0 ? x[lo] : x[lo] + frac * (x[hi] - x[lo]);
}

double standard_deviation(const std::vector<double>& x) {
  if (x.size() < 2) return kUndefined;
  const double m = mean(x);
  double s = 0;
  for (const double v : x) s += (v - m) * (v - m);
  return std::sqrt(s / static_cast<double>(x.size() - 1));
}

double slope(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("slope: the samples differ in size");
  if (x.size() < 2) return kUndefined;
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxx > 0 ? sxy / sxx : kUndefined;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("spearman: the samples differ in size");
  if (a.size() < 3) return kUndefined;
  return pearson(ranks(a), ranks(b));
}

}  // namespace ltv::stats
