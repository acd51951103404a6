#pragma once
// Runs a selection of obligations and collects their results. Prints nothing: progress goes to a
// callback, so the CLI decides what the user sees.
#include "ltv/verify/obligation.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ltv {

/// Does `id` match the glob `pattern` (`*` any run, `?` one character; case-sensitive)?
bool glob_match(std::string_view pattern, std::string_view id);

/// The obligations whose ID matches the glob (all when the glob is empty).
std::vector<Obligation> select_obligations(const std::vector<Obligation>& all, const std::string& glob);

struct RunProgress {
  std::function<void(const Obligation&, int index, int total)> started;
  std::function<void(const ObligationResult&, int index, int total)> finished;
};

struct CheckRun {
  RunOptions options;
  unsigned working_bits = 0;  ///< the Mpfr precision really used
  std::vector<ObligationResult> results;
  bool complete = true;  ///< false while (or if) a run was interrupted before its last obligation
};

/// Runs every obligation with the Mpfr precision set to options.bits (restored afterwards).
/// An obligation that throws is an internal error: the exception propagates.
CheckRun run_obligations(const std::vector<Obligation>& obligations, const RunOptions& options,
                         const RunProgress& progress = {});

}  // namespace ltv
