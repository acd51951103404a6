#include "ltv/verify/results_json.hpp"

#include "ltv/build_info.hpp"

#include <gmp.h>
#include <mpfi.h>
#include <mpfr.h>
#include <Eigen/Core>
#include <boost/version.hpp>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace {

nlohmann::json optional_json(const auto& o) { return o ? nlohmann::json(*o) : nlohmann::json(nullptr); }

/// JSON numbers cannot be infinite: exact agreement is written as the string "inf".
nlohmann::json digits_json(const std::optional<double>& d) {
  if (!d) return nullptr;
  if (std::isinf(*d)) return *d > 0 ? "inf" : "-inf";
  return *d;
}

std::optional<double> digits_from_json(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  if (j.is_string()) {
    const auto s = j.get<std::string>();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    throw std::runtime_error("digits must be a number, \"inf\" or \"-inf\", not \"" + s + "\"");
  }
  return j.get<double>();
}

template <class T>
std::optional<T> optional_from(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return j.at(key).get<T>();
}

}  // namespace

nlohmann::json environment_stamp() {
  std::ostringstream boost_version;
  boost_version << BOOST_VERSION / 100000 << "." << BOOST_VERSION / 100 % 1000 << "." << BOOST_VERSION % 100;
  return {
      {"version", build_info::version},
      {"git_commit", build_info::git_commit},
      {"build_type", build_info::build_type},
      {"compiler", build_info::compiler},
      {"libraries",
       {{"eigen", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
                      std::to_string(EIGEN_MINOR_VERSION)},
        {"boost", boost_version.str()},
        {"mpfr", mpfr_get_version()},
        {"gmp", gmp_version},
        {"mpfi", mpfi_get_version()}}},
  };
}

nlohmann::json to_json(const ObligationResult& r) {
  nlohmann::json tiers = nlohmann::json::object();
  for (const TierReport& t : r.tiers)
    tiers[t.tier] = {{"bits", t.bits},
                     {"cases", t.cases},
                     {"worst_residual", t.worst_residual},
                     {"digits", digits_json(t.digits)},
                     {"required_digits", digits_json(t.required_digits)},
                     {"worst_case", t.worst_case}};
  return {
      {"id", r.id},
      {"paper", r.paper},
      {"title", r.title},
      {"kind", r.kind},
      {"statement", r.statement},
      {"correction", optional_json(r.correction)},
      {"verdict", verdict_name(r.verdict)},
      {"cases", r.cases},
      {"seed", r.seed},
      {"tiers", tiers},
      {"values", r.values},
      {"counterexample", optional_json(r.counterexample)},
      {"negative_control",
       {{"description", r.negative_control.description},
        {"rejected", r.negative_control.rejected},
        {"counterexample", optional_json(r.negative_control.counterexample)}}},
      {"reproduce", r.reproduce},
      {"seconds", r.seconds},
  };
}

ObligationResult obligation_from_json(const nlohmann::json& j) {
  ObligationResult r;
  r.id = j.at("id").get<std::string>();
  r.paper = j.at("paper").get<std::string>();
  r.title = j.at("title").get<std::string>();
  r.kind = j.at("kind").get<std::string>();
  r.statement = j.at("statement").get<std::string>();
  r.correction = optional_from<std::string>(j, "correction");
  const auto verdict = parse_verdict(j.at("verdict").get<std::string>());
  if (!verdict) throw std::runtime_error("obligation " + r.id + ": unknown verdict");
  r.verdict = *verdict;
  r.cases = j.at("cases").get<int>();
  r.seed = j.at("seed").get<std::uint64_t>();
  for (const auto& [name, t] : j.at("tiers").items())
    r.tiers.push_back({name, t.at("bits").get<unsigned>(), t.at("cases").get<int>(),
                       t.at("worst_residual").get<std::string>(), digits_from_json(t.at("digits")),
                       digits_from_json(t.at("required_digits")), t.at("worst_case").get<std::string>()});
  r.values = j.at("values");
  r.counterexample = optional_from<std::string>(j, "counterexample");
  const auto& nc = j.at("negative_control");
  r.negative_control = {nc.at("description").get<std::string>(), nc.at("rejected").get<bool>(),
                        optional_from<std::string>(nc, "counterexample")};
  r.reproduce = j.at("reproduce").get<std::string>();
  r.seconds = j.at("seconds").get<double>();
  return r;
}

nlohmann::json to_json(const CheckRun& run) {
  nlohmann::json obligations = nlohmann::json::array();
  for (const auto& r : run.results) obligations.push_back(to_json(r));
  return {
      {"schema", kResultsSchema},
      {"complete", run.complete},
      {"environment", environment_stamp()},
      {"options",
       {{"seed", run.options.seed},
        {"cases", run.options.cases},
        {"bits_requested", run.options.bits},
        {"bits", run.working_bits}}},
      {"obligations", obligations},
  };
}

nlohmann::json parse_results(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(std::string("results file is not valid JSON (truncated?): ") + e.what());
  }
  if (!j.is_object() || !j.contains("schema") || !j.at("schema").is_string() ||
      j.at("schema").get<std::string>() != kResultsSchema)
    throw std::runtime_error(std::string("results file does not have schema \"") + kResultsSchema + "\"");
  if (!j.contains("complete") || !j.at("complete").is_boolean())
    throw std::runtime_error("results file has no boolean \"complete\"");
  if (!j.contains("obligations") || !j.at("obligations").is_array())
    throw std::runtime_error("results file has no \"obligations\" array");
  try {
    for (const auto& o : j.at("obligations")) obligation_from_json(o);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("results file has a malformed obligation: ") + e.what());
  }
  return j;
}

}  // namespace ltv
