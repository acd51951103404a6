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

nlohmann::json to_json(const Scope& s) {
  nlohmann::json checked = nlohmann::json::object();
  for (const auto& [name, range] : s.checked) checked[name] = range;
  return {{"checked", checked},
          {"limit", s.limit},
          {"not_reached", s.not_reached},
          {"paper_setting", s.paper_setting},
          {"paper_setting_reached", optional_json(s.paper_setting_reached)}};
}

Scope scope_from_json(const nlohmann::json& j) {
  Scope s;
  for (const auto& [name, range] : j.at("checked").items()) s.checked.emplace_back(name, range.get<std::string>());
  s.limit = j.at("limit").get<std::string>();
  s.not_reached = j.at("not_reached").get<std::vector<std::string>>();
  s.paper_setting = j.at("paper_setting").get<std::string>();
  s.paper_setting_reached = optional_from<bool>(j, "paper_setting_reached");
  return s;
}

template <class E>
E parse_enum(std::optional<E> (*parse)(std::string_view), const nlohmann::json& j, const char* what) {
  const auto name = j.get<std::string>();
  const auto e = parse(name);
  if (!e) throw std::runtime_error(std::string("unknown ") + what + " \"" + name + "\"");
  return *e;
}

}  // namespace

nlohmann::json digits_json(const std::optional<double>& d) {
  if (!d) return nullptr;
  if (std::isinf(*d)) return *d > 0 ? "inf" : "-inf";
  return *d;
}

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
    tiers[std::string(tier_name(t.tier))] = {{"bits", t.bits},
                                             {"cases", t.cases},
                                             {"worst_residual", t.worst_residual},
                                             {"digits", digits_json(t.digits)},
                                             {"required_digits", digits_json(t.required_digits)},
                                             {"worst_case", t.worst_case}};
  nlohmann::json conventions = nlohmann::json::array();
  for (const Convention& c : r.conventions)
    conventions.push_back({{"name", c.name}, {"value", c.value}, {"where", c.where}});
  nlohmann::json second = nullptr;
  if (r.second_form)
    second = {{"role", form_role_name(r.second_form->role)},
              {"statement", r.second_form->statement},
              {"convention", r.second_form->convention},
              {"where", r.second_form->where},
              {"holds", r.second_form->holds}};
  return {
      {"id", r.id},
      {"paper", r.paper},
      {"title", r.title},
      {"kind", r.kind},
      {"statement", r.statement},
      {"printed_form",
       {{"source", source_name(r.printed_form.source)},
        {"where", r.printed_form.where},
        {"quote", r.printed_form.quote},
        {"note", r.printed_form.note}}},
      {"conventions", conventions},
      {"scope", to_json(r.scope)},
      {"second_form", second},
      {"verdict", verdict_name(r.verdict)},
      {"verdict_text", verdict_text(r)},
      {"inconclusive_reason", r.inconclusive_reason},
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
  const auto& p = j.at("printed_form");
  r.printed_form = {parse_enum(parse_source, p.at("source"), "printed-form source"), p.at("where").get<std::string>(),
                    p.at("quote").get<std::string>(), p.at("note").get<std::string>()};
  for (const auto& c : j.at("conventions"))
    r.conventions.push_back(
        {c.at("name").get<std::string>(), c.at("value").get<std::string>(), c.at("where").get<std::string>()});
  r.scope = scope_from_json(j.at("scope"));
  if (const auto& f = j.at("second_form"); !f.is_null())
    r.second_form = SecondForm{parse_enum(parse_form_role, f.at("role"), "second-form role"),
                               f.at("statement").get<std::string>(), f.at("convention").get<std::string>(),
                               f.at("where").get<std::string>(), f.at("holds").get<bool>()};
  r.verdict = parse_enum(parse_verdict, j.at("verdict"), "verdict");
  r.inconclusive_reason = j.at("inconclusive_reason").get<std::string>();
  r.cases = j.at("cases").get<int>();
  r.seed = j.at("seed").get<std::uint64_t>();
  for (const auto& [name, t] : j.at("tiers").items())
    r.tiers.push_back({parse_enum(parse_tier, nlohmann::json(name), "tier"), t.at("bits").get<unsigned>(),
                       t.at("cases").get<int>(), t.at("worst_residual").get<std::string>(),
                       digits_from_json(t.at("digits")), digits_from_json(t.at("required_digits")),
                       t.at("worst_case").get<std::string>()});
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
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number beyond double (1e3080)
    throw std::invalid_argument(std::string("results file is not valid JSON (truncated?): ") + e.what());
  }
  if (!j.is_object() || !j.contains("schema") || !j.at("schema").is_string())
    throw std::invalid_argument(std::string("results file does not have schema \"") + kResultsSchema + "\"");
  if (const auto schema = j.at("schema").get<std::string>(); schema != kResultsSchema)
    throw std::invalid_argument("results file has schema \"" + schema + "\", not \"" + kResultsSchema +
                                "\" (written by another version of ltv: rerun `ltv check` to renew it)");
  if (!j.contains("complete") || !j.at("complete").is_boolean())
    throw std::invalid_argument("results file has no boolean \"complete\"");
  if (!j.contains("obligations") || !j.at("obligations").is_array())
    throw std::invalid_argument("results file has no \"obligations\" array");
  try {
    for (const auto& o : j.at("obligations")) obligation_from_json(o);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("results file has a malformed obligation: ") + e.what());
  }
  return j;
}

}  // namespace ltv
