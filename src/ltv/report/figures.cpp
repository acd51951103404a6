// The report's plots as gnuplot programs (figures.hpp): the list in the report's order, and the
// figures of the obligations' own values (figures_table1.cpp and figures_experiments.cpp draw the
// experiments; figure_script.hpp what they are all made of).
#include "ltv/report/figure_script.hpp"
#include "ltv/scalar/tier.hpp"

#include <cmath>
#include <map>
#include <sstream>
#include <utility>

namespace ltv {
namespace figure_script {

Figure digits_vs_precision(const json& results) {
  Figure f{"digits_vs_precision", "Digits against precision", "", "", ""};
  DataBlock data("digits");
  std::string doubles;
  for (const json& o : results.at("obligations")) {
    const json* sweep = at_path(&o, "/values/digits_vs_bits");
    if (sweep == nullptr || sweep->is_null()) continue;
    data.line(o.at("id").get<std::string>() + " (MPFR)");
    // Rungs that computed the case exactly ("inf" digits) have no finite point to plot.
    for (const json& p : sweep->at(tier_name(Tier::Mpfr)))
      if (p.at("digits").is_number()) data.row({p.at("bits").get<double>(), p.at("digits").get<double>()});
    if (!sweep->at("double_digits").is_null())
      doubles += "53 " + num(sweep->at("double_digits").get<double>()) + "\n";
  }
  if (data.titles().empty())
    return missing(f,
                   "no obligation of this results file measured digits at several precisions (V24.T4.1 does: "
                   "ltv check --only V24.T4.1)");
  f.caption =
      "Digits of agreement with the exact rational value of one fixed case, re-evaluated at each MPFR "
      "precision "
      "(values.digits_vs_bits); the dashed line is the ideal bits·log10(2), the square the double tier.";
  std::ostringstream s;
  s << data.text() << "$double << EOD\n"
    << doubles << "EOD\n"
    << axes(f.title, "mantissa bits", "digits", "set key left top\nset logscale x 2\n") << "plot "
    << data.lines("using 1:2 with linespoints lw 2 pt 7") << ", "
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
  for (const auto& [kappa, rows] : tables->items()) {
    data.line("κ = " + kappa);
    for (const json& r : rows)
      data.row({r.at("preconditioning_layers").get<double>(), r.at("worst_digits").get<double>(),
                r.at("guaranteed_digits").get<double>()});
  }
  f.caption =
      "Worst correct digits of the GD++ construction's prediction over the contexts (adversarial and "
      "random), "
      "after each layer, at 1024 bits; dashed: the digits the proof guarantees. Linear growth while "
      "preconditioning, then doubling per layer (second order).";
  std::ostringstream s;
  s << data.text() << axes(f.title, "layers", "correct digits", "set key left top\n") << "plot ";
  const std::vector<std::string>& titles = data.titles();
  for (std::size_t i = 0; i < titles.size(); ++i)
    s << (i ? ", " : "") << data.ref() << " index " << i << " using 1:2 with linespoints lw 2 pt 7 lc "
      << i + 1 << " title " << quoted(titles[i] + " measured") << ", " << data.ref() << " index " << i
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
  for (const auto& [d, pts] : by_d) {
    data.line("d = " + std::to_string(d));
    for (const auto& [n, c] : pts) data.row({n, c});
  }
  const json* fit = at_path(obligation(results, "V24.T4.2"), "/values/fit_log_median/exponent_n");
  f.caption =
      "Median over draws of the largest cosine between any linear-attention output and the quadratic "
      "target, against the context length n";
  if (fit) f.caption += " (fitted exponent of n: " + num(fit->get<double>()) + ")";
  f.caption += "; the claim is that it goes to 0.";
  f.script = line_plot(data, axes(f.title, "n", "median sup cosine", "set logscale xy\nset key right top\n"),
                       "using 1:2 with linespoints lw 2 pt 7");
  return f;
}

Figure t52_error(const json& results) {
  Figure f{"t52_error_vs_n", "V24 Theorem 5.2: error against the oracle ridge against n", "", "", ""};
  const json* values = at_path(obligation(results, "V24.T5.2"), "/values");
  if (values == nullptr) return missing(f, not_checked("V24.T5.2"));
  DataBlock data("error");
  for (const auto& [form, label] : {std::pair<std::string, std::string>{"corrected", "corrected"},
                                    {"printed", "as printed"},
                                    {"negative_control_no_factor_n", "negative control"}})
    for (const std::string sigma : {"sigma_1", "sigma_3"}) {
      const json* rows = at_path(values, "/" + form + "/" + sigma + "/rows");
      if (rows == nullptr) continue;
      data.line(label + ", σ = " + sigma.substr(6));
      for (const json& r : *rows)
        data.row({r.at("n").get<double>(), r.at("mean_relative_error").get<double>(),
                  r.at("standard_error").get<double>()});
    }
  if (data.titles().empty()) return missing(f, "V24.T5.2 recorded no error rows");
  f.caption =
      "Mean relative distance of the construction's prediction from the oracle ridge's, against n "
      "(log-log, with standard errors): the corrected construction converges like n^-1/2, the printed "
      "one does not.";
  f.script =
      line_plot(data, axes(f.title, "n", "mean relative error", "set logscale xy\nset key outside right\n"),
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
  s << data.text() << axes(f.title, "z", "cases", "set xrange [-5:5]\nset style fill solid 0.5\n") << "plot "
    << data.ref() << " using 1:2 with boxes lc rgb '#4477aa' title 'engine', " << num(total * width)
    << "*exp(-x*x/2)/sqrt(2*pi) with lines lw 2 lc rgb 'black' title 'N(0, 1)'\n";
  f.script = s.str();
  return f;
}

}  // namespace figure_script

std::vector<Figure> report_figures(const nlohmann::json& results) {
  using namespace figure_script;
  return {digits_vs_precision(results), gdpp_digit_doubling(results), t42_cosine(results),
          t52_error(results),           mc_z_scores(results),         training_curves(results),
          adam_vs_sgd(results),         a23_dist_curves(results),     table1_vs_paper(results),
          noise_profiles(results),      v24_readouts(results),        v24_profiles(results),
          v24_mixture(results)};
}

}  // namespace ltv
