#include "results_file.hpp"

#include "ltv/io/files.hpp"

#include <filesystem>
#include <stdexcept>

namespace ltv::cli {
namespace results_file_impl {

nlohmann::json load_object(const std::string& path) {
  if (!std::filesystem::exists(path)) return nlohmann::json::object();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number beyond double (1e3080)
    throw std::invalid_argument(path + " exists but is not JSON (" + e.what() +
                                "); it is left untouched — choose another results file");
  } catch (const std::runtime_error& e) {  // unreadable (a directory, no permission)
    throw std::invalid_argument(std::string(e.what()) + "; choose another results file");
  }
  if (!doc.is_object()) throw std::invalid_argument(path + " is not a JSON object; it is left untouched");
  return doc;
}

/// `doc` with `value` at `pointer`; throws std::invalid_argument when the document's shape does not
/// allow it (e.g. "experiments" is a number).
void set(nlohmann::json& doc, const nlohmann::json::json_pointer& pointer, const nlohmann::json& value,
         const std::string& path) {
  try {
    doc[pointer] = value;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(path + " cannot take " + pointer.to_string() + " (" + e.what() +
                                "); it is left untouched — choose another results file");
  }
}

}  // namespace results_file_impl

nlohmann::json existing_experiments(const std::string& path) {
  const nlohmann::json doc = results_file_impl::load_object(path);
  if (!doc.contains("experiments")) return nlohmann::json::object();
  if (!doc.at("experiments").is_object())
    throw std::invalid_argument(path + ": \"experiments\" is not an object; it is left untouched");
  return doc.at("experiments");
}

void check_results_file(const std::string& path, const nlohmann::json::json_pointer& pointer,
                        std::uintmax_t added_bytes) {
  nlohmann::json doc = results_file_impl::load_object(path);
  results_file_impl::set(doc, pointer, nullptr, path);
  check_writable_file(path, doc.dump(2).size() + added_bytes);
}

void merge_into_results(const std::string& path, const nlohmann::json::json_pointer& pointer,
                        const nlohmann::json& value) {
  nlohmann::json doc = results_file_impl::load_object(path);
  results_file_impl::set(doc, pointer, value, path);
  write_file_atomically(path, doc.dump(2) + "\n");
}

}  // namespace ltv::cli
