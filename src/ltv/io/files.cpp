// Whole-file reads and atomic writes (files.hpp).
#include "ltv/io/files.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ltv {

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::string tmp_name = ".";  // (appended, not "." + ...: GCC 12 warns falsely there, PR 105651)
  tmp_name.append(path.filename().string()).append(".tmp");
  const std::filesystem::path tmp = dir / tmp_name;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw std::runtime_error("cannot write " + path.string() + " (is the directory there and writable?)");
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("error while writing " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw std::runtime_error("cannot replace " + path.string() + ": " + ec.message());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ltv
