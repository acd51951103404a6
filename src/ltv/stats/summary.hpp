#pragma once
// Plain summaries of samples (docs/experiments.md): mean, median, quantiles, standard deviation,
// Spearman's rank correlation. An empty sample gives NaN, never a throw: the callers' rules turn
// "nothing to measure" into an INCONCLUSIVE finding.
#include <limits>
#include <vector>

namespace ltv::stats {

/// What a summary of nothing is.
inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& x);
/// The middle value (the mean of the two middle ones for an even count).
double median(std::vector<double> x);
/// The p-quantile, p in [0, 1], interpolating linearly between order statistics (R's type 7).
double quantile(std::vector<double> x, double p);
/// The sample standard deviation (n − 1 in the denominator); NaN below two values.
double standard_deviation(const std::vector<double>& x);
/// The least-squares slope of y on x; NaN when x is constant or there are fewer than 2 points.
/// Throws std::invalid_argument when the sizes differ.
double slope(const std::vector<double>& x, const std::vector<double>& y);
/// Spearman's rank correlation (average ranks for ties); NaN for fewer than 3 pairs or a constant
/// sample. Throws std::invalid_argument when the sizes differ.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace ltv::stats
