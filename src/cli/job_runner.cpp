// Running an experiment's independent jobs (job_runner.hpp).
#include "job_runner.hpp"

#include "ltv/io/files.hpp"
#include "exit_status.hpp"
#include "progress.hpp"

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

namespace ltv::cli {
namespace {

using json = nlohmann::json;

std::filesystem::path job_file(const std::string& out, const std::string& key) {
  std::string name = key;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') ch = '_';
  return std::filesystem::path(out) / "jobs" / (name + ".json");
}

std::optional<json> kept_result(const std::filesystem::path& file, const json& plan) {
  if (!std::filesystem::exists(file)) return std::nullopt;
  try {
    json j = json::parse(read_file(file.string()));
    if (j.at("plan") == plan) return j.at("result");
  } catch (const std::exception&) {  // unreadable: run the job again
  }
  return std::nullopt;
}

}  // namespace

std::vector<json> run_jobs(const std::vector<Job>& jobs, const JobRun& how, const ProcessGroup& group) {
  check_writable_directory(how.out, jobs.size() * how.bytes_per_job);
  std::filesystem::create_directories(std::filesystem::path(how.out) / "jobs");

  std::vector<std::size_t> mine;  // round robin over the list (costliest first)
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(group.size())) == group.rank()) mine.push_back(i);
  const std::string who = group.size() > 1 ? "rank " + std::to_string(group.rank()) + ": " : "";
  std::mutex print;
  const auto say = [&](const std::string& line) {
    const std::lock_guard lock(print);
    std::cerr << (who + line + "\n");
  };

  std::vector<json> results(mine.size());
  std::atomic<std::size_t> next{0};
  std::atomic<int> done{0};
  std::exception_ptr error;
  const auto worker = [&] {
    for (std::size_t i; (i = next++) < mine.size();) {
      try {
        const Job& job = jobs[mine[i]];
        const auto file = job_file(how.out, job.key);
        const auto started = std::chrono::steady_clock::now();
        bool kept = false;
        if (auto cached = kept_result(file, how.plan)) {
          results[i] = std::move(*cached);
          kept = true;
        } else {
          results[i] = job.run(say);
          write_file_atomically(file, json{{"plan", how.plan}, {"result", results[i]}}.dump() + "\n");
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::string text = job.summary ? job.summary(results[i]) : "";
        say("[" + std::to_string(++done) + "/" + std::to_string(mine.size()) + "] " + job.key +
            (text.empty() ? "" : ": " + text) + (kept ? " (kept)" : " (" + Progress::duration(seconds) + ")"));
      } catch (...) {
        const std::lock_guard lock(print);
        if (!error) error = std::current_exception();
        next = mine.size();
      }
    }
  };
  say(std::to_string(mine.size()) + " of " + std::to_string(jobs.size()) + " jobs, " + std::to_string(how.threads) +
      " at a time");
  std::vector<std::thread> threads;
  for (int t = 0; t < how.threads; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (error) {
    if (group.size() == 1) std::rethrow_exception(error);
    try {
      std::rethrow_exception(error);
    } catch (const WriteError& e) {
      std::cerr << ("ltv: error: " + who + e.what() + "\n");
      group.abort(kExitWriteFailed);
    } catch (const std::exception& e) {
      std::cerr << ("ltv: error: " + who + e.what() + "\n");
    }
    group.abort(kExitInternalError);
  }

  // Each rank sends its results with their indices; rank 0 puts them back in the jobs' order.
  json indexed = json::array();
  for (std::size_t i = 0; i < mine.size(); ++i) indexed.push_back({mine[i], std::move(results[i])});
  const std::vector<std::string> parts = group.gather(indexed.dump());
  if (group.rank() != 0) return {};
  std::vector<json> all(jobs.size());
  for (const std::string& part : parts)
    for (json& r : json::parse(part)) all.at(r.at(0).get<std::size_t>()) = std::move(r.at(1));
  return all;
}

}  // namespace ltv::cli
