#include "ltv/verify/catalogue_table.hpp"

#include <sstream>

namespace ltv {
namespace catalogue_table_impl {
namespace {

/// A table cell: a '|' would end the cell early.
std::string cell(const std::string& s) {
  std::string out;
  for (const char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out.empty() ? "—" : out;
}

std::string joined(const std::vector<std::string>& v, const std::string& separator) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : separator) + s;
  return out;
}

}  // namespace
}  // namespace catalogue_table_impl

std::string scope_ranges(const Scope& s) {
  using namespace catalogue_table_impl;
  std::vector<std::string> parts;
  for (const auto& [name, range] : s.checked) parts.push_back(name + ": " + range);
  return joined(parts, "; ");
}

std::string catalogue_markdown(const std::vector<Obligation>& obligations) {
  using namespace catalogue_table_impl;
  std::ostringstream md;
  md << "| ID | file | kind | tiers | printed form | where | scope checked | paper's setting |\n"
     << "|---|---|---|---|---|---|---|---|\n";
  for (const Obligation& o : obligations) {
    std::string source(source_name(o.printed_form.source));
    if (o.approximate) source += " (an approximation)";
    md << "| " << o.id << " | `" << o.file << "` | " << kind_name(o.kind) << " | " << tier_list(o.tiers, ", ")
       << " | " << source << " | " << cell(o.printed_form.where) << " | " << cell(scope_ranges(o.scope))
       << " | " << cell(o.scope.paper_setting) << " |\n";
  }
  return md.str();
}

}  // namespace ltv
