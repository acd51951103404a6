#include "ltv/verify/result.hpp"

namespace ltv {

std::string verdict_text(const ObligationResult& r) {
  std::string text(verdict_name(r.verdict));
  const Scope& s = r.scope;
  if (s.not_reached.empty()) return text;
  std::string missing;
  for (const auto& m : s.not_reached) missing += (missing.empty() ? "" : ", ") + m;
  return text + " (" + (s.limit.empty() ? "" : s.limit + "; ") + missing + " not reached)";
}

}  // namespace ltv
