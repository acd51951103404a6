// What every figure of the report is made of (figure_script.hpp).
#include "ltv/report/figure_script.hpp"

#include <sstream>

namespace ltv::figure_script {

const json* obligation(const json& results, const std::string& id) {
  for (const json& o : results.at("obligations"))
    if (o.at("id") == id) return &o;
  return nullptr;
}

const json* at_path(const json* root, const std::string& pointer) {
  if (root == nullptr) return nullptr;
  const json::json_pointer p(pointer);
  return root->contains(p) ? &(*root)[p] : nullptr;
}

std::string quoted(const std::string& s) {
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

void DataBlock::row(std::initializer_list<double> values) {
  std::string text;
  for (const double v : values) {
    if (!text.empty()) text += ' ';
    text += num(v);
  }
  body_ += text + '\n';
  line_empty_ = false;
}

void DataBlock::line(std::string title) {
  if (!line_empty_) body_ += "\n\n";
  line_empty_ = true;
  titles_.push_back(std::move(title));
}

std::string DataBlock::lines(const std::string& with) const {
  std::string out;
  for (std::size_t i = 0; i < titles_.size(); ++i)
    out +=
        (i ? ", " : "") + ref() + " index " + std::to_string(i) + " " + with + " title " + quoted(titles_[i]);
  return out;
}

std::string axes(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::string& more) {
  return "set title " + quoted(title) + "\nset xlabel " + quoted(xlabel) + "\nset ylabel " + quoted(ylabel) +
         "\nset grid\n" + more;
}

std::string line_plot(const DataBlock& data, const std::string& opening, const std::string& with) {
  return data.text() + opening + "plot " + data.lines(with) + "\n";
}

Figure missing(Figure f, const std::string& why) {
  f.missing = why;
  return f;
}

std::string not_checked(const std::string& id) {
  return id + " is not in this results file (ltv check --only " + id + ")";
}

}  // namespace ltv::figure_script
