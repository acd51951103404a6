#include "ltv/verify/runner.hpp"

#include "ltv/scalar/precision.hpp"
#include "ltv/verify/decide.hpp"

#include <chrono>

namespace ltv {

bool glob_match(std::string_view pattern, std::string_view id) {
  // Iterative matcher with backtracking on the last '*'.
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < id.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == id[s])) {
      ++p;
      ++s;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<Obligation> select_obligations(const std::vector<Obligation>& all, const std::string& glob) {
  std::vector<Obligation> out;
  for (const auto& o : all)
    if (glob.empty() || glob_match(glob, o.id)) out.push_back(o);
  return out;
}

CheckRun run_obligations(const std::vector<Obligation>& obligations, const RunOptions& options,
                         const RunProgress& progress) {
  const ScopedBits bits(options.bits);
  CheckRun run{options, bits.bits(), {}};
  const int total = static_cast<int>(obligations.size());
  for (int i = 0; i < total; ++i) {
    const Obligation& o = obligations[static_cast<std::size_t>(i)];
    if (progress.started) progress.started(o, i, total);
    const auto t0 = std::chrono::steady_clock::now();
    ObligationResult r = o.run(o, options);
    gate_on_negative_control(r);  // after the obligation's own adjustments of the verdict
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress.finished) progress.finished(r, i, total);
    run.results.push_back(std::move(r));
  }
  return run;
}

}  // namespace ltv
