#pragma once
// An obligation: one theorem or lemma of the catalogue (docs/catalogue.md), declared once with
// its statement, kind, tiers, file, the provenance of the printed form, the paper's conventions it
// is read under and its declared scope, and a run function that generates cases, checks them, and
// runs the negative control. The same Obligation object is run by `ltv check`, listed by
// `ltv check --list --markdown` (the catalogue table of the docs) and run by the test suite.
#include "ltv/verify/result.hpp"

#include <cstdint>
#include <filesystem>
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
  std::vector<Tier> tiers;
  std::string statement;  ///< as printed (or as reconstructed: printed_form says which)
  /// Runs the checks; receives the obligation itself, as declared and annotated by the catalogue.
  std::function<ObligationResult(const Obligation&, const RunOptions&)> run;
  std::string file;  ///< the file of proofs_numeric/ that declares it
  Provenance printed_form;
  std::vector<Convention> conventions;
  Scope scope;  ///< declared; a run may narrow it (what was really reached)
  bool approximate = false;  ///< the paper itself calls the printed form an approximation
};

/// The file name of a path such as __builtin_FILE()'s (for Obligation::file). The declaring file is
/// taken as __builtin_FILE() in a default argument, which GCC and clang both evaluate at the call:
/// std::source_location would say the same, but libstdc++ 12 offers it only to compilers with
/// __builtin_source_location, which clang 14 (the fuzzing build's, docs/fuzzing.md) does not have.
inline std::string declaring_file(const char* path) { return std::filesystem::path(path).filename().string(); }

/// An obligation of `kind` on `tiers`; the caller sets provenance, conventions, scope and `run`.
inline Obligation make_obligation(std::string id, std::string paper, std::string title, Kind kind,
                                  std::vector<Tier> tiers, std::string statement,
                                  const char* declared_in = __builtin_FILE()) {
  Obligation o;
  o.id = std::move(id);
  o.paper = std::move(paper);
  o.title = std::move(title);
  o.kind = kind;
  o.tiers = std::move(tiers);
  o.statement = std::move(statement);
  o.file = declaring_file(declared_in);
  return o;
}

/// An identity obligation, checked exactly over the rationals and cross-checked in MPFR and double.
inline Obligation identity_obligation(std::string id, std::string paper, std::string title, std::string statement,
                                      const char* declared_in = __builtin_FILE()) {
  return make_obligation(std::move(id), std::move(paper), std::move(title), Kind::Identity,
                         {Tier::Rational, Tier::Mpfr, Tier::Double}, std::move(statement), declared_in);
}

}  // namespace ltv
