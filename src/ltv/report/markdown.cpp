#include "ltv/report/markdown.hpp"

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

}  // namespace

std::string render_markdown(const nlohmann::json& results) {
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
