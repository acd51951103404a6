#include "check.hpp"

#include "catalogue.hpp"
#include "exit_status.hpp"
#include "ltv/io/files.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/verify/catalogue_table.hpp"
#include "ltv/verify/results_json.hpp"
#include "results_file.hpp"

#include <cstdint>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ltv::cli {
namespace {

/// An upper bound on what one obligation adds to results.json: about four times the mean of
/// tests/report/fixtures/results.json (536 kB, of which 155 kB experiments, for 23 obligations).
constexpr std::uintmax_t kResultBytesPerObligation = 64 * 1024;

/// The worst digits of agreement with the rational tier seen at `tier` ("-" when it did not run).
std::string worst_digits(const ObligationResult& r, Tier tier) {
  for (const auto& t : r.tiers) {
    if (t.tier != tier || !t.digits) continue;
    if (std::isinf(*t.digits)) return *t.digits > 0 ? "inf" : "-inf";
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << *t.digits;
    return os.str();
  }
  return "-";
}

void print_row(std::ostream& os, const std::vector<std::string>& cells) {
  static constexpr int widths[] = {-13, -11, -22, 6, 7, 7, -30, -9, 8};  // negative: left-aligned
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const int w = widths[i];
    os << (w < 0 ? std::left : std::right) << std::setw(std::abs(w)) << cells[i]
       << (i + 1 < cells.size() ? " " : "\n");
  }
}

}  // namespace

void setup_check(CLI::App& app, CheckOptions& options) {
  app.add_option("--only", options.only, "Run only obligations whose ID matches this glob (e.g. 'V24.*')");
  app.add_option("--seed", options.seed, "Base seed; the same seed gives the same results.json")
      ->capture_default_str();
  app.add_option("--cases", options.cases, "Cases per property")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--bits", options.bits, "Precision of the MPFR tier in bits (the nearest reachable is used)")
      ->check(CLI::Range(32u, 65536u))
      ->capture_default_str();
  app.add_option("--json", options.json, "Where to write the results")->capture_default_str();
  app.add_flag("--list", options.list, "List the obligations and exit");
  app.add_flag("--markdown", options.markdown,
               "With --list: print the catalogue table (file, kind, tiers, provenance, scope) as Markdown")
      ->needs("--list");
  app.add_flag("--strict", options.strict,
               "Exit non-zero on a verdict of FAILS or INCONCLUSIVE (an unrejected negative control makes a "
               "verdict INCONCLUSIVE)");
}

int run_check(const CheckOptions& options) {
  const auto selected = select_obligations(proofs::catalogue(), options.only);
  if (selected.empty()) {
    std::cerr << "ltv check: no obligation matches '" << options.only << "' (see ltv check --list)\n";
    return kExitBadInput;
  }
  if (options.list && options.markdown) {
    std::cout << catalogue_markdown(selected);
    return 0;
  }
  if (options.list) {
    for (const auto& o : selected)
      std::cout << std::left << std::setw(16) << o.id << std::setw(12) << kind_name(o.kind) << o.title
                << "\n";
    return 0;
  }

  // The experiments' sections of an existing results file survive a new check run; a results
  // file that is not JSON, or a place that cannot be written, stops us before hours of work.
  const nlohmann::json experiments = existing_experiments(options.json);
  check_writable_file(options.json, experiments.dump(2).size() + selected.size() * kResultBytesPerObligation);
  const auto document = [&](const CheckRun& r) {
    nlohmann::json doc = to_json(r);
    if (!experiments.empty()) doc["experiments"] = experiments;
    return doc.dump(2) + "\n";
  };

  RunProgress progress;
  progress.started = [](const Obligation& o, int i, int total) {
    std::cerr << "[" << i + 1 << "/" << total << "] " << o.id << " ..." << std::flush;
  };
  // results.json is rewritten (atomically) after every obligation, marked incomplete until the
  // end, so an interrupted run keeps what it finished.
  const RunOptions run_options{options.seed, options.cases, options.bits};
  CheckRun partial{run_options, ScopedBits(options.bits).bits(), {}, false};
  progress.finished = [&](const ObligationResult& r, int, int) {
    std::cerr << " " << verdict_text(r) << " (" << std::fixed << std::setprecision(1) << r.seconds
              << " s)\n";
    partial.results.push_back(r);
    write_file_atomically(options.json, document(partial));
  };
  const CheckRun run = run_obligations(selected, run_options, progress);

  std::cout << "\n";
  print_row(std::cout, {"ID", "kind", "tiers", "cases", std::string(tier_name(Tier::Mpfr)),
                        std::string(tier_name(Tier::Double)), "verdict", "neg.ctrl", "time(s)"});
  int failures = 0, inconclusive = 0, unrejected = 0;
  for (const auto& r : run.results) {
    std::ostringstream secs;
    secs << std::fixed << std::setprecision(2) << r.seconds;
    std::vector<Tier> tiers;
    for (const auto& t : r.tiers) tiers.push_back(t.tier);
    print_row(std::cout, {r.id, r.kind, tier_list(tiers, ","), std::to_string(r.cases),
                          worst_digits(r, Tier::Mpfr), worst_digits(r, Tier::Double), verdict_text(r),
                          r.negative_control.rejected ? "rejected" : "NOT-REJ", secs.str()});
    failures += r.verdict == Verdict::Fails;
    inconclusive += r.verdict == Verdict::Inconclusive;
    unrejected += !r.negative_control.rejected;
  }
  std::cout << "\nmpfr, double: worst digits of agreement with the rational tier over all cases. MPFR at "
            << run.working_bits << " bits (requested " << options.bits << "); seed " << options.seed << ".\n";

  write_file_atomically(options.json, document(run));
  std::cout << "Results written to " << options.json << "\n";
  if (unrejected) std::cerr << "ltv check: " << unrejected << " negative control(s) NOT rejected\n";
  for (const auto& r : run.results)
    if (r.verdict == Verdict::Inconclusive) std::cerr << "ltv check: " << r.id << " INCONCLUSIVE: " << r.inconclusive_reason << "\n";
  if (options.strict && (failures || inconclusive || unrejected)) return kExitShort;
  return 0;
}

}  // namespace ltv::cli
