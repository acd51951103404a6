#pragma once
// `ltv reproduce table1`: V24's Table 1 (experiments/table1.hpp), its jobs run on --jobs threads and,
// under `mpirun -n K`, split across the K ranks; rank 0 merges and writes table1.{json,csv,md}.
#include "ltv/experiments/table1.hpp"
#include "ltv/parallel/process_group.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv::cli {

struct ReproduceOptions {
  std::string preset = "quick";
  std::string columns;  ///< comma-separated labels; empty: the preset's
  std::vector<int> layers;
  std::vector<std::string> families;
  std::optional<long long> steps;
  std::optional<int> batch;
  std::optional<double> lr;
  std::optional<int> seeds;
  std::optional<int> eval_sequences;
  std::optional<int> tuning_sequences;
  std::uint64_t seed = 1;
  int jobs = 1;
  std::string out = "table1";
  std::string results;  ///< results.json to add the table to (empty: none)
};

void setup_reproduce(CLI::App& app, ReproduceOptions& o);
int run_reproduce(const ReproduceOptions& o, const ProcessGroup& group);

}  // namespace ltv::cli
