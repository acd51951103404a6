#pragma once
// An obligation: one theorem or lemma of the catalogue (SPEC §3), with its statement, its kind,
// its tiers, and a run function that generates cases, checks them, and runs the negative control.
// The same Obligation object is run by `ltv check` and by the test suite.
#include "ltv/verify/result.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ltv {

struct RunOptions {
  std::uint64_t seed = 1;  ///< base seed; each property derives its own from (seed, id, name)
  int cases = 200;         ///< cases per property
  unsigned bits = 256;     ///< requested precision of the Mpfr tier
};

struct Obligation {
  std::string id;     ///< e.g. "V24.T4.1"
  std::string paper;  ///< "V24", "A23", "A24"
  std::string title;
  Kind kind = Kind::Identity;
  std::vector<std::string> tiers;
  std::string statement;  ///< as printed
  std::function<ObligationResult(const RunOptions&)> run;
};

/// An identity obligation, checked exactly over the rationals and cross-checked in MPFR and double;
/// the caller sets `run`.
inline Obligation identity_obligation(std::string id, std::string paper, std::string title,
                                      std::string statement) {
  return {std::move(id),
          std::move(paper),
          std::move(title),
          Kind::Identity,
          {"rational", "mpfr", "double"},
          std::move(statement),
          {}};
}

}  // namespace ltv
