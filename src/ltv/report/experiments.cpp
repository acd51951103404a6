// The training experiments' documents as Markdown (experiments.hpp).
#include "ltv/report/experiments.hpp"

#include "ltv/report/numbers.hpp"

#include <functional>
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

std::string number_list(const json& v, int digits = 3) {
  std::string out;
  for (const json& x : v) out += (out.empty() ? "" : ", ") + (x.is_number() ? short_number(x, digits) : std::string("–"));
  return out.empty() ? std::string("–") : out;
}

std::string budget_text(const json& b) {
  return b.at("steps").dump() + " Adam steps at rate " + short_number(b.at("lr")) + " (" +
         b.at("schedule").get<std::string>() + "), batch " + b.at("batch").dump() + ", clipping at " +
         short_number(b.at("clip")) + ", best of " + b.at("seeds").dump() + " seed(s)";
}

/// The runs that diverged and were retried at a lower rate (listed, never averaged).
std::string diverged_text(const json& diverged, const std::function<std::string(const json&)>& describe) {
  std::ostringstream md;
  md << "\n" << diverged.size() << " run(s) diverged";
  if (diverged.empty()) return md.str() + ".\n";
  md << ":\n\n";
  for (const json& d : diverged) md << "- " << describe(d) << "\n";
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
  if (!doc.value("versus_gd", json::array()).empty()) {
    const json& lb = plan.at("layers_budget");
    md << "\nApp. D (A23 Fig. 7): RELAXED with L = 1..4 layers at n = 20 (" << lb.at("steps") << " steps, rate "
       << short_number(lb.at("lr")) << " halved every " << lb.at("decay_every") << ", batch " << lb.at("batch")
       << ") against L steps of GD and of GD preconditioned by Sigma^-1, each step tuned on other sequences; mean "
          "squared errors on " << doc.at("versus_gd").at(0).at("rotations").at(0).at("comparison").at("sequences")
       << " test sequences per rotation, and the mean over rotations of the paired per-sequence differences with "
          "its t interval. Reported, not decided: A23 states no outcome for this comparison.\n\n"
       << "| L | rotation | transformer | GD | preconditioned GD | transformer - GD | transformer - PGD |\n"
          "|---|---|---|---|---|---|---|\n";
    for (const json& v : doc.at("versus_gd")) {
      for (const json& r : v.at("rotations")) {
        const json& c = r.at("comparison");
        md << "| " << v.at("layers") << " | " << r.at("rotation") << " | " << short_number(c.at("loss").at("transformer"), 3)
           << " | " << short_number(c.at("loss").at("gd"), 3) << " | " << short_number(c.at("loss").at("pgd"), 3) << " | "
           << interval(c.at("transformer_minus_gd")) << " | " << interval(c.at("transformer_minus_pgd")) << " |\n";
      }
      md << "| " << v.at("layers") << " | mean over rotations | | | | " << interval(v.at("transformer_minus_gd")) << " | "
         << interval(v.at("transformer_minus_pgd")) << " |\n";
    }
  }
  md << "\n"
     << claims_table(doc) << diverged_text(doc.at("diverged_runs"), [](const json& d) {
          return d.at("config").get<std::string>() + ", rotation " + d.at("rotation").dump() + ": " +
                 d.at("divergence").at("reason").get<std::string>();
        });
  return md.str();
}

std::string v24_markdown(const json& doc) {
  const json& plan = doc.at("plan");
  std::ostringstream md;
  md << "Preset " << plan.at("preset").get<std::string>() << ". Models (d = 10, n = 20, one head, c = 1/n): "
     << budget_text(plan.at("budget")) << "; evaluation on " << plan.at("eval_sequences")
     << " sequences per column (baselines tuned on " << plan.at("tuning_sequences") << " others), profiles on "
     << plan.at("profile_sequences") << " sequences per noise level. Losses are E(y_hat - y_q)^2 minus the oracle "
     << "ridge's on the same sequences, without V24's factor 1/2 (halve them to compare with V24's Table 1).\n\n"
     << "| column | model | adjusted loss | after each layer K = 0..L | off-diagonal share of the weights |\n"
        "|---|---|---|---|---|\n";
  for (const json& m : doc.at("models"))
    md << "| " << m.at("column").get<std::string>() << " | " << m.at("family").get<std::string>() << " L"
       << m.at("layers") << " | " << short_number(m.at("adjusted"), 3) << " | " << number_list(m.at("adjusted_per_layer"))
       << " | " << short_number(m.at("off_diagonal_share"), 3) << " |\n";
  for (const json& b : doc.at("baselines")) {
    md << "| " << b.at("column").get<std::string>() << " | baselines | ";
    std::string sep;
    for (const auto& [name, v] : b.at("adjusted").items()) {
      md << sep << name << " " << short_number(v, 3);
      sep = ", ";
    }
    md << " | | |\n";
  }
  if (!doc.at("mixture").empty()) {
    const json& m = plan.at("mixture");
    md << "\nTwo-level noise mixture (V24 Theorem 5.2's setting: x ~ N(0, I/n), sigma in " << number_list(m.at("levels"))
       << ", d = " << m.at("d") << ", two layers, c = 1; " << budget_text(m.at("budget")) << "; "
       << m.at("eval_sequences") << " evaluation sequences). Per layer, omega_yx and n omega_yy of the trained model "
       << "against the construction's (corrected sign), and the relative distance to the oracle ridge per level:\n\n"
       << "| model | n | layer 1: omega_yx, n omega_yy | layer 2: omega_yx, n omega_yy | construction: omega_yx, n omega_yy "
          "| distance per level (trained) | distance per level (construction) |\n|---|---|---|---|---|---|---|\n";
    for (const json& r : doc.at("mixture")) {
      const double n = r.at("n");
      const auto layer = [n](const json& o) {
        return short_number(o.at("yx"), 3) + ", " + short_number(n * o.at("yy").get<double>(), 3);
      };
      const auto distances = [](const json& per_level) {
        std::string out;
        for (const json& l : per_level) out += (out.empty() ? "" : ", ") + (l.at("relative_distance").is_number() ? short_number(l.at("relative_distance"), 3) : std::string("–"));
        return out;
      };
      md << "| " << r.at("family").get<std::string>() << " | " << r.at("n") << " | " << layer(r.at("omega").at(0)) << " | "
         << layer(r.at("omega").at(1)) << " | " << short_number(r.at("solution").at("yx"), 3) << ", "
         << short_number(r.at("solution").at("n_yy"), 3) << " | " << distances(r.at("trained")) << " | "
         << distances(r.at("construction")) << " |\n";
    }
  }
  md << "\nEach claim is decided by its rule on a 95% interval (paired per-sequence differences for comparisons), "
        "INCONCLUSIVE when the interval does not decide or its negative control is not rejected.\n\n"
     << claims_table(doc)
     << diverged_text(doc.at("diverged_runs"), [](const json& d) {
          return d.at("job").get<std::string>() + " at rate " + short_number(d.at("attempt").at("lr")) + ": " +
                 d.at("attempt").at("reason").get<std::string>() + " (retried at a lower rate)";
        });
  return md.str();
}

}  // namespace ltv
