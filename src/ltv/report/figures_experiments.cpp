// The report's figures of the papers' experiments: A24 (Adam against SGD), A23 (the distance from
// the family S along training) and V24's mechanisms (readouts per layer, per-noise profiles,
// Theorem 5.2 as n grows).
#include "ltv/report/figure_script.hpp"
#include "ltv/report/numbers.hpp"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace ltv::figure_script {
namespace {

const char* construction_title(const std::string& family) {
  return family == "construction" ? "Theorem 5.2 construction"
         : family == "DIAG"       ? "trained DIAG"
                                  : "trained GD++";
}

constexpr const char* kV24Missing =
    "experiments.v24 is not in this results file (ltv experiment v24 --results results.json)";

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

}  // namespace

Figure adam_vs_sgd(const json& results) {
  Figure f{"adam_vs_sgd", "A24: Adam against SGD with momentum", "", "", ""};
  const json* a24 = at_path(&results, "/experiments/a24");
  if (a24 == nullptr)
    return missing(f,
                   "experiments.a24 is not in this results file (ltv experiment a24 --results results.json)");
  if (!a24->contains("claims"))
    return missing(
        f, "experiments.a24 is in the format of an earlier ltv (ltv experiment a24 --results results.json)");
  DataBlock adam("adam"), sgd("sgd");
  std::string names, diverged_text;
  int k = 0;
  for (const json& config : a24->at("plan").at("configs")) {
    const std::string name = config.at("name");
    ++k;
    names += (names.empty() ? "" : ", ") + std::to_string(k) + " " + name +
             " (L = " + std::to_string(config.at("layers").get<int>()) +
             ", n = " + std::to_string(config.at("n").get<int>()) + ", " +
             config.at("covariates").get<std::string>() + ")";
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
  f.caption =
      "Final loss of each seed on the configuration's fixed probe batch (RELAXED, d = 5, each optimizer at "
      "its kept learning rate): " +
      names + "." + diverged_text;
  std::ostringstream s;
  s << adam.text() << sgd.text()
    << axes(f.title, "configuration", "final loss",
            "set logscale y\nset xrange [0.5:" + std::to_string(k) + ".5]\nset xtics 1\nset key right top\n")
    << "plot " << adam.ref() << " using 1:2 with points pt 7 ps 1.5 lc rgb '#228833' title 'Adam', "
    << sgd.ref() << " using 1:2 with points pt 5 ps 1.5 lc rgb '#cc3311' title 'SGD (momentum 0.9)'\n";
  f.script = s.str();
  return f;
}

Figure a23_dist_curves(const json& results) {
  Figure f{"a23_dist_curves", "A23: distance of the trained matrices from the family S", "", "", ""};
  const json* a23 = at_path(&results, "/experiments/a23");
  if (a23 == nullptr)
    return missing(f,
                   "experiments.a23 is not in this results file (ltv experiment a23 --results results.json)");
  DataBlock curves("dist");
  for (const auto& [name, config] : a23->at("configs").items())
    for (const json& r : config.at("rotations")) {
      curves.line(name + " U" + std::to_string(r.at("rotation").get<int>()));
      for (const json& p : r.at("curve")) {
        double worst = 0;  // over the layers, A_l through Σ^{1/2} and B_l
        for (const char* m : {"A", "B"})
          for (const json& v : p.at("dist").at(m)) worst = std::max(worst, v.get<double>());
        curves.row({p.at("step").get<double>(), std::max(worst, 1e-12)});
      }
    }
  f.caption =
      "The worst over the layers of Dist(Σ^{1/2} A_l Σ^{1/2}, I) (and, RELAXED, Dist(B_l, I)) along "
      "training, one line per configuration and rotation U of Σ; A23 Figs. 1 and 3 show the same "
      "quantity going to 0.";
  std::ostringstream s;
  s << curves.text() << axes(f.title, "step", "worst Dist", "set logscale y\nset key right top font ',8'\n")
    << "plot " << curves.lines("using 1:2 with lines lw 2") << "\n";
  f.script = s.str();
  return f;
}

Figure v24_readouts(const json& results) {
  Figure f{"v24_readouts", "V24: the readout after each layer", "", "", ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  const std::vector<const json*> models = v24_readout_models(*v24);
  if (models.empty()) return missing(f, "experiments.v24 trained no model on its readout column");
  DataBlock data("readout");
  for (const json* m : models) {
    data.line(v24_model_label(*m));
    int k = 0;
    for (const json& v : m->at("adjusted_per_layer"))
      data.row({static_cast<double>(k++), std::max(v.get<double>(), 1e-6)});
  }
  f.caption =
      "Adjusted loss E(y_hat^K - y_q)^2 minus the oracle ridge's (no factor 1/2) of the readout "
      "y_hat^K = -y_{n+1}^K after K layers of each trained model (K = 0 predicts 0), noise column " +
      v24->at("plan").at("readout_column").get<std::string>() +
      "; V24 Fig. 5 claims a consistent decrease per layer.";
  f.script = line_plot(data,
                       axes(f.title, "K (layers applied)", "adjusted loss",
                            "set logscale y\nset xtics 1\nset key right top\n"),
                       "using 1:2 with linespoints lw 2 pt 7");
  return f;
}

Figure v24_profiles(const json& results) {
  Figure f{"v24_profiles", "V24: adjusted loss per noise level, inside and beyond the training range", "", "",
           ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  const std::vector<const json*> models = v24_readout_models(*v24);
  const std::string column = v24->at("plan").at("readout_column");
  const json* baselines = nullptr;
  for (const json& b : v24->at("baselines"))
    if (b.at("column") == column) baselines = &b;
  if (models.empty() || baselines == nullptr)
    return missing(f, "experiments.v24 has no models or baselines on its readout column");
  DataBlock data("profiles");
  for (const json* m : models) {
    data.line(v24_model_label(*m));
    for (const json& p : m->at("profile"))
      data.row(
          {p.at("sigma").get<double>(), std::max(p.at("adjusted_per_layer").back().get<double>(), 1e-6)});
  }
  for (const char* name : {"ConstRR", "AdaRR", "TunedRR"}) {
    data.line(name);
    for (const json& p : baselines->at("profile"))
      data.row({p.at("sigma").get<double>(), std::max(p.at(name).get<double>(), 1e-6)});
  }
  f.caption =
      "Adjusted loss (no factor 1/2) of each trained model's final readout and of the baselines at fixed "
      "noise levels sigma, for models trained on column " +
      column +
      " (V24 Fig. 2's bottom row and Fig. 7 look at the same profiles); the grid runs one unit beyond the "
      "training range.";
  f.script = line_plot(
      data, axes(f.title, "σ", "adjusted loss", "set logscale y\nset key outside right font ',9'\n"),
      "using 1:2 with linespoints lw 2");
  return f;
}

Figure v24_mixture(const json& results) {
  Figure f{"v24_mixture", "V24 Theorem 5.2: two layers against the oracle ridge as n grows", "", "", ""};
  const json* v24 = at_path(&results, "/experiments/v24");
  if (v24 == nullptr) return missing(f, kV24Missing);
  if (v24->at("mixture").empty()) return missing(f, "experiments.v24 ran no mixture study");
  DataBlock data("mixture");
  const json& levels = v24->at("plan").at("mixture").at("levels");
  for (const char* family : {"DIAG", "GD++", "construction"})
    for (std::size_t j = 0; j < levels.size(); ++j) {
      data.line(std::string(construction_title(family)) + ", σ = " + short_number(levels.at(j)));
      for (const json& r : v24->at("mixture")) {
        const bool construction = std::string(family) == "construction";
        if (r.at("family") != (construction ? "DIAG" : family)) continue;
        const json& d = r.at(construction ? "construction" : "trained").at(j).at("relative_distance");
        if (d.is_number() && d.get<double>() > 0) data.row({r.at("n").get<double>(), d.get<double>()});
      }
    }
  f.caption =
      "Relative distance sum (y_hat - y_hat_ridge)^2 / sum y_hat_ridge^2 of two-layer models to the oracle "
      "ridge per noise level, x ~ N(0, I/n): trained DIAG, trained GD++ (no noise estimate: the control) and "
      "Theorem 5.2's construction with the corrected sign (docs/catalogue.md).";
  f.script = line_plot(data,
                       axes(f.title, "n", "relative distance to the oracle ridge",
                            "set logscale xy\nset key outside right font ',9'\n"),
                       "using 1:2 with linespoints lw 2");
  return f;
}

}  // namespace ltv::figure_script
