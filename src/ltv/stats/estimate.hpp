#pragma once
// Estimates with confidence intervals (docs/experiments.md, "Decision rules"): the numbers an
// empirical verdict is decided on. Every interval is two-sided at `level`; every random choice
// (the bootstrap's resamples) comes from a seeded stream of Boost.Random, whose output is specified,
// so the same inputs give the same interval on every machine and build.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ltv::stats {

struct Estimate {
  double value = 0;  ///< the point estimate (NaN when there was nothing to estimate from)
  double lower = 0, upper = 0;
  double level = 0.95;
  int samples = 0;     ///< the observations it rests on
  std::string method;  ///< how the interval was made, in words
  /// Whether the interval can decide anything: both ends are numbers (±∞ allowed, NaN not).
  bool defined() const;
};

inline constexpr double kDefaultLevel = 0.95;
inline constexpr int kDefaultResamples = 4000;

struct BootstrapOptions {
  int resamples = kDefaultResamples;
  double level = kDefaultLevel;
  std::uint64_t seed = 1;
};

using Statistic = std::function<double(const std::vector<double>&)>;
using GroupStatistic = std::function<double(const std::vector<std::vector<double>>&)>;

/// The percentile bootstrap: `statistic` on the sample, and the (1 ± level)/2 quantiles of its
/// values on `resamples` resamples drawn with replacement. Fewer than 2 observations, or a
/// statistic that is NaN on the sample, give an undefined estimate.
Estimate bootstrap(const std::vector<double>& x, const Statistic& statistic, const std::string& statistic_name,
                   const BootstrapOptions& options = {});

/// The stratified percentile bootstrap: each group is resampled with replacement on its own (e.g.
/// the seeds of two configurations compared). Every group needs 2 observations.
Estimate bootstrap_groups(const std::vector<std::vector<double>>& groups, const GroupStatistic& statistic,
                          const std::string& statistic_name, const BootstrapOptions& options = {});

/// The mean with Student's t interval (for many independent observations, e.g. per-sequence
/// paired differences).
Estimate mean_interval(const std::vector<double>& x, double level = kDefaultLevel);

/// mean(b) − mean(a) with Welch's t interval (unequal variances; Welch–Satterthwaite degrees of
/// freedom), for two independent groups such as the seeds of two configurations.
Estimate difference_interval(const std::vector<double>& a, const std::vector<double>& b,
                             double level = kDefaultLevel);

/// The least-squares slope of y on x with its t interval (n − 2 degrees of freedom).
Estimate slope_interval(const std::vector<double>& x, const std::vector<double>& y, double level = kDefaultLevel);

/// The proportion successes / trials with the exact (Clopper–Pearson) interval.
Estimate proportion_interval(int successes, int trials, double level = kDefaultLevel);

/// |d| / scale for an estimated difference d, with the interval of |d| over d's interval (0 at its
/// lower end when d's interval contains 0): a rule "below m" on it is the equivalence test
/// "d lies within ±m·scale over its whole interval". Undefined when d is, or scale is not positive.
Estimate magnitude_relative_to(const Estimate& difference, double scale);

/// Hill's estimate of the tail index α from the k largest of the (positive) observations,
/// α̂ = 1 / mean_{i<k} log(x_(i) / x_(k)) (descending order statistics): small α is a heavy tail
/// (moments of order ≥ α infinite). Interval: percentile bootstrap over the observations.
Estimate hill_tail_index(const std::vector<double>& x, int k, const BootstrapOptions& options = {});
/// The point estimate alone.
double hill_estimate(std::vector<double> x, int k);

}  // namespace ltv::stats
