#include "ltv/report/markdown.hpp"

#include "ltv/experiments/table1.hpp"

#include <cmath>
#include <sstream>

namespace ltv {
namespace {

std::string cell(std::string s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += ' ';
    else
      out += ch;
  }
  return out;
}

/// Digits of agreement with the exact tier; null means "none measured": the exact tier itself, or a
/// tier of an obligation that has no exact value to compare with (statistical, irrational optima).
std::string digits_text(const nlohmann::json& d, const std::string& tier) {
  if (d.is_null()) return tier == "rational" ? "exact" : "n/a";
  if (d.is_string()) return d.get<std::string>();
  std::ostringstream os;
  os.precision(1);
  os << std::fixed << d.get<double>();
  return os.str();
}

/// The worst digits of agreement with the exact tier at `tier`, or "-" when that tier did not run.
std::string tier_digits(const nlohmann::json& tiers, const std::string& tier) {
  return tiers.contains(tier) ? digits_text(tiers.at(tier).at("digits"), tier) : "-";
}

std::string tier_list(const nlohmann::json& tiers) {
  std::string out;
  for (const auto& [name, t] : tiers.items()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

void table1_section(std::ostringstream& md, const nlohmann::json& t) {
  const std::string preset = t.at("plan").at("preset");
  md << "### V24 Table 1\n\n"
     << "Preset `" << preset << "` (its budgets and seeds are under experiments.table1.plan in results.json); "
     << "reproduce: `ltv reproduce table1 --preset " << preset.substr(0, preset.find(' '))
     << " --results results.json`. One-layer rows are exact theory, baselines Monte Carlo, deeper rows trained.\n\n";
  // Agreement with the paper per kind of row (the bars: ±2% exact, ±5% Monte Carlo).
  int exact = 0, exact_within = 0, baselines = 0, baselines_within = 0, baselines_z = 0, trained = 0;
  for (const auto& c : t.at("cells")) {
    if (c.at("ratio").is_null()) continue;
    const int layers = c.at("layers");
    const double off = std::abs(c.at("ratio").get<double>() - 1);
    if (layers == 1) {
      ++exact;
      exact_within += off <= 0.02;
    } else if (layers == 0) {
      ++baselines;
      baselines_within += off <= 0.05;
      baselines_z += c.contains("z") && c.at("z").is_number() && std::abs(c.at("z").get<double>()) <= 2;
    } else {
      ++trained;
    }
  }
  if (exact) md << "- one layer (exact theory): " << exact_within << " of " << exact << " cells within ±2% of the paper\n";
  if (baselines)
    md << "- baselines (Monte Carlo): " << baselines_within << " of " << baselines << " cells within ±5% of the paper; "
       << baselines_z << " within 2 standard errors of the difference (|z| <= 2)\n";
  if (trained) md << "- trained: " << trained << " cells; their ratios are in the table\n";
  md << "\n" << table1_markdown(t) << "\n";
}

void a24_section(std::ostringstream& md, const nlohmann::json& a24) {
  md << "### A24: Adam against SGD\n\nReproduce: `ltv experiment a24 --results results.json`.\n\n"
     << "| setting | n | covariates | phenomenon | verdict |\n|---|---|---|---|---|\n";
  for (const auto& [name, s] : a24.items())
    for (const auto& [phenomenon, p] : s.at("phenomena").items())
      md << "| " << s.at("setting") << " | " << s.at("task").at("n") << " | "
         << cell(s.at("task").at("covariates")) << " | " << cell(phenomenon) << " | **"
         << p.at("verdict").get<std::string>() << "** |\n";
  md << "\n";
}

}  // namespace

std::string figure_placeholder(const std::string& id) { return "<!--ltv-figure:" + id + "-->"; }

std::string render_markdown(const nlohmann::json& results, const std::vector<Figure>& figures, FigureLinks links) {
  std::ostringstream md;
  const auto& env = results.at("environment");
  const auto& opt = results.at("options");
  md << "# ltv verification report\n\n"
     << "ltv " << env.at("version").get<std::string>() << " (commit "
     << env.at("git_commit").get<std::string>() << ", " << env.at("compiler").get<std::string>() << ", "
     << env.at("build_type").get<std::string>() << ")  \n"
     << "Libraries:";
  for (const auto& [name, version] : env.at("libraries").items())
    md << " " << name << " " << version.get<std::string>() << ";";
  md << "  \nOptions: seed " << opt.at("seed") << ", " << opt.at("cases") << " cases per property, MPFR at "
     << opt.at("bits") << " bits (requested " << opt.at("bits_requested") << ").\n\n";

  if (!results.at("complete").get<bool>())
    md << "**This run was interrupted: only the obligations below were checked.**\n\n";
  md << "## Theorem table\n\n"
     << "Digits: the worst agreement with the exact tier over all cases, against the magnitude of the terms "
        "summed (docs/conventions.md).\n\n"
     << "| ID | paper | kind | verdict | cases | tiers | mpfr digits | double digits | negative control | time (s) |\n"
     << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& o : results.at("obligations")) {
    std::ostringstream secs;
    secs.precision(2);
    secs << std::fixed << o.at("seconds").get<double>();
    md << "| " << cell(o.at("id")) << " | " << cell(o.at("paper")) << " | " << cell(o.at("kind")) << " | **"
       << cell(o.at("verdict")) << "** | " << o.at("cases") << " | " << tier_list(o.at("tiers")) << " | "
       << tier_digits(o.at("tiers"), "mpfr") << " | " << tier_digits(o.at("tiers"), "double") << " | "
       << (o.at("negative_control").at("rejected").get<bool>() ? "rejected" : "**NOT rejected**") << " | "
       << secs.str() << " |\n";
  }

  md << "\n## Discrepancies with the papers\n\n";
  bool any = false;
  for (const auto& o : results.at("obligations")) {
    const std::string verdict = o.at("verdict");
    if (verdict == "HOLDS" || verdict == "REPRODUCED") continue;
    any = true;
    md << "### " << o.at("id").get<std::string>() << " — " << verdict << "\n\n"
       << "- As printed: " << o.at("statement").get<std::string>() << "\n";
    if (!o.at("correction").is_null())
      md << "- Corrected form: " << o.at("correction").get<std::string>() << "\n";
    if (!o.at("counterexample").is_null())
      md << "- Counterexample to the printed form:\n\n```\n"
         << o.at("counterexample").get<std::string>() << "\n```\n";
    md << "- Reproduce: `" << o.at("reproduce").get<std::string>() << "`\n\n";
  }
  if (!any) md << "None: every statement held as printed.\n\n";

  md << "## Experiments\n\n";
  const nlohmann::json experiments = results.value("experiments", nlohmann::json::object());
  if (experiments.contains("table1")) table1_section(md, experiments.at("table1"));
  if (experiments.contains("a24")) a24_section(md, experiments.at("a24"));
  if (!experiments.contains("table1") && !experiments.contains("a24"))
    md << "None in this results file: `ltv reproduce table1 --preset quick --results results.json` and `ltv "
          "experiment a24 --results results.json` add them.\n\n";

  md << "## Figures\n\n";
  for (const Figure& f : figures) {
    md << "### " << f.title << "\n\n";
    if (!f.missing.empty()) {
      md << "Not drawn: " << f.missing << ".\n\n";
      continue;
    }
    if (links == FigureLinks::Files)
      md << "![" << f.title << "](figures/" << f.id << ".svg)\n\n";
    else
      md << figure_placeholder(f.id) << "\n\n";
    md << f.caption << "\n\n";
  }

  md << "## Obligations in detail\n\n";
  for (const auto& o : results.at("obligations")) {
    md << "### " << o.at("id").get<std::string>() << ": " << o.at("title").get<std::string>() << "\n\n"
       << "Verdict **" << o.at("verdict").get<std::string>() << "** on " << o.at("cases") << " cases. "
       << "Statement: " << o.at("statement").get<std::string>() << "\n\n"
       << "| tier | bits | cases | worst residual | digits vs exact | required digits "
          "|\n|---|---|---|---|---|---|\n";
    for (const auto& [name, t] : o.at("tiers").items())
      md << "| " << name << " | " << t.at("bits") << " | " << t.at("cases") << " | "
         << cell(t.at("worst_residual")) << " | " << digits_text(t.at("digits"), name) << " | "
         << digits_text(t.at("required_digits"), name) << " |\n";
    if (!o.at("values").empty()) {
      md << "\nMeasured values:\n\n";
      for (const auto& [k, v] : o.at("values").items()) md << "- `" << k << "`: " << cell(v.dump()) << "\n";
    }
    const auto& nc = o.at("negative_control");
    md << "\nNegative control: " << nc.at("description").get<std::string>() << " — "
       << (nc.at("rejected").get<bool>() ? "rejected" : "NOT rejected");
    if (!nc.at("counterexample").is_null())
      md << ", by\n\n```\n" << nc.at("counterexample").get<std::string>() << "\n```\n";
    md << "\nReproduce: `" << o.at("reproduce").get<std::string>() << "`\n\n";
  }
  return md.str();
}

}  // namespace ltv
