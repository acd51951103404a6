#include "results_file.hpp"

#include "ltv/io/files.hpp"

#include <filesystem>
#include <stdexcept>

namespace ltv::cli {
namespace {

nlohmann::json load_object(const std::string& path) {
  if (!std::filesystem::exists(path)) return nlohmann::json::object();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(path + " exists but is not JSON (" + e.what() +
                                "); it is left untouched — choose another results file");
  }
  if (!doc.is_object()) throw std::invalid_argument(path + " is not a JSON object; it is left untouched");
  return doc;
}

}  // namespace

nlohmann::json existing_experiments(const std::string& path) {
  const nlohmann::json doc = load_object(path);
  return doc.contains("experiments") ? doc.at("experiments") : nlohmann::json::object();
}

void merge_into_results(const std::string& path, const nlohmann::json::json_pointer& pointer,
                        const nlohmann::json& value) {
  nlohmann::json doc = load_object(path);
  doc[pointer] = value;
  write_file_atomically(path, doc.dump(2) + "\n");
}

}  // namespace ltv::cli
