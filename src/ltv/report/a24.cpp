// The A24 experiment's document as Markdown (a24.hpp).
#include "ltv/report/a24.hpp"

#include "ltv/report/numbers.hpp"

#include <sstream>

namespace ltv {
namespace {

using json = nlohmann::json;

/// Markdown table cells: no '|' and no line break.
std::string cell_text(std::string s) {
  for (char& ch : s)
    if (ch == '|' || ch == '\n') ch = ' ';
  return s;
}

std::string interval(const json& estimate) {
  const json& i = estimate.at("interval");
  return short_number(estimate.at("value"), 3) + " [" + short_number(i.at(0), 3) + ", " + short_number(i.at(1), 3) + "]";
}

}  // namespace

std::string a24_markdown(const json& doc) {
  const json& plan = doc.at("plan");
  const json& budget = plan.at("budget");
  std::ostringstream md;
  md << "Preset " << plan.at("preset").get<std::string>() << ": " << budget.at("steps") << " steps, batch "
     << budget.at("batch") << ", " << budget.at("seeds") << " seeds per optimizer, learning rates "
     << (plan.at("learning_rates").is_string() ? "as published with the paper's code"
                                               : "by a grid of " + std::to_string(plan.at("learning_rates").size()) +
                                                     " full-length runs")
     << "; gradient noise from " << budget.at("noise_minibatches") << " minibatches of " << budget.at("noise_batch")
     << " at initialisation. Model: " << plan.at("model").get<std::string>() << ". Optimizers: "
     << plan.at("optimizers").get<std::string>()
     << ".\n\nEach claim is decided by its rule on a 95% interval: REPRODUCED when the interval lies on the "
        "claim's side of the threshold, NOT-REPRODUCED when it lies on the other, INCONCLUSIVE otherwise, and "
        "INCONCLUSIVE when its negative control (run through the same rule) is not rejected.\n\n"
     << "| claim | the paper | statistic (threshold) | estimate [95% interval] | verdict | negative control |\n"
     << "|---|---|---|---|---|---|\n";
  for (const json& c : doc.at("claims")) {
    const std::string side = c.at("rule").get<std::string>().find("lies above") != std::string::npos ? "> " : "< ";
    md << "| " << c.at("id").get<std::string>() << " | " << cell_text(c.at("claim")) << " | "
       << cell_text(c.at("statistic")) << " (" << side << short_number(c.at("threshold"), 3) << ") | "
       << interval(c.at("estimate")) << " | **" << c.at("verdict").get<std::string>() << "** | "
       << cell_text(c.at("control").at("description")) << ": " << c.at("control").at("verdict").get<std::string>()
       << " |\n";
  }
  const json& diverged = doc.at("diverged_runs");
  md << "\n" << diverged.size() << " run(s) diverged";
  if (!diverged.empty()) {
    md << " (listed, never averaged; a diverged run counts as the worse of a pair):\n\n";
    for (const json& d : diverged)
      md << "- " << d.at("config").get<std::string>() << ", " << d.at("optimizer").get<std::string>() << " at "
         << short_number(d.at("lr")) << ", seed " << d.at("seed_index") << ": " << d.at("reason").get<std::string>()
         << "\n";
  } else {
    md << ".\n";
  }
  return md.str();
}

}  // namespace ltv
