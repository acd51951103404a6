// The A24 experiment's plan (a24_plan.hpp).
#include "ltv/experiments/a24_plan.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace {

/// The rates the public code's README gives, per setting (SGD with momentum / Adam).
constexpr const char* kReadmeRates = "the public code's README";

A24Config config(std::string name, int layers, int n, Covariates covariates, double clip, double lr_adam,
                 double lr_sgd, std::string source) {
  return {std::move(name), layers, n, covariates, clip, lr_adam, lr_sgd, std::move(source)};
}

std::vector<A24Config> all_configs() {
  std::vector<A24Config> c{
      config("setting_1", 3, 20, Covariates::Gaussian, 1, 0.02, 0.02, kReadmeRates),
      config("setting_2", 3, 5, Covariates::Gaussian, 1, 0.005, 0.01, kReadmeRates),
      config("setting_3", 3, 20, Covariates::Gamma, 1, 0.02, 0.02, kReadmeRates),
      // The code clips the spherical run at 0.1 (the paper's text says 1 for every setting); its
      // published rates were tuned under 0.1, so that is the threshold used with them.
      config("sphere", 3, 20, Covariates::Sphere, 0.1, 0.1, 5, kReadmeRates),
  };
  // No rate is published for other depths; setting 1's (0.02) puts L = 8 at the edge of stability
  // (single Adam and SGD runs diverge there, differently with different roundings), so the depth
  // study uses half of it at every depth.
  for (const int layers : {2, 4, 6, 8})
    c.push_back(config("depth_" + std::to_string(layers), layers, 20, Covariates::Gaussian, 1, 0.01, 0.01,
                       "half of setting 1's (no rate is published for other depths)"));
  return c;
}

std::string lr_text(double lr) {
  std::ostringstream s;
  s.precision(6);
  s << lr;
  return s.str();
}

}  // namespace

int A24Config::parameters() const { return 2 * layers * kA24Dimension * kA24Dimension; }

A24Study study_of(const A24Config& c) {
  if (c.name.rfind("setting_", 0) == 0) return A24Study::Settings;
  if (c.name == "sphere") return A24Study::Covariates;
  return A24Study::Depth;
}

std::string_view study_label(A24Study s) {
  switch (s) {
    case A24Study::Settings:
      return "settings";
    case A24Study::Covariates:
      return "covariates";
    case A24Study::Depth:
      return "depth";
  }
  return "settings";
}

const A24Config& A24Plan::config(const std::string& name) const {
  for (const A24Config& c : configs)
    if (c.name == name) return c;
  throw std::invalid_argument("A24 plan: no configuration " + name);
}

void A24Plan::validate() const {
  const A24Budget& b = budget;
  if (b.steps < 1 || b.batch < 1 || b.seeds < 2 || b.probe_size < 1 || b.smoothness_every < 1 || b.loss_every < 1 ||
      b.noise_batch < 1 || b.noise_reference < 1)
    throw std::invalid_argument("A24 plan: every size must be positive, and at least 2 seeds");
  if (b.noise_minibatches < 100)
    throw std::invalid_argument("A24 plan: the gradient noise needs at least 100 minibatches");
  if (b.checkpoints.empty()) throw std::invalid_argument("A24 plan: no checkpoint for the condition number");
  for (const long long t : b.checkpoints)
    if (t < 1 || t > b.steps) throw std::invalid_argument("A24 plan: checkpoints must lie in 1..steps");
  for (const double lr : grid)
    if (!(lr > 0) || !std::isfinite(lr)) throw std::invalid_argument("A24 plan: grid rates must be positive");
  if (configs.empty()) throw std::invalid_argument("A24 plan: no configuration");
}

A24Plan a24_preset(const std::string& name) {
  A24Plan p;
  p.preset = name;
  p.configs = all_configs();
  if (name == "paper") {
    // The code's budget; a 10-point grid (the paper's grid is not published) from 1e-3 to 10,
    // which contains every published rate's decade.
    for (int i = 0; i < 10; ++i) p.grid.push_back(1e-3 * std::pow(10.0, 4.0 * i / 9));
  } else if (name == "quick") {
    p.budget.steps = 1500;
    p.budget.smoothness_every = 25;
    p.budget.noise_minibatches = 2000;
    p.budget.noise_reference = 20000;
  } else {
    throw std::invalid_argument("A24 preset must be quick or paper, not " + name);
  }
  return p;
}

A24Plan restrict_to(A24Plan plan, const std::vector<A24Study>& studies) {
  std::erase_if(plan.configs, [&studies](const A24Config& c) {
    const A24Study s = study_of(c);
    // the covariate study compares the sphere with setting 3, the depth study's trend includes L = 3
    const bool needed_by_covariates = c.name == "setting_3" &&
                                      std::find(studies.begin(), studies.end(), A24Study::Covariates) != studies.end();
    return std::find(studies.begin(), studies.end(), s) == studies.end() && !needed_by_covariates;
  });
  return plan;
}

nlohmann::json to_json(const A24Plan& p) {
  const A24Budget& b = p.budget;
  nlohmann::json configs = nlohmann::json::array();
  for (const A24Config& c : p.configs)
    configs.push_back({{"name", c.name},
                       {"study", study_label(study_of(c))},
                       {"layers", c.layers},
                       {"n", c.n},
                       {"covariates", c.covariates == Covariates::Gaussian ? "gaussian"
                                      : c.covariates == Covariates::Sphere ? "sphere"
                                                                            : "gamma-scaled sphere"},
                       {"clip", c.clip},
                       {"published_lr", {{"adam", c.lr_adam}, {"sgd", c.lr_sgd}, {"source", c.lr_source}}}});
  return {{"preset", p.preset},
          {"seed", p.seed},
          {"model", "RELAXED (P = diag(B, 1), Q = diag(A, 0)), one head, c = 1/n, d = 5, theta ~ N(0, 0.05^2)"},
          {"optimizers", "Adam (beta1 = beta2 = 0.9, eps 1e-8) and SGD with momentum 0.9, global-norm clipping, "
                         "constant rate"},
          {"budget",
           {{"steps", b.steps},
            {"batch", b.batch},
            {"seeds", b.seeds},
            {"checkpoints", b.checkpoints},
            {"probe_size", b.probe_size},
            {"smoothness_every", b.smoothness_every},
            {"loss_every", b.loss_every},
            {"noise_minibatches", b.noise_minibatches},
            {"noise_batch", b.noise_batch},
            {"noise_reference", b.noise_reference}}},
          {"learning_rates", p.grid.empty() ? nlohmann::json("published") : nlohmann::json(p.grid)},
          {"configs", configs}};
}

std::string A24Job::key() const {
  if (kind == Kind::Noise) return "noise-" + config;
  return "train-" + config + "-" + std::string(optimizer_label(optimizer)) + "-lr" + lr_text(lr) + "-s" +
         std::to_string(seed_index);
}

std::vector<A24Job> a24_jobs(const A24Plan& plan) {
  plan.validate();
  std::vector<A24Job> jobs;
  std::vector<double> cost;  // relative: layers times gradient evaluations
  const double steps = static_cast<double>(plan.budget.steps);
  for (const A24Config& c : plan.configs) {
    A24Job noise;
    noise.kind = A24Job::Kind::Noise;
    noise.config = c.name;
    jobs.push_back(noise);
    cost.push_back(c.layers * static_cast<double>(plan.budget.noise_minibatches));
    for (const OptimizerKind k : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
      const std::vector<double> rates =
          plan.grid.empty() ? std::vector<double>{k == OptimizerKind::Adam ? c.lr_adam : c.lr_sgd} : plan.grid;
      for (const double lr : rates)
        for (int s = 0; s < plan.budget.seeds; ++s) {
          A24Job train;
          train.config = c.name;
          train.optimizer = k;
          train.lr = lr;
          train.seed_index = s;
          jobs.push_back(train);
          cost.push_back(c.layers * (steps + 2.0 * c.parameters()));
        }
    }
  }
  std::vector<std::size_t> order(jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&cost](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  std::vector<A24Job> out;
  for (const std::size_t i : order) out.push_back(jobs[i]);
  return out;
}

}  // namespace ltv
