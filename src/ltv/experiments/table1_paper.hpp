#pragma once
// The published numbers of V24's Table 1 (docs/table1.md): adjusted evaluation loss (model
// loss minus oracle ridge loss) on d = 10, n = 20, for σ_τ ~ U(0, σ_max), σ_max = 0..7, and σ_τ
// uniform over {1,3} and {1,3,5}. The paper does not state its loss scale; table1.cpp establishes it
// from the exactly computable one-layer optimum.
#include <array>
#include <optional>
#include <string_view>

namespace ltv {

/// The paper's column labels, in its order.
inline constexpr std::array<std::string_view, 10> kTable1Columns{"0", "1", "2", "3", "4",
                                                                 "5", "6", "7", "{1,3}", "{1,3,5}"};

struct Table1PaperRow {
  std::string_view model;  ///< "GD++", "DIAG", "FULL", or a baseline "ConstRR", "AdaRR", "TunedRR"
  int layers;              ///< L, or 0 for a baseline
  std::array<double, 10> values;
};

inline constexpr std::array<Table1PaperRow, 24> kTable1Paper{{
    {"GD++", 1, {1.768, 1.639, 1.396, 1.175, 1.015, 0.907, 0.841, 0.806, 1.007, 0.819}},
    {"DIAG", 1, {1.767, 1.639, 1.396, 1.175, 1.015, 0.906, 0.841, 0.806, 1.007, 0.819}},
    {"FULL", 1, {1.768, 1.640, 1.397, 1.176, 1.016, 0.907, 0.842, 0.806, 1.008, 0.820}},
    {"GD++", 2, {0.341, 0.295, 0.243, 0.265, 0.347, 0.366, 0.440, 0.530, 0.305, 0.427}},
    {"DIAG", 2, {0.265, 0.214, 0.173, 0.188, 0.219, 0.242, 0.254, 0.259, 0.201, 0.246}},
    {"FULL", 2, {0.264, 0.215, 0.173, 0.188, 0.220, 0.245, 0.259, 0.263, 0.202, 0.276}},
    {"GD++", 3, {0.019, 0.021, 0.071, 0.161, 0.259, 0.344, 0.454, 0.530, 0.222, 0.422}},
    {"DIAG", 3, {0.013, 0.015, 0.048, 0.087, 0.109, 0.118, 0.121, 0.123, 0.098, 0.119}},
    {"FULL", 3, {0.012, 0.015, 0.049, 0.075, 0.101, 0.117, 0.124, 0.127, 0.076, 0.113}},
    {"GD++", 4, {9.91e-05, 0.014, 0.066, 0.160, 0.258, 0.344, 0.454, 0.530, 0.222, 0.422}},
    {"DIAG", 4, {1.19e-04, 0.006, 0.024, 0.041, 0.050, 0.059, 0.065, 0.073, 0.043, 0.062}},
    {"FULL", 4, {1.63e-04, 0.005, 0.021, 0.038, 0.052, 0.065, 0.068, 0.076, 0.032, 0.061}},
    {"GD++", 5, {1.14e-07, 0.014, 0.066, 0.161, 0.265, 0.344, 0.454, 0.530, 0.222, 0.422}},
    {"DIAG", 5, {1.81e-07, 0.004, 0.016, 0.029, 0.041, 0.051, 0.058, 0.062, 0.026, 0.051}},
    {"FULL", 5, {1.79e-07, 0.002, 0.015, 0.026, 0.038, 0.048, 0.059, 0.065, 0.016, 0.048}},
    {"GD++", 6, {2.37e-10, 0.009, 0.066, 0.161, 0.265, 0.344, 0.454, 0.530, 0.222, 0.422}},
    {"DIAG", 6, {2.57e-10, 0.003, 0.014, 0.028, 0.040, 0.048, 0.054, 0.059, 0.020, 0.047}},
    {"FULL", 6, {2.71e-10, 0.002, 0.014, 0.025, 0.036, 0.044, 0.052, 0.059, 0.011, 0.043}},
    {"GD++", 7, {2.65e-12, 0.009, 0.066, 0.161, 0.265, 0.344, 0.454, 0.530, 0.222, 0.422}},
    {"DIAG", 7, {2.50e-12, 0.002, 0.014, 0.027, 0.040, 0.047, 0.052, 0.059, 0.018, 0.046}},
    {"FULL", 7, {2.50e-12, 0.002, 0.010, 0.025, 0.035, 0.047, 0.050, 0.057, 0.010, 0.035}},
    {"ConstRR", 0, {0, 0.009, 0.066, 0.161, 0.265, 0.365, 0.454, 0.530, 0.222, 0.422}},
    {"AdaRR", 0, {0, 0.003, 0.016, 0.034, 0.053, 0.068, 0.081, 0.092, 0.051, 0.084}},
    {"TunedRR", 0, {0, 0.002, 0.010, 0.023, 0.037, 0.049, 0.060, 0.068, 0.021, 0.054}},
}};

/// The published value of a cell, or nothing when the table has no such cell.
inline std::optional<double> table1_paper_value(std::string_view model, int layers, std::string_view column) {
  for (const auto& row : kTable1Paper) {
    if (row.model != model || row.layers != layers) continue;
    for (std::size_t c = 0; c < kTable1Columns.size(); ++c)
      if (kTable1Columns[c] == column) return row.values[c];
  }
  return std::nullopt;
}

}  // namespace ltv
