#pragma once
// What every figure of the report is made of (figures.hpp): gnuplot programs with their data
// inline, and the lookups into results.json. Internal to report/: the figure files figures.cpp
// (the obligations' figures), figures_table1.cpp and figures_experiments.cpp share it.
#include "ltv/report/figures.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace ltv::figure_script {

using json = nlohmann::json;

/// The obligation with this ID, or null.
const json* obligation(const json& results, const std::string& id);
/// The value at `pointer` below `root`, or null when `root` is null or any part of the path is absent.
const json* at_path(const json* root, const std::string& pointer);

std::string quoted(const std::string& s);  ///< a gnuplot string literal
std::string num(double x);                 ///< a number as gnuplot reads it, 10 significant digits

/// A named inline data block: `$name << EOD ... EOD`. Rows go into the current line of the plot;
/// `line(title)` starts the next one (a gnuplot index), whose title `lines` uses.
class DataBlock {
 public:
  explicit DataBlock(std::string name) : name_(std::move(name)) {}
  void row(std::initializer_list<double> values);
  /// Starts the next line of the plot (index 0 first), titled `title` in the key.
  void line(std::string title);
  bool empty() const { return body_.empty(); }
  const std::vector<std::string>& titles() const { return titles_; }
  /// The plot items of every line, each drawn `with` a style ("using 1:2 with lines lw 2"), comma-separated.
  std::string lines(const std::string& with) const;
  std::string text() const { return "$" + name_ + " << EOD\n" + body_ + "EOD\n"; }
  std::string ref() const { return "$" + name_; }

 private:
  std::string name_, body_;
  std::vector<std::string> titles_;
  bool line_empty_ = true;
};

/// The opening of one plot: its title, axis labels and grid, then any further `set` lines.
std::string axes(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::string& more = "");
/// A figure's program for one data block, every line of it drawn `with` a style after `opening` (axes(...)).
std::string line_plot(const DataBlock& data, const std::string& opening, const std::string& with);

/// `f` kept without a drawing, saying why.
Figure missing(Figure f, const std::string& why);
/// Why a figure of obligation `id`'s values is missing: the results file has no such obligation.
std::string not_checked(const std::string& id);

// The figures, by the part of results.json they draw from (in the report's order: figures.cpp).
Figure digits_vs_precision(const json& results);
Figure gdpp_digit_doubling(const json& results);
Figure t42_cosine(const json& results);
Figure t52_error(const json& results);
Figure mc_z_scores(const json& results);
Figure training_curves(const json& results);  // figures_table1.cpp
Figure table1_vs_paper(const json& results);
Figure noise_profiles(const json& results);
Figure adam_vs_sgd(const json& results);  // figures_experiments.cpp
Figure a23_dist_curves(const json& results);
Figure v24_readouts(const json& results);
Figure v24_profiles(const json& results);
Figure v24_mixture(const json& results);

}  // namespace ltv::figure_script
