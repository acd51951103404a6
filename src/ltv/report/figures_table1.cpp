// The report's figures of V24 Table 1 (experiments.table1): training curves, the table against
// the paper, per-noise-level profiles.
#include "ltv/report/figure_script.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace ltv::figure_script {
namespace {

/// The trained cells of experiments.table1, or null.
const json* table1(const json& results) { return at_path(&results, "/experiments/table1"); }

std::string cell_label(const json& c) {
  return c.at("model").get<std::string>() +
         (c.at("layers") == 0 ? "" : " L=" + std::to_string(c.at("layers").get<int>()));
}

constexpr const char* kTable1Missing =
    "experiments.table1 is not in this results file (ltv reproduce table1 --preset quick --results "
    "results.json)";

/// The midpoint of a noise bin's label: "sigma in [a, b)" -> (a+b)/2, "sigma = s" -> s.
double bin_position(const std::string& label) {
  double a = 0, b = 0;
  if (std::sscanf(label.c_str(), "sigma in [%lf, %lf)", &a, &b) == 2) return (a + b) / 2;
  if (std::sscanf(label.c_str(), "sigma = %lf", &a) == 1) return a;
  return std::nan("");
}

}  // namespace

Figure training_curves(const json& results) {
  Figure f{"training_curves", "Training curves of the Table 1 models", "", "", ""};
  const json* t = table1(results);
  if (t == nullptr) return missing(f, kTable1Missing);
  std::map<std::string, std::vector<const json*>> by_column;
  for (const json& c : t->at("cells"))
    if (c.contains("details") && c.at("details").contains("history")) by_column[c.at("column")].push_back(&c);
  if (by_column.empty()) return missing(f, "experiments.table1 has no trained cells (L >= 2)");
  f.caption =
      "Loss on each run's fixed evaluation set, E(ŷ − y_q)² (not adjusted), against the training step, "
      "per noise column; the learning rate follows the preset's schedule.";
  std::ostringstream s;
  s << "set multiplot layout 1," << by_column.size() << " title " << quoted(f.title) << "\n";
  int block = 0;
  std::string plots;
  for (const auto& [column, cells] : by_column) {
    DataBlock data("h" + std::to_string(block++));
    double top = 0;  // an early spike of one run must not flatten every curve: cut at 3x the worst end
    for (const json* c : cells) {
      data.line(cell_label(*c));
      for (const json& h : c->at("details").at("history"))
        data.row({h.at("step").get<double>(), h.at("eval_loss").get<double>()});
      top = std::max(top, 3 * c->at("details").at("history").back().at("eval_loss").get<double>());
    }
    s << data.text();
    plots += axes("σ column " + column, "step", "evaluation loss",
                  "set logscale y\nset key right top font ',8'\nset yrange [*:" + num(top) + "]\n") +
             "plot " + data.lines("using 1:2 with lines lw 2") + "\n";
  }
  s << plots << "unset multiplot\n";
  f.script = s.str();
  return f;
}

Figure table1_vs_paper(const json& results) {
  Figure f{"table1_vs_paper", "V24 Table 1: ours against the paper", "", "", ""};
  const json* t = table1(results);
  if (t == nullptr) return missing(f, kTable1Missing);
  DataBlock exact("exact"), baselines("baselines"), trained("trained");
  for (const json& c : t->at("cells")) {
    if (c.at("paper").is_null() || c.at("paper").get<double>() <= 0 || c.at("value").get<double>() <= 0)
      continue;
    DataBlock& b = c.at("layers") == 0 ? baselines : c.at("layers") == 1 ? exact : trained;
    b.row({c.at("paper").get<double>(), c.at("value").get<double>(),
           c.at("value_standard_error").get<double>()});
  }
  f.caption =
      "Each cell of the reproduced table against the published value (log-log, with our standard "
      "errors); the diagonal is agreement. Scale: " +
      t->at("loss_scale").at("scale").get<std::string>() + ".";
  std::ostringstream s;
  s << exact.text() << baselines.text() << trained.text()
    << axes(f.title, "paper", "ltv", "set logscale xy\nset key left top\nset size ratio -1\n")
    << "plot x with lines dt 2 lc rgb 'gray40' title 'ours = paper'";
  for (const auto* b : {&exact, &baselines, &trained}) {
    if (b->empty()) continue;
    const std::string title = b == &exact       ? "one layer (exact)"
                              : b == &baselines ? "baselines (Monte Carlo)"
                                                : "trained";
    s << ", " << b->ref() << " using 1:2:3 with yerrorbars pt 7 title " << quoted(title);
  }
  s << "\n";
  f.script = s.str();
  return f;
}

Figure noise_profiles(const json& results) {
  Figure f{"noise_profiles", "Adjusted loss per noise level", "", "", ""};
  const json* t = table1(results);
  if (t == nullptr) return missing(f, kTable1Missing);
  const double factor = t->at("loss_scale").at("factor").get<double>();
  // The column with the most profiled rows (the quick preset's sigma_max = 5).
  std::map<std::string, std::vector<const json*>> by_column;
  for (const json& c : t->at("cells"))
    if (c.at("details").contains("noise_profile") && c.at("details").at("noise_profile").size() > 1)
      by_column[c.at("column")].push_back(&c);
  if (by_column.empty()) return missing(f, "experiments.table1 has no cell with a per-noise profile");
  auto best = by_column.begin();
  for (auto it = by_column.begin(); it != by_column.end(); ++it)
    if (it->second.size() > best->second.size()) best = it;
  DataBlock data("profile");
  for (const json* c : best->second) {
    data.line(cell_label(*c));
    for (const json& b : c->at("details").at("noise_profile"))
      data.row({bin_position(b.at("bin")), factor * b.at("adjusted").get<double>()});
  }
  f.caption =
      "Adjusted loss (model minus oracle ridge, on the table's scale) within each noise-level bin of "
      "column " +
      best->first + ": where each model and baseline loses to the oracle ridge.";
  f.script = line_plot(data,
                       axes(f.title + " (column " + best->first + ")", "σ", "adjusted loss",
                            "set key outside right font ',9'\n"),
                       "using 1:2 with linespoints lw 2");
  return f;
}

}  // namespace ltv::figure_script
