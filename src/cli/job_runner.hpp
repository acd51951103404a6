#pragma once
// Running an experiment's independent jobs (`ltv reproduce table1`, `ltv experiment a24`): on
// --jobs threads of this process and, under `mpirun -n K`, split round robin across the K ranks
// (the list costliest first); rank 0 gathers every result. A finished job is kept in
// OUT/jobs/<key>.json with the plan it belongs to, written atomically, so after an interruption
// (SIGINT, SIGKILL, a dead rank) the same command runs only the jobs that are not there; a kept
// file of another plan, or one that cannot be read, is run again.
#include "ltv/parallel/process_group.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ltv::cli {

struct Job {
  std::string key;                                                    ///< unique, a file name stem
  std::function<nlohmann::json(const std::function<void(const std::string&)>& say)> run;
  std::function<std::string(const nlohmann::json&)> summary;  ///< the progress line's text (may be empty)
};

struct JobRun {
  std::string out;  ///< the directory of jobs/
  nlohmann::json plan;
  int threads = 1;
  std::uintmax_t bytes_per_job = 64 * 1024;  ///< checked free before the work starts
};

/// Every job's result in the order of `jobs` on rank 0; an empty list on the other ranks. An error
/// in a job stops this process's other jobs and is rethrown (under MPI: every rank is ended with
/// the error's exit status).
std::vector<nlohmann::json> run_jobs(const std::vector<Job>& jobs, const JobRun& how, const ProcessGroup& group);

}  // namespace ltv::cli
