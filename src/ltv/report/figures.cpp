// The report's plots as gnuplot programs (figures.hpp).
#include "ltv/report/figures.hpp"
#include "ltv/report/numbers.hpp"
#include "ltv/scalar/tier.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

namespace ltv {
namespace {

using json = nlohmann::json;

/// The obligation with this ID, or null.
const json* obligation(const json& results, const std::string& id) {
  for (const json& o : results.at("obligations"))
    if (o.at("id") == id) return &o;
  return nullptr;
}

/// The value at `pointer` below `root`, or null when any part of the path is absent.
const json* at_path(const json* root, const std::string& pointer) {
  if (root == nullptr) return nullptr;
  const json::json_pointer p(pointer);
  return root->contains(p) ? &(*root)[p] : nullptr;
}

std::string quoted(const std::string& s) {  // a gnuplot string literal
  std::string out = "\"";
  for (const char ch : s) out += ch == '"' ? std::string("\\\"") : std::string(1, ch);
  return out + "\"";
}

std::string num(double x) {
  std::ostringstream os;
  os.precision(10);
  os << x;
  return os.str();
}

/// A named inline data block: `$name << EOD ... EOD`; each block of rows is one gnuplot index.
class DataBlock {
 public:
  explicit DataBlock(std::string name) : name_(std::move(name)) {}
  void row(std::initializer_list<double> values) {
    std::string line;
    for (const double v : values) {
      if (!line.empty()) line += ' ';
      line += num(v);
    }
    body_ += line + '\n';
    empty_ = false;
  }
  /// Starts the next index (a new line of the plot); the first call starts index 0.
  void next_index() {
    if (!empty_) body_ += "\n\n";
    empty_ = true;
  }
  bool empty() const { return body_.empty(); }
  /// The plot items of indices 0..titles.size()-1, one per title, each drawn `with` a style
  /// ("using 1:2 with lines lw 2"), comma-separated.
  std::string items(const std::vector<std::string>& titles, const std::string& with) const {
    std::string out;
    for (std::size_t i = 0; i < titles.size(); ++i)
      out += (i ? ", " : "") + ref() + " index " + std::to_string(i) + " " + with + " title " + quoted(titles[i]);
    return out;
  }
  std::string text() const { return "$" + name_ + " << EOD\n" + body_ + "EOD\n"; }
  std::string ref() const { return "$" + name_; }

 private:
  std::string name_, body_;
  bool empty_ = true;
};

/// The opening of one plot: its title, axis labels and grid, then any further `set` lines.
std::string axes(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::string& more = "") {
  return "set title " + quoted(title) + "\nset xlabel " + quoted(xlabel) + "\nset ylabel " + quoted(ylabel) +
         "\nset grid\n" + more;
}

Figure missing(Figure f, const std::string& why) {
  f.missing = why;
  return f;
}

/// Why a figure of obligation `id`'s values is missing: the results file has no such obligation.
std::string not_checked(const std::string& id) {
  return id + " is not in this results file (ltv check --only " + id + ")";
}

/// A figure's program for one data block, one line per index: the block, `opening` (axes(...)), the plot
/// items `titles` drawn `with` a style.
std::string indexed_plot(const DataBlock& data, const std::string& opening,
                         const std::vector<std::string>& titles, const std::string& with) {
  return data.text() + opening + "plot " + data.items(titles, with) + "\n";
}

// ---- the figures --------------------------------------------------------------------------------

Figure digits_vs_precision(const json& results) {
  Figure f{"digits_vs_precision", "Digits against precision", "", "", ""};
  DataBlock data("digits");
  std::vector<std::string> titles;
  std::string doubles;
  for (const json& o : results.at("obligations")) {
    const json* sweep = at_path(&o, "/values/digits_vs_bits");
    if (sweep == nullptr || sweep->is_null()) continue;
    data.next_index();
    // Rungs that computed the case exactly ("inf" digits) have no finite point to plot.
    for (const json& p : sweep->at(tier_name(Tier::Mpfr)))
      if (p.at("digits").is_number()) data.row({p.at("bits").get<double>(), p.at("digits").get<double>()});
    titles.push_back(o.at("id").get<std::string>() + " (MPFR)");
    if (!sweep->at("double_digits").is_null())
      doubles += "53 " + num(sweep->at("double_digits").get<double>()) + "\n";
  }
  if (titles.empty())
    return missing(f, "no obligation of this results file measured digits at several precisions (V24.T4.1 does: "
                      "ltv check --only V24.T4.1)");
  f.caption =
      "Digits of agreement with the exact rational value of one fixed case, re-evaluated at each MPFR precision "
      "(values.digits_vs_bits); the dashed line is the ideal bits·log10(2), the square the double tier.";
  std::ostringstream s;
  s << data.text() << "$double << EOD\n" << doubles << "EOD\n"
    << axes(f.title, "mantissa bits", "digits", "set key left top\nset logscale x 2\n") << "plot " << data.items(titles, "using 1:2 with linespoints lw 2 pt 7") << ", "
    << "$double using 1:2 with points pt 5 ps 1.5 title 'double tier', x*log10(2) with lines dt 2 lc "
       "rgb 'gray40' title 'bits·log10(2)'\n";
  f.script = s.str();
  return f;
}

Figure gdpp_digit_doubling(const json& results) {
  Figure f{"gdpp_digit_doubling", "GD++: correct digits against layers (V24 Theorem 5.1)", "", "", ""};
  const json* tables = at_path(obligation(results, "V24.T5.1"), "/values/digit_tables");
  if (tables == nullptr) return missing(f, not_checked("V24.T5.1"));
  DataBlock data("gdpp");
  std::vector<std::string> titles;
  for (const auto& [kappa, rows] : tables->items()) {
    data.next_index();
    for (const json& r : rows)
      data.row({r.at("preconditioning_layers").get<double>(), r.at("worst_digits").get<double>(),
                r.at("guaranteed_digits").get<double>()});
    titles.push_back("κ = " + kappa);
  }
  f.caption =
      "Worst correct digits of the GD++ construction's prediction over the contexts (adversarial and random), "
      "after each layer, at 1024 bits; dashed: the digits the proof guarantees. Linear growth while "
      "preconditioning, then doubling per layer (second order).";
  std::ostringstream s;
  s << data.text() << axes(f.title, "layers", "correct digits", "set key left top\n") << "plot ";
  for (std::size_t i = 0; i < titles.size(); ++i)
    s << (i ? ", " : "") << data.ref() << " index " << i << " using 1:2 with linespoints lw 2 pt 7 lc " << i + 1
      << " title " << quoted(titles[i] + " measured") << ", " << data.ref() << " index " << i
      << " using 1:3 with lines dt 2 lc " << i + 1 << " title " << quoted(titles[i] + " guaranteed");
  s << "\n";
  f.script = s.str();
  return f;
}

Figure t42_cosine(const json& results) {
  Figure f{"t42_cosine_vs_n", "V24 Theorem 4.2: best cosine with a quadratic target against n", "", "", ""};
  const json* points = at_path(obligation(results, "V24.T4.2"), "/values/quadratic_target/points");
  if (points == nullptr) return missing(f, not_checked("V24.T4.2"));
  std::map<int, std::vector<std::pair<double, double>>> by_d;
  for (const json& p : *points)
    by_d[p.at("d").get<int>()].emplace_back(p.at("n").get<double>(), p.at("median_sup_cos").get<double>());
  DataBlock data("cosine");
  std::vector<std::string> titles;
  for (const auto& [d, pts] : by_d) {
    data.next_index();
    for (const auto& [n, c] : pts) data.row({n, c});
    titles.push_back("d = " + std::to_string(d));
  }
  const json* fit = at_path(obligation(results, "V24.T4.2"), "/values/fit_log_median/exponent_n");
  f.caption = "Median over draws of the largest cosine between any linear-attention output and the quadratic "
              "target, against the context length n";
  if (fit) f.caption += " (fitted exponent of n: " + num(fit->get<double>()) + ")";
  f.caption += "; the claim is that it goes to 0.";
  f.script =
      indexed_plot(data, axes(f.title, "n", "median sup cosine", "set logscale xy\nset key right top\n"),
                   titles, "using 1:2 with linespoints lw 2 pt 7");
  return f;
}

Figure t52_error(const json& results) {
  Figure f{"t52_error_vs_n", "V24 Theorem 5.2: error against the oracle ridge against n", "", "", ""};
  const json* values = at_path(obligation(results, "V24.T5.2"), "/values");
  if (values == nullptr) return missing(f, not_checked("V24.T5.2"));
  DataBlock data("error");
  std::vector<std::string> titles;
  for (const auto& [form, label] : {std::pair<std::string, std::string>{"corrected", "corrected"},
                                    {"printed", "as printed"},
                                    {"negative_control_no_factor_n", "negative control"}})
    for (const std::string sigma : {"sigma_1", "sigma_3"}) {
      const json* rows = at_path(values, "/" + form + "/" + sigma + "/rows");
      if (rows == nullptr) continue;
      data.next_index();
      for (const json& r : *rows)
        data.row({r.at("n").get<double>(), r.at("mean_relative_error").get<double>(),
                  r.at("standard_error").get<double>()});
      titles.push_back(label + ", σ = " + sigma.substr(6));
    }
  if (titles.empty()) return missing(f, "V24.T5.2 recorded no error rows");
  f.caption = "Mean relative distance of the construction's prediction from the oracle ridge's, against n "
              "(log-log, with standard errors): the corrected construction converges like n^-1/2, the printed "
              "one does not.";
  f.script = indexed_plot(
      data, axes(f.title, "n", "mean relative error", "set logscale xy\nset key outside right\n"), titles,
      "using 1:2:3 with yerrorlines lw 2 pt 7");
  return f;
}

Figure mc_z_scores(const json& results) {
  Figure f{"mc_z_scores", "Wick engine against Monte Carlo: z-scores", "", "", ""};
  const json* z = at_path(obligation(results, "EXP.MC"), "/values/engine/z_scores");
  if (z == nullptr) return missing(f, not_checked("EXP.MC"));
  constexpr double width = 0.5;
  std::map<int, int> counts;
  for (const json& v : *z) ++counts[static_cast<int>(std::floor(v.get<double>() / width))];
  DataBlock data("z");
  for (const auto& [bin, count] : counts) data.row({(bin + 0.5) * width, static_cast<double>(count)});
  const double total = static_cast<double>(z->size());
  f.caption = "(exact − Monte Carlo) / standard error over " + std::to_string(z->size()) +
              " random expectations; the curve is the standard normal density they should follow.";
  std::ostringstream s;
  s << data.text() << axes(f.title, "z", "cases", "set xrange [-5:5]\nset style fill solid 0.5\n") << "plot " << data.ref() << " using 1:2 with boxes lc rgb '#4477aa' title 'engine', " << num(total * width)
    << "*exp(-x*x/2)/sqrt(2*pi) with lines lw 2 lc rgb 'black' title 'N(0, 1)'\n";
  f.script = s.str();
  return f;
}

/// The trained cells of experiments.table1, or null.
const json* table1(const json& results) { return at_path(&results, "/experiments/table1"); }

std::string cell_label(const json& c) {
  return c.at("model").get<std::string>() + (c.at("layers") == 0 ? "" : " L=" + std::to_string(c.at("layers").get<int>()));
}

constexpr const char* kTable1Missing =
    "experiments.table1 is not in this results file (ltv reproduce table1 --preset quick --results results.json)";

Figure training_curves(const json& results) {
  Figure f{"training_curves", "Training curves of the Table 1 models", "", "", ""};
  const json* t = table1(results);
  if (t == nullptr) return missing(f, kTable1Missing);
  std::map<std::string, std::vector<const json*>> by_column;
  for (const json& c : t->at("cells"))
    if (c.contains("details") && c.at("details").contains("history")) by_column[c.at("column")].push_back(&c);
  if (by_column.empty()) return missing(f, "experiments.table1 has no trained cells (L >= 2)");
  f.caption = "Loss on each run's fixed evaluation set, E(ŷ − y_q)² (not adjusted), against the training step, "
              "per noise column; the learning rate follows the preset's schedule.";
  std::ostringstream s;
  s << "set multiplot layout 1," << by_column.size() << " title " << quoted(f.title) << "\n";
  int block = 0;
  std::string plots;
  for (const auto& [column, cells] : by_column) {
    DataBlock data("h" + std::to_string(block++));
    std::vector<std::string> titles;
    double top = 0;  // an early spike of one run must not flatten every curve: cut at 3x the worst end
    for (const json* c : cells) {
      data.next_index();
      for (const json& h : c->at("details").at("history"))
        data.row({h.at("step").get<double>(), h.at("eval_loss").get<double>()});
      top = std::max(top, 3 * c->at("details").at("history").back().at("eval_loss").get<double>());
      titles.push_back(cell_label(*c));
    }
    s << data.text();
    plots += axes("σ column " + column, "step", "evaluation loss",
                  "set logscale y\nset key right top font ',8'\nset yrange [*:" + num(top) + "]\n") +
             "plot " + data.items(titles, "using 1:2 with lines lw 2") + "\n";
  }
  s << plots << "unset multiplot\n";
  f.script = s.str();
  return f;
}

Figure adam_vs_sgd(const json& results) {
  Figure f{"adam_vs_sgd", "A24: Adam against SGD with momentum", "", "", ""};
  const json* a24 = at_path(&results, "/experiments/a24");
  if (a24 == nullptr)
    return missing(f, "experiments.a24 is not in this results file (ltv experiment a24 --results results.json)");
  if (!a24->contains("claims"))
    return missing(f, "experiments.a24 is in the format of an earlier ltv (ltv experiment a24 --results results.json)");
  DataBlock adam("adam"), sgd("sgd");
  std::string names, diverged_text;
  int k = 0;
  for (const json& config : a24->at("plan").at("configs")) {
    const std::string name = config.at("name");
    ++k;
    names += (names.empty() ? "" : ", ") + std::to_string(k) + " " + name + " (L = " +
             std::to_string(config.at("layers").get<int>()) + ", n = " + std::to_string(config.at("n").get<int>()) +
             ", " + config.at("covariates").get<std::string>() + ")";
    const json& runs = a24->at("configs").at(name).at("runs");
    int diverged = 0;  // a run that diverged has "diverged" for its final loss, and no point
    for (const auto& [key, block, dx] : {std::tuple{"adam", &adam, -0.12}, std::tuple{"sgd", &sgd, 0.12}})
      for (const json& run : runs.at(key)) {
        if (run.at("final_loss").is_number())
          block->row({k + dx, run.at("final_loss").get<double>()});
        else
          ++diverged;
      }
    if (diverged) diverged_text += " " + name + ": " + std::to_string(diverged) + " run(s) diverged.";
  }
  f.caption = "Final loss of each seed on the configuration's fixed probe batch (RELAXED, d = 5, each optimizer at "
              "its kept learning rate): " + names + "." + diverged_text;
  std::ostringstream s;
  s << adam.text() << sgd.text()
    << axes(f.title, "configuration", "final loss",
            "set logscale y\nset xrange [0.5:" + std::to_string(k) + ".5]\nset xtics 1\nset key right top\n")
    << "plot "
    << adam.ref() << " using 1:2 with points pt 7 ps 1.5 lc rgb '#228833' title 'Adam', " << sgd.ref()
    << " using 1:2 with points pt 5 ps 1.5 lc rgb '#cc3311' title 'SGD (momentum 0.9)'\n";
  f.script = s.str();
  return f;
}

Figure a23_dist_curves(const json& results) {
  Figure f{"a23_dist_curves", "A23: distance of the trained matrices from the family S", "", "", ""};
  const json* a23 = at_path(&results, "/experiments/a23");
  if (a23 == nullptr)
    return missing(f, "experiments.a23 is not in this results file (ltv experiment a23 --results results.json)");
  DataBlock curves("dist");
  std::vector<std::string> titles;
  for (const auto& [name, config] : a23->at("configs").items())
    for (const json& r : config.at("rotations")) {
      curves.next_index();
      for (const json& p : r.at("curve")) {
        double worst = 0;  // over the layers, A_l through Σ^{1/2} and B_l
        for (const char* m : {"A", "B"})
          for (const json& v : p.at("dist").at(m)) worst = std::max(worst, v.get<double>());
        curves.row({p.at("step").get<double>(), std::max(worst, 1e-12)});
      }
      titles.push_back(name + " U" + std::to_string(r.at("rotation").get<int>()));
    }
  f.caption = "The worst over the layers of Dist(Σ^{1/2} A_l Σ^{1/2}, I) (and, RELAXED, Dist(B_l, I)) along "
              "training, one line per configuration and rotation U of Σ; A23 Figs. 1 and 3 show the same "
              "quantity going to 0.";
  std::ostringstream s;
  s << curves.text()
    << axes(f.title, "step", "worst Dist", "set logscale y\nset key right top font ',8'\n") << "plot "
    << curves.items(titles, "using 1:2 with lines lw 2") << "\n";
  f.script = s.str();
  return f;
}

const char* construction_title(const std::string& family) {
  return family == "construction" ? "Theorem 5.2 construction" : family == "DIAG" ? "trained DIAG" : "trained GD++";
}

constexpr const char* kV24Missing = "experiments.v24 is not in this results file (ltv experiment v24 --results results.json)";

/// The models of the V24 document on its readout column (V24 Figs. 5 and 7: noise U(0, 5)).
std::vector<const json*> v24_readout_models(const json& v24) {
  std::vector<const json*> out;
  for (const json& m : v24.at("models"))
    if (m.at("column") == v24.at("plan").at("readout_column")) out.push_back(&m);
  return out;
}

std::string v24_model_label(const json& m) {
  return m.at("family").get<std::string>() + " L" + std::to_string(m.at("layers").get<int>());
}

Figure v24_readouts(const json& results) {
  Figure f{"v24_readouts", "V24: the readout after each layer", "", "", ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  const std::vector<const json*> models = v24_readout_models(*v24);
  if (models.empty()) return missing(f, "experiments.v24 trained no model on its readout column");
  DataBlock data("readout");
  std::vector<std::string> titles;
  for (const json* m : models) {
    data.next_index();
    int k = 0;
    for (const json& v : m->at("adjusted_per_layer")) data.row({static_cast<double>(k++), std::max(v.get<double>(), 1e-6)});
    titles.push_back(v24_model_label(*m));
  }
  f.caption = "Adjusted loss E(y_hat^K - y_q)^2 minus the oracle ridge's (no factor 1/2) of the readout "
              "y_hat^K = -y_{n+1}^K after K layers of each trained model (K = 0 predicts 0), noise column " +
              v24->at("plan").at("readout_column").get<std::string>() +
              "; V24 Fig. 5 claims a consistent decrease per layer.";
  f.script = indexed_plot(data, axes(f.title, "K (layers applied)", "adjusted loss", "set logscale y\nset xtics 1\nset key right top\n"),
                          titles, "using 1:2 with linespoints lw 2 pt 7");
  return f;
}

Figure v24_profiles(const json& results) {
  Figure f{"v24_profiles", "V24: adjusted loss per noise level, inside and beyond the training range", "", "", ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  const std::vector<const json*> models = v24_readout_models(*v24);
  const std::string column = v24->at("plan").at("readout_column");
  const json* baselines = nullptr;
  for (const json& b : v24->at("baselines"))
    if (b.at("column") == column) baselines = &b;
  if (models.empty() || baselines == nullptr) return missing(f, "experiments.v24 has no models or baselines on its readout column");
  DataBlock data("profiles");
  std::vector<std::string> titles;
  for (const json* m : models) {
    data.next_index();
    for (const json& p : m->at("profile"))
      data.row({p.at("sigma").get<double>(), std::max(p.at("adjusted_per_layer").back().get<double>(), 1e-6)});
    titles.push_back(v24_model_label(*m));
  }
  for (const char* name : {"ConstRR", "AdaRR", "TunedRR"}) {
    data.next_index();
    for (const json& p : baselines->at("profile")) data.row({p.at("sigma").get<double>(), std::max(p.at(name).get<double>(), 1e-6)});
    titles.push_back(name);
  }
  f.caption = "Adjusted loss (no factor 1/2) of each trained model's final readout and of the baselines at fixed "
              "noise levels sigma, for models trained on column " + column +
              " (V24 Fig. 2's bottom row and Fig. 7 look at the same profiles); the grid runs one unit beyond the "
              "training range.";
  f.script = indexed_plot(data, axes(f.title, "σ", "adjusted loss", "set logscale y\nset key outside right font ',9'\n"),
                          titles, "using 1:2 with linespoints lw 2");
  return f;
}

Figure v24_mixture(const json& results) {
  Figure f{"v24_mixture", "V24 Theorem 5.2: two layers against the oracle ridge as n grows", "", "", ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  if (v24->at("mixture").empty()) return missing(f, "experiments.v24 ran no mixture study");
  DataBlock data("mixture");
  std::vector<std::string> titles;
  const json& levels = v24->at("plan").at("mixture").at("levels");
  for (const char* family : {"DIAG", "GD++", "construction"})
    for (std::size_t j = 0; j < levels.size(); ++j) {
      data.next_index();
      for (const json& r : v24->at("mixture")) {
        const bool construction = std::string(family) == "construction";
        if (r.at("family") != (construction ? "DIAG" : family)) continue;
        const json& d = r.at(construction ? "construction" : "trained").at(j).at("relative_distance");
        if (d.is_number() && d.get<double>() > 0) data.row({r.at("n").get<double>(), d.get<double>()});
      }
      titles.push_back(std::string(construction_title(family)) + ", σ = " + short_number(levels.at(j)));
    }
  f.caption = "Relative distance sum (y_hat - y_hat_ridge)^2 / sum y_hat_ridge^2 of two-layer models to the oracle "
              "ridge per noise level, x ~ N(0, I/n): trained DIAG, trained GD++ (no noise estimate: the control) and "
              "Theorem 5.2's construction with the corrected sign (docs/catalogue.md).";
  f.script = indexed_plot(data, axes(f.title, "n", "relative distance to the oracle ridge", "set logscale xy\nset key outside right font ',9'\n"),
                          titles, "using 1:2 with linespoints lw 2");
  return f;
}

Figure table1_vs_paper(const json& results) {
  Figure f{"table1_vs_paper", "V24 Table 1: ours against the paper", "", "", ""};
  const json* t = table1(results);
  if (t == nullptr) return missing(f, kTable1Missing);
  DataBlock exact("exact"), baselines("baselines"), trained("trained");
  for (const json& c : t->at("cells")) {
    if (c.at("paper").is_null() || c.at("paper").get<double>() <= 0 || c.at("value").get<double>() <= 0) continue;
    DataBlock& b = c.at("layers") == 0 ? baselines : c.at("layers") == 1 ? exact : trained;
    b.row({c.at("paper").get<double>(), c.at("value").get<double>(), c.at("value_standard_error").get<double>()});
  }
  f.caption = "Each cell of the reproduced table against the published value (log-log, with our standard "
              "errors); the diagonal is agreement. Scale: " +
              t->at("loss_scale").at("scale").get<std::string>() + ".";
  std::ostringstream s;
  s << exact.text() << baselines.text() << trained.text()
    << axes(f.title, "paper", "ltv", "set logscale xy\nset key left top\nset size ratio -1\n")
    << "plot x with lines dt 2 lc rgb 'gray40' title 'ours = paper'";
  for (const auto* b : {&exact, &baselines, &trained}) {
    if (b->empty()) continue;
    const std::string title = b == &exact ? "one layer (exact)" : b == &baselines ? "baselines (Monte Carlo)" : "trained";
    s << ", " << b->ref() << " using 1:2:3 with yerrorbars pt 7 title " << quoted(title);
  }
  s << "\n";
  f.script = s.str();
  return f;
}

/// The midpoint of a noise bin's label: "sigma in [a, b)" -> (a+b)/2, "sigma = s" -> s.
double bin_position(const std::string& label) {
  double a = 0, b = 0;
  if (std::sscanf(label.c_str(), "sigma in [%lf, %lf)", &a, &b) == 2) return (a + b) / 2;
  if (std::sscanf(label.c_str(), "sigma = %lf", &a) == 1) return a;
  return std::nan("");
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
  std::vector<std::string> titles;
  for (const json* c : best->second) {
    data.next_index();
    for (const json& b : c->at("details").at("noise_profile"))
      data.row({bin_position(b.at("bin")), factor * b.at("adjusted").get<double>()});
    titles.push_back(cell_label(*c));
  }
  f.caption = "Adjusted loss (model minus oracle ridge, on the table's scale) within each noise-level bin of "
              "column " + best->first + ": where each model and baseline loses to the oracle ridge.";
  f.script = indexed_plot(data,
                          axes(f.title + " (column " + best->first + ")", "σ", "adjusted loss",
                               "set key outside right font ',9'\n"),
                          titles, "using 1:2 with linespoints lw 2");
  return f;
}

}  // namespace

std::vector<Figure> report_figures(const json& results) {
  return {digits_vs_precision(results), gdpp_digit_doubling(results), t42_cosine(results),
          t52_error(results),           mc_z_scores(results),         training_curves(results),
          adam_vs_sgd(results),         a23_dist_curves(results),     table1_vs_paper(results),
          noise_profiles(results),      v24_readouts(results),        v24_profiles(results),
          v24_mixture(results)};
}

}  // namespace ltv
