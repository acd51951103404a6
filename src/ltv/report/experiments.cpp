// The training experiments' documents as Markdown (experiments.hpp).
#include "ltv/report/experiments.hpp"

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

/// Every claim of a document: its statistic and threshold, estimate and interval, verdict, control.
std::string claims_table(const json& doc) {
  std::ostringstream md;
  md << "| claim | the paper | statistic (threshold) | estimate [interval] | verdict | negative control |\n"
     << "|---|---|---|---|---|---|\n";
  for (const json& c : doc.at("claims")) {
    const std::string side = c.at("rule").get<std::string>().find("lies above") != std::string::npos ? "> " : "< ";
    md << "| " << c.at("id").get<std::string>() << " | " << cell_text(c.at("claim")) << " | "
       << cell_text(c.at("statistic")) << " (" << side << short_number(c.at("threshold"), 3) << ") | "
       << interval(c.at("estimate")) << " | **" << c.at("verdict").get<std::string>() << "** | "
       << cell_text(c.at("control").at("description")) << ": " << c.at("control").at("verdict").get<std::string>()
       << " |\n";
  }
  return md.str();
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
     << claims_table(doc);
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

std::string a23_markdown(const json& doc) {
  const json& plan = doc.at("plan");
  const json& b = plan.at("budget");
  std::ostringstream md;
  md << "Preset " << plan.at("preset").get<std::string>() << ": " << b.at("steps") << " Adam steps (beta "
     << short_number(b.at("beta1")) << ", " << short_number(b.at("beta2")) << "), rate " << short_number(b.at("lr"))
     << (b.at("decay_every").get<long long>() > 0 ? " halved every " + b.at("decay_every").dump() + " steps" : "")
     << ", batch " << b.at("batch") << " redrawn every " << b.at("fresh_every") << " step(s), "
     << (b.at("clip_per_matrix").get<double>() > 0 ? "each matrix's gradient clipped at " + short_number(b.at("clip_per_matrix"))
                                                   : "no clipping")
     << ", initial entries of scale " << short_number(b.at("init_scale")) << "; " << b.at("rotations")
     << " random rotations U. Task: " << plan.at("task").get<std::string>()
     << ".\n\nEach claim is decided over the rotations: the interval is the range of the per-rotation value, "
        "REPRODUCED when every rotation is within the tolerance, NOT-REPRODUCED when none is, INCONCLUSIVE "
        "otherwise or when its negative control is not rejected.\n\n"
     << "| configuration | rotation | trained a_l | exact a* | worst relative a error | trained b_l | exact b* | worst "
        "relative b error | worst final Dist |\n|---|---|---|---|---|---|---|---|---|\n";
  const auto list = [](const json& v) {
    std::string out;
    for (const json& x : v) out += (out.empty() ? "" : ", ") + short_number(x);
    return out.empty() ? std::string("–") : out;
  };
  for (const auto& [name, c] : doc.at("configs").items())
    for (const json& r : c.at("rotations"))
      md << "| " << name << " (" << c.at("family").get<std::string>() << ", L = " << c.at("layers")
         << ", n = " << c.at("n") << ") | " << r.at("rotation") << " | " << list(r.at("a")) << " | "
         << list(c.at("a_star")) << " | " << short_number(r.at("worst_relative_a_error"), 3) << " | "
         << list(r.value("b", json::array())) << " | " << list(c.at("b_star")) << " | "
         << (r.contains("worst_relative_b_error") ? short_number(r.at("worst_relative_b_error"), 3) : "–") << " | "
         << short_number(r.at("worst_dist"), 3) << " |\n";
  md << "\n" << claims_table(doc);
  const json& diverged = doc.at("diverged_runs");
  md << "\n" << diverged.size() << " run(s) diverged";
  if (diverged.empty()) md << ".\n";
  else {
    md << ":\n\n";
    for (const json& d : diverged)
      md << "- " << d.at("config").get<std::string>() << ", rotation " << d.at("rotation") << ": "
         << d.at("divergence").at("reason").get<std::string>() << "\n";
  }
  return md.str();
}

}  // namespace ltv
