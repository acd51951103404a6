// V24 Table 1's document as CSV and Markdown (table1.hpp).
#include "ltv/report/table1.hpp"

#include "ltv/report/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <vector>

namespace ltv {
namespace {

using json = nlohmann::json;

std::string row_label(const json& c) {
  const int layers = c.at("layers");
  return (layers == 0 ? "–" : std::to_string(layers)) + " | " + c.at("model").get<std::string>();
}

}  // namespace

std::string table1_csv(const json& doc) {
  std::ostringstream os;
  os << "model,layers,column,paper,ours,standard_error,ratio,z,method\n";
  for (const json& c : doc.at("cells"))
    os << c.at("model").get<std::string>() << "," << c.at("layers") << ",\"" << c.at("column").get<std::string>()
       << "\"," << (c.at("paper").is_null() ? "" : short_number(c.at("paper"))) << "," << short_number(c.at("value")) << ","
       << short_number(c.at("value_standard_error")) << "," << (c.at("ratio").is_null() ? "" : short_number(c.at("ratio")))
       << "," << (c.at("z").is_null() ? "" : short_number(c.at("z"))) << ",\"" << c.at("method").get<std::string>() << "\"\n";
  return os.str();
}

std::string table1_markdown(const json& doc) {
  // Rows in the order of their first cell, columns in the paper's order: both as the document has them.
  std::vector<std::string> rows;
  std::map<std::string, std::map<std::string, const json*>> cells;  // row label -> column -> cell
  for (const json& c : doc.at("cells")) {
    const std::string row = row_label(c);
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
    cells[row][c.at("column").get<std::string>()] = &c;
  }
  std::vector<std::string> columns;
  for (const json& label : doc.at("columns")) {
    const std::string col = label;
    if (std::any_of(cells.begin(), cells.end(), [&](const auto& row) { return row.second.count(col) > 0; }))
      columns.push_back(col);
  }
  std::ostringstream md;
  md << "Adjusted evaluation loss (model minus oracle ridge) on the scale " << doc.at("loss_scale").at("scale").get<std::string>()
     << ", established from " << doc.at("loss_scale").at("established_by").get<std::string>()
     << ". Columns: sigma ~ U(0, sigma_max), or uniform over the set. Each cell: ours ± standard error / "
        "the paper's value (ratio ours/paper; z = (ours − paper) / standard error of the difference, counting the "
        "paper's own Monte Carlo error as equal to ours and its rounding to three decimals).\n\n| L | model |";
  for (const std::string& c : columns) md << " " << c << " |";
  md << "\n|---|---|";
  for (std::size_t i = 0; i < columns.size(); ++i) md << "---|";
  md << "\n";
  for (const std::string& row : rows) {
    md << "| " << row << " |";
    const auto& by_column = cells.at(row);
    for (const std::string& col : columns) {
      const auto it = by_column.find(col);
      if (it == by_column.end()) {
        md << " |";
        continue;
      }
      const json& c = *it->second;
      md << " " << short_number(c.at("value")) << " ± " << short_number(c.at("value_standard_error"));
      if (!c.at("paper").is_null()) md << " / " << short_number(c.at("paper"));
      if (!c.at("ratio").is_null()) {
        md << " (" << short_number(c.at("ratio"));
        if (c.at("z").is_number() && std::isfinite(c.at("z").get<double>())) md << "; z " << short_number(c.at("z"));
        md << ")";
      }
      md << " |";
    }
    md << "\n";
  }
  return md.str();
}

}  // namespace ltv
