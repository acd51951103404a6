// Estimates with confidence intervals (estimate.hpp).
#include "ltv/stats/estimate.hpp"

#include "ltv/core/random.hpp"
#include "ltv/stats/summary.hpp"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace ltv::stats {
namespace {

void check_level(double level) {
  if (!(level > 0 && level < 1)) throw std::invalid_argument("a confidence level must lie in (0, 1)");
}

Estimate undefined(int samples, double level, std::string method) {
  return {kUndefined, kUndefined, kUndefined, level, samples, std::move(method)};
}

/// The two-sided critical value of Student's t at `level`.
double t_quantile(double dof, double level) {
  return boost::math::quantile(boost::math::complement(boost::math::students_t(dof), (1 - level) / 2));
}

}  // namespace

bool Estimate::defined() const { return !std::isnan(lower) && !std::isnan(upper) && !std::isnan(value); }

Estimate bootstrap(const std::vector<double>& x, const Statistic& statistic, const std::string& statistic_name,
                   const BootstrapOptions& o) {
  return bootstrap_groups(
      {x}, [&statistic](const std::vector<std::vector<double>>& g) { return statistic(g[0]); }, statistic_name, o);
}

Estimate bootstrap_groups(const std::vector<std::vector<double>>& groups, const GroupStatistic& statistic,
                          const std::string& statistic_name, const BootstrapOptions& o) {
  check_level(o.level);
  if (o.resamples < 100) throw std::invalid_argument("a bootstrap needs at least 100 resamples");
  int n = 0;
  std::string sizes;
  std::size_t smallest = groups.empty() ? 0 : groups[0].size();
  for (const auto& g : groups) {
    n += static_cast<int>(g.size());
    sizes += (sizes.empty() ? "" : " + ") + std::to_string(g.size());
    smallest = std::min(smallest, g.size());
  }
  const std::string method = "percentile bootstrap of the " + statistic_name + " over " +
                             (groups.size() > 1 ? sizes + " observations, each group resampled on its own"
                                                : std::to_string(n) + " observations") +
                             " (" + std::to_string(o.resamples) + " resamples)";
  if (groups.empty() || smallest < 2) return undefined(n, o.level, method);
  const double value = statistic(groups);
  if (std::isnan(value)) return undefined(n, o.level, method);
  Rng rng(o.seed);
  std::vector<double> draws;
  draws.reserve(static_cast<std::size_t>(o.resamples));
  std::vector<std::vector<double>> resample = groups;
  for (int r = 0; r < o.resamples; ++r) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, groups[g].size() - 1);
      for (double& v : resample[g]) v = groups[g][pick(rng)];
    }
    const double s = statistic(resample);
    if (!std::isnan(s)) draws.push_back(s);
  }
  // A statistic undefined on many resamples (e.g. a correlation of a constant resample) has no
  // trustworthy interval.
  if (draws.size() < static_cast<std::size_t>(o.resamples) * 9 / 10) return undefined(n, o.level, method);
  const double tail = (1 - o.level) / 2;
  return {value, quantile(draws, tail), quantile(draws, 1 - tail), o.level, n, method};
}

Estimate mean_interval(const std::vector<double>& x, double level) {
  check_level(level);
  const int n = static_cast<int>(x.size());
  const std::string method = "mean with Student's t interval over " + std::to_string(n) + " observations";
  if (n < 2) return undefined(n, level, method);
  const double m = mean(x), se = standard_deviation(x) / std::sqrt(static_cast<double>(n));
  if (!std::isfinite(m) || !std::isfinite(se)) return undefined(n, level, method);
  const double t = t_quantile(n - 1.0, level);
  return {m, m - t * se, m + t * se, level, n, method};
}

Estimate difference_interval(const std::vector<double>& a, const std::vector<double>& b, double level) {
  check_level(level);
  const int n = static_cast<int>(a.size() + b.size());
  const std::string method = "difference of means with Welch's t interval over " + std::to_string(a.size()) + " + " +
                             std::to_string(b.size()) + " observations";
  if (a.size() < 2 || b.size() < 2) return undefined(n, level, method);
  const double va = std::pow(standard_deviation(a), 2) / static_cast<double>(a.size()),
               vb = std::pow(standard_deviation(b), 2) / static_cast<double>(b.size());
  const double diff = mean(b) - mean(a), se = std::sqrt(va + vb);
  if (!std::isfinite(diff) || !std::isfinite(se)) return undefined(n, level, method);
  if (se == 0) return {diff, diff, diff, level, n, method};
  const double dof = (va + vb) * (va + vb) /
                     (va * va / (static_cast<double>(a.size()) - 1) + vb * vb / (static_cast<double>(b.size()) - 1));
  const double t = t_quantile(dof, level);
  return {diff, diff - t * se, diff + t * se, level, n, method};
}

Estimate magnitude_relative_to(const Estimate& d, double scale) {
  Estimate e = d;
  e.method = "|difference| / " + std::to_string(scale) + ", interval of |.| over the interval of: " + d.method;
  if (!d.defined() || !(scale > 0) || !std::isfinite(scale)) {
    e.value = e.lower = e.upper = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  const bool straddles = d.lower <= 0 && d.upper >= 0;
  e.value = std::abs(d.value) / scale;
  e.lower = straddles ? 0 : std::min(std::abs(d.lower), std::abs(d.upper)) / scale;
  e.upper = std::max(std::abs(d.lower), std::abs(d.upper)) / scale;
  return e;
}

Estimate slope_interval(const std::vector<double>& x, const std::vector<double>& y, double level) {
  check_level(level);
  const int n = static_cast<int>(x.size());
  const std::string method = "least-squares slope with its t interval over " + std::to_string(n) + " points";
  const double b = slope(x, y);
  if (n < 3 || std::isnan(b)) return undefined(n, level, method);
  const double mx = mean(x), my = mean(y);
  double sxx = 0, ssr = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    const double r = y[i] - my - b * (x[i] - mx);
    ssr += r * r;
  }
  const double se = std::sqrt(ssr / (n - 2) / sxx);
  if (!std::isfinite(se)) return undefined(n, level, method);
  const double t = t_quantile(n - 2.0, level);
  return {b, b - t * se, b + t * se, level, n, method};
}

Estimate proportion_interval(int successes, int trials, double level) {
  check_level(level);
  if (trials < 0 || successes < 0 || successes > trials)
    throw std::invalid_argument("a proportion needs 0 <= successes <= trials");
  const std::string method = "proportion with the exact Clopper-Pearson interval over " + std::to_string(trials) +
                             " trials";
  if (trials == 0) return undefined(0, level, method);
  using boost::math::binomial_distribution;
  const double alpha = (1 - level) / 2;
  return {static_cast<double>(successes) / trials,
          binomial_distribution<>::find_lower_bound_on_p(trials, successes, alpha),
          binomial_distribution<>::find_upper_bound_on_p(trials, successes, alpha),
          level,
          trials,
          method};
}

double hill_estimate(std::vector<double> x, int k) {
  if (k < 2 || static_cast<std::size_t>(k) >= x.size()) return kUndefined;
  // the k + 1 largest, in descending order
  std::partial_sort(x.begin(), x.begin() + k + 1, x.end(), std::greater<>());
  const double threshold = x[static_cast<std::size_t>(k)];
  if (!(threshold > 0)) return kUndefined;
  double s = 0;
  for (int i = 0; i < k; ++i) s += std::log(x[static_cast<std::size_t>(i)] / threshold);
  return s > 0 ? k / s : kUndefined;
}

Estimate hill_tail_index(const std::vector<double>& x, int k, const BootstrapOptions& o) {
  return bootstrap(
      x, [k](const std::vector<double>& v) { return hill_estimate(v, k); },
      "Hill tail index (k = " + std::to_string(k) + ")", o);
}

}  // namespace ltv::stats
