#include "ltv/report/markdown.hpp"

#include "ltv/report/experiments.hpp"
#include "ltv/report/table1.hpp"
#include "ltv/scalar/tier.hpp"

#include <algorithm>
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

/// Digits of agreement with the rational tier; null means "none measured": the rational tier itself, or a
/// tier of an obligation that has no exact value to compare with (statistical, irrational optima).
std::string digits_text(const nlohmann::json& d, std::string_view tier) {
  if (d.is_null()) return tier == tier_name(Tier::Rational) ? "exact" : "n/a";
  if (d.is_string()) return d.get<std::string>();
  std::ostringstream os;
  os.precision(1);
  os << std::fixed << d.get<double>();
  return os.str();
}

/// The worst digits of agreement with the rational tier at `tier`, or "-" when that tier did not run.
std::string tier_digits(const nlohmann::json& tiers, Tier tier) {
  const std::string name(tier_name(tier));
  return tiers.contains(name) ? digits_text(tiers.at(name).at("digits"), name) : "-";
}

std::string tier_names(const nlohmann::json& tiers) {
  std::string out;
  for (const auto& [name, t] : tiers.items()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

/// The string at `key`, or "" when an older results file lacks it (absent, null, not a string).
std::string text_field(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

/// The object at `key`, or an empty object when an older results file lacks it.
const nlohmann::json& object_field(const nlohmann::json& o, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  const auto it = o.find(key);
  return it != o.end() && it->is_object() ? *it : empty;
}

/// A value of results.json as text: a string as it is, anything else as JSON.
std::string as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

/// What the verdict column prints: verdict_text (the verdict with its scope), else the verdict.
std::string verdict_text(const nlohmann::json& o) {
  const std::string text = text_field(o, "verdict_text");
  return text.empty() ? o.at("verdict").get<std::string>() : text;
}

/// Where an obligation is listed besides the theorem table and its details.
enum class Listing { Agreement, Discrepancy, Reading };

Listing listing(const std::string& verdict) {
  if (verdict == "HOLDS" || verdict == "REPRODUCED") return Listing::Agreement;
  if (verdict == "CONVENTION" || verdict == "APPROXIMATION") return Listing::Reading;
  // FAILS, HOLDS-WITH-CORRECTION, RECONSTRUCTION-FAILS, NOT-REPRODUCED, INCONCLUSIVE, and any verdict this
  // report does not know: a reader must see it.
  return Listing::Discrepancy;
}

/// The verdicts whose printed form and second form are shown side by side.
bool has_two_forms(const std::string& verdict) {
  return verdict == "CONVENTION" || verdict == "APPROXIMATION" || verdict == "HOLDS-WITH-CORRECTION" ||
         verdict == "RECONSTRUCTION-FAILS";
}

bool reconstructed(const nlohmann::json& o) {
  return text_field(object_field(o, "printed_form"), "source") == "reconstructed";
}

/// A counterexample: a case printed by the checker goes into a code block; a note with formulas
/// (a statistical obligation's summary) is prose, so that its formulas are typeset.
void counterexample_block(std::ostringstream& md, const std::string& counterexample, MarkdownFor target) {
  bool formulas = false;
  for (const TextPiece& p : split_math(counterexample)) formulas = formulas || p.math;
  if (formulas)
    md << " " << markdown_text(counterexample, target) << "\n";
  else
    md << "\n\n```\n" << counterexample << "\n```\n";
}

/// Where the printed form comes from: quoted verbatim (with the quote), or rebuilt by ltv (from what).
std::string provenance(const nlohmann::json& o, MarkdownFor target) {
  const nlohmann::json& pf = object_field(o, "printed_form");
  const std::string source = text_field(pf, "source"), where = text_field(pf, "where");
  const std::string quote = text_field(pf, "quote"), note = text_field(pf, "note");
  if (source.empty()) return "";
  std::string out = "Printed form: " + source + (where.empty() ? "" : ", " + markdown_text(where, target));
  if (source == "verbatim" && !quote.empty()) out += ": " + markdown_text(quote, target);
  if (!note.empty()) out += " — " + markdown_text(note, target);
  return out + "\n\n";
}

void conventions_table(std::ostringstream& md, const nlohmann::json& o, MarkdownFor target) {
  const auto it = o.find("conventions");
  if (it == o.end() || !it->is_array() || it->empty()) return;
  md << "Conventions:\n\n| convention | value | where |\n|---|---|---|\n";
  for (const auto& c : *it)
    if (c.is_object())
      md << "| " << cell(markdown_text(text_field(c, "name"), target)) << " | "
         << cell(markdown_text(text_field(c, "value"), target)) << " | "
         << cell(markdown_text(text_field(c, "where"), target)) << " |\n";
  md << "\n";
}

/// The ranges checked, what was not reached, and whether the paper's own setting was.
std::string scope_text(const nlohmann::json& o, MarkdownFor target) {
  const nlohmann::json& scope = object_field(o, "scope");
  std::vector<std::string> parts;
  std::string checked;
  for (const auto& [name, range] : object_field(scope, "checked").items())
    checked += (checked.empty() ? "" : ", ") + markdown_text(name, target) + " = " +
               markdown_text(as_text(range), target);
  if (!checked.empty()) parts.push_back("checked " + checked);
  const auto not_reached = scope.find("not_reached");
  if (not_reached != scope.end() && not_reached->is_array() && !not_reached->empty()) {
    std::string list;
    for (const auto& n : *not_reached) list += (list.empty() ? "" : ", ") + markdown_text(as_text(n), target);
    parts.push_back("not reached: " + list);
  }
  const std::string setting = text_field(scope, "paper_setting");
  const auto reached = scope.find("paper_setting_reached");
  if (!setting.empty() || (reached != scope.end() && reached->is_boolean())) {
    std::string s =
        "the paper's setting" + (setting.empty() ? "" : " (" + markdown_text(setting, target) + ")");
    if (reached != scope.end() && reached->is_boolean())
      s += reached->get<bool>() ? ": reached" : ": **not reached**";
    parts.push_back(s);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "Scope: " : "; ") + p;
  return out.empty() ? "" : out + ".\n\n";
}

/// The printed form beside the second form (a correction, the convention it holds under, the exact
/// form it approximates), and the counterexample to the printed form.
void two_forms(std::ostringstream& md, const nlohmann::json& o, MarkdownFor target) {
  const nlohmann::json& second = object_field(o, "second_form");
  if (!has_two_forms(o.at("verdict")) || second.empty()) return;
  const nlohmann::json& pf = object_field(o, "printed_form");
  const std::string quote = text_field(pf, "source") == "verbatim" ? text_field(pf, "quote") : "";
  const std::string role = text_field(second, "role");
  md << "| " << (reconstructed(o) ? "as reconstructed by ltv" : "as printed") << " | second form"
     << (role.empty() ? "" : ": " + cell(role)) << " |\n|---|---|\n"
     << "| " << cell(markdown_text(quote.empty() ? text_field(o, "statement") : quote, target)) << " | "
     << cell(markdown_text(text_field(second, "statement"), target)) << " |\n";
  const std::string where = text_field(pf, "where"), second_where = text_field(second, "where");
  if (!where.empty() || !second_where.empty())
    md << "| " << (where.empty() ? "" : "where: " + cell(markdown_text(where, target))) << " | "
       << (second_where.empty() ? "" : "where: " + cell(markdown_text(second_where, target))) << " |\n";
  const std::string convention = text_field(second, "convention");
  if (!convention.empty()) md << "| | convention: " << cell(markdown_text(convention, target)) << " |\n";
  const std::string counterexample = text_field(o, "counterexample");
  const auto holds = second.find("holds");
  if (holds != second.end() && holds->is_boolean())
    md << "| " << (counterexample.empty() ? "" : "counterexample below") << " | "
       << (holds->get<bool>() ? "holds" : "**does not hold**") << " |\n";
  md << "\n";
  if (!counterexample.empty()) {
    md << "Counterexample to " << (reconstructed(o) ? "the reconstruction:" : "the printed form:");
    counterexample_block(md, counterexample, target);
    md << "\n";
  }
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
  md << "### A24: Adam against SGD\n\nReproduce: `ltv experiment a24 --results results.json`.\n\n";
  if (!a24.contains("claims")) {  // results.json of an ltv before the decision rules
    md << "This results file's A24 section is in the format of an earlier ltv (verdicts without intervals); rerun "
          "the command above.\n\n";
    return;
  }
  md << a24_markdown(a24) << "\n";
}

void header_section(std::ostringstream& md, const nlohmann::json& results) {
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
}

void theorem_table(std::ostringstream& md, const nlohmann::json& results, MarkdownFor target) {
  md << "## Theorem table\n\n"
     << "Digits: the worst agreement with the rational tier over all cases, against the magnitude of the "
        "terms "
        "summed (docs/conventions.md).\n\n"
     << "| ID | paper | kind | verdict | cases | tiers | mpfr digits | double digits | negative control | "
        "time (s) |\n"
     << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& o : results.at("obligations")) {
    std::ostringstream secs;
    secs.precision(2);
    secs << std::fixed << o.at("seconds").get<double>();
    md << "| " << cell(o.at("id")) << " | " << cell(o.at("paper")) << " | " << cell(o.at("kind")) << " | **"
       << cell(markdown_text(verdict_text(o), target)) << "** | " << o.at("cases") << " | "
       << tier_names(o.at("tiers")) << " | " << tier_digits(o.at("tiers"), Tier::Mpfr) << " | "
       << tier_digits(o.at("tiers"), Tier::Double) << " | "
       << (o.at("negative_control").at("rejected").get<bool>() ? "rejected" : "**NOT rejected**") << " | "
       << secs.str() << " |\n";
  }
}

/// One discrepancy: what the paper prints (or what ltv rebuilt), the corrected form, the
/// counterexample, the command.
void discrepancy(std::ostringstream& md, const nlohmann::json& o, MarkdownFor target) {
  const std::string verdict = o.at("verdict");
  md << "### " << o.at("id").get<std::string>() << " — " << markdown_text(verdict_text(o), target) << "\n\n";
  if (verdict == "RECONSTRUCTION-FAILS")
    md << "This concerns ltv's reconstruction of the statement, not a claim about the paper: the paper "
          "prints "
          "no formula to check here, and the one ltv rebuilt does not hold.\n\n";
  const std::string reason = text_field(o, "inconclusive_reason");
  if (verdict == "INCONCLUSIVE" && !reason.empty())
    md << "- Not decided: " << markdown_text(reason, target) << "\n";
  const nlohmann::json& pf = object_field(o, "printed_form");
  const std::string where = text_field(pf, "where"), quote = text_field(pf, "quote");
  const std::string at = where.empty() ? "" : " (" + markdown_text(where, target) + ")";
  const std::string statement = markdown_text(o.at("statement").get<std::string>(), target);
  if (reconstructed(o)) {
    md << "- As reconstructed by ltv" << at << ": " << statement << "\n";
    if (!text_field(pf, "note").empty())
      md << "- Reconstruction: " << markdown_text(text_field(pf, "note"), target) << "\n";
  } else if (!quote.empty()) {
    md << "- As printed" << at << ": " << markdown_text(quote, target) << "\n- Checked as: " << statement
       << "\n";
  } else {
    md << "- As printed" << at << ": " << statement << "\n";
  }
  const nlohmann::json& second = object_field(o, "second_form");
  std::string corrected = text_field(o, "correction");
  if (corrected.empty() && text_field(second, "role") == "correction")
    corrected = text_field(second, "statement");
  if (!corrected.empty()) md << "- Corrected form: " << markdown_text(corrected, target) << "\n";
  if (!text_field(o, "counterexample").empty()) {
    md << "- Counterexample to " << (reconstructed(o) ? "the reconstruction:" : "the printed form:");
    counterexample_block(md, text_field(o, "counterexample"), target);
  }
  md << "- Reproduce: `" << o.at("reproduce").get<std::string>() << "`\n\n";
}

void discrepancies_section(std::ostringstream& md, const nlohmann::json& results, MarkdownFor target) {
  md << "\n## Discrepancies with the papers\n\n";
  bool any = false;
  for (const auto& o : results.at("obligations"))
    if (listing(o.at("verdict")) == Listing::Discrepancy) {
      any = true;
      discrepancy(md, o, target);
    }
  if (!any) md << "None: every statement held as printed or under a stated reading.\n\n";
}

/// CONVENTION and APPROXIMATION: the printed form holds under a convention the paper itself uses
/// elsewhere, or the paper calls it approximate and it meets its rule; neither is a discrepancy.
void readings_section(std::ostringstream& md, const nlohmann::json& results, MarkdownFor target) {
  md << "## Readings\n\n";
  bool any = false;
  for (const auto& o : results.at("obligations")) {
    if (listing(o.at("verdict")) != Listing::Reading) continue;
    if (!any)
      md << "Printed forms that hold once a convention the paper itself uses elsewhere (its code, another of "
            "its displays) is applied (CONVENTION), or that the paper calls approximate and that meet a rule "
            "fixed before the run (APPROXIMATION); not discrepancies. Both forms are under each obligation in "
            "detail.\n\n";
    any = true;
    const nlohmann::json& second = object_field(o, "second_form");
    md << "- **" << o.at("id").get<std::string>() << "** — " << markdown_text(verdict_text(o), target);
    const std::string role = text_field(second, "role"), convention = text_field(second, "convention");
    const std::string where = text_field(second, "where");
    if (!text_field(second, "statement").empty())
      md << ": second form" << (role.empty() ? "" : " (" + role + ")") << " "
         << markdown_text(text_field(second, "statement"), target);
    if (!convention.empty()) md << " — " << markdown_text(convention, target);
    if (!where.empty()) md << " (" << markdown_text(where, target) << ")";
    md << "\n";
  }
  md << (any ? "\n" : "None.\n\n");
}

void experiments_section(std::ostringstream& md, const nlohmann::json& results) {
  md << "## Experiments\n\n";
  const nlohmann::json experiments = results.value("experiments", nlohmann::json::object());
  if (experiments.contains("table1")) table1_section(md, experiments.at("table1"));
  if (experiments.contains("a24")) a24_section(md, experiments.at("a24"));
  if (experiments.contains("a23"))
    md << "### A23: Theorems 3 and 4 trained\n\nReproduce: `ltv experiment a23 --results results.json`.\n\n"
       << a23_markdown(experiments.at("a23")) << "\n";
  if (experiments.contains("v24"))
    md << "### V24: mechanisms of trained models\n\nReproduce: `ltv experiment v24 --results results.json`.\n\n"
       << v24_markdown(experiments.at("v24")) << "\n";
  if (!experiments.contains("table1") && !experiments.contains("a24") && !experiments.contains("a23") &&
      !experiments.contains("v24"))
    md << "None in this results file: `ltv reproduce table1 --preset quick --results results.json` and `ltv "
          "experiment a24 --results results.json` add them.\n\n";
}

void figures_section(std::ostringstream& md, const std::vector<Figure>& figures, MarkdownFor target) {
  md << "## Figures\n\n";
  for (const Figure& f : figures) {
    md << "### " << f.title << "\n\n";
    if (!f.missing.empty()) {
      md << "Not drawn: " << f.missing << ".\n\n";
      continue;
    }
    if (target == MarkdownFor::Reader)
      md << "![" << f.title << "](figures/" << f.id << ".svg)\n\n";
    else
      md << figure_placeholder(f.id) << "\n\n";
    md << f.caption << "\n\n";
  }
}

void obligation_detail(std::ostringstream& md, const nlohmann::json& o, MarkdownFor target) {
  md << "### " << o.at("id").get<std::string>() << ": "
     << markdown_text(o.at("title").get<std::string>(), target) << "\n\n"
     << "Verdict **" << markdown_text(verdict_text(o), target) << "** on " << o.at("cases") << " cases. "
     << "Statement: " << markdown_text(o.at("statement").get<std::string>(), target) << "\n\n";
  const std::string reason = text_field(o, "inconclusive_reason");
  if (!reason.empty()) md << "Not decided: " << markdown_text(reason, target) << "\n\n";
  md << provenance(o, target);
  conventions_table(md, o, target);
  md << scope_text(o, target);
  two_forms(md, o, target);
  md << "| tier | bits | cases | worst residual | digits vs exact | required digits "
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
  md << "\nNegative control: " << markdown_text(nc.at("description").get<std::string>(), target) << " — "
     << (nc.at("rejected").get<bool>() ? "rejected" : "NOT rejected");
  if (!nc.at("counterexample").is_null())
    md << ", by\n\n```\n" << nc.at("counterexample").get<std::string>() << "\n```\n";
  md << "\nReproduce: `" << o.at("reproduce").get<std::string>() << "`\n\n";
}

std::string hex(const std::string& bytes) {
  static constexpr const char* kDigits = "0123456789abcdef";
  std::string out;
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace

std::string figure_placeholder(const std::string& id) { return "<!--ltv-figure:" + id + "-->"; }

std::vector<TextPiece> split_math(const std::string& text) {
  std::vector<TextPiece> pieces;
  const auto literal = [&](const std::string& s) {
    if (pieces.empty() || pieces.back().math) pieces.push_back({"", false});
    pieces.back().text += s;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "\\$") == 0) {  // a literal dollar, kept escaped for Markdown
      literal("\\$");
      i += 2;
      continue;
    }
    if (text[i] == '`') {  // a code span is literal, dollars included
      const std::size_t run = std::min(text.find_first_not_of('`', i), text.size()) - i;
      const std::size_t close = text.find(std::string(run, '`'), i + run);
      const std::size_t end = close == std::string::npos ? i + run : close + run;
      literal(text.substr(i, end - i));
      i = end;
      continue;
    }
    if (text[i] != '$') {
      literal(std::string(1, text[i++]));
      continue;
    }
    if (text.compare(i, 2, "$$") == 0) {  // display math is not part of the format: two literal dollars
      literal("\\$\\$");
      i += 2;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && text[end] != '$') end += text[end] == '\\' ? 2 : 1;
    if (end >= text.size()) {  // no closing `$`: a literal dollar
      literal("\\$");
      ++i;
      continue;
    }
    pieces.push_back({text.substr(i + 1, end - i - 1), true});
    i = end + 1;
  }
  return pieces;
}

std::string markdown_text(const std::string& text, MarkdownFor target) {
  std::string out;
  for (const TextPiece& p : split_math(text))
    out += !p.math                         ? p.text
           : target == MarkdownFor::Reader ? "$" + p.text + "$"
                                           : kMathPlaceholder + hex(p.text) + "-->";
  return out;
}

std::string render_markdown(const nlohmann::json& results, const std::vector<Figure>& figures,
                            MarkdownFor target) {
  std::ostringstream md;
  header_section(md, results);
  theorem_table(md, results, target);
  discrepancies_section(md, results, target);
  readings_section(md, results, target);
  experiments_section(md, results);
  figures_section(md, figures, target);
  md << "## Obligations in detail\n\n";
  for (const auto& o : results.at("obligations")) obligation_detail(md, o, target);
  return md.str();
}

}  // namespace ltv
