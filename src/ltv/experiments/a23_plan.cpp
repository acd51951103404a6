// The A23 experiment's plan (a23_plan.hpp).
#include "ltv/experiments/a23_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace ltv {

std::string_view study_label(A23Study s) {
  return s == A23Study::Sparse ? "sparse" : s == A23Study::Relaxed ? "relaxed" : "layers";
}

namespace {

A23Study study_of(const A23Config& c) {
  return c.versus_gd ? A23Study::Layers : c.family == Family::Sparse ? A23Study::Sparse : A23Study::Relaxed;
}

void validate_budget(const A23Budget& b) {
  if (b.steps < 1 || b.batch < 1 || b.fresh_every < 1 || b.rotations < 1 || b.dist_every < 1 || b.eval_size < 1 ||
      b.decay_every < 0)
    throw std::invalid_argument("A23 plan: every size must be positive");
  if (!(b.lr > 0) || !(b.clip >= 0) || !(b.init_scale > 0) || !(b.beta1 >= 0 && b.beta1 < 1) ||
      !(b.beta2 >= 0 && b.beta2 < 1))
    throw std::invalid_argument("A23 plan: bad optimizer settings");
}

nlohmann::json budget_json(const A23Budget& b) {
  return {{"steps", b.steps},       {"batch", b.batch},
          {"fresh_every", b.fresh_every}, {"rotations", b.rotations},
          {"lr", b.lr},             {"beta1", b.beta1},
          {"beta2", b.beta2},       {"decay_every", b.decay_every},
          {"clip_per_matrix", b.clip}, {"init_scale", b.init_scale},
          {"dist_every", b.dist_every}, {"eval_size", b.eval_size}};
}

}  // namespace

const A23Config& A23Plan::config(const std::string& name) const {
  for (const A23Config& c : configs)
    if (c.name == name) return c;
  throw std::invalid_argument("A23 plan: no configuration " + name);
}

void A23Plan::validate() const {
  validate_budget(budget);
  validate_budget(layers_budget);
  if (configs.empty()) throw std::invalid_argument("A23 plan: no configuration");
}

A23Plan a23_preset(const std::string& name) {
  A23Plan p;
  p.preset = name;
  p.configs = {{"sparse", Family::Sparse, 3, 20, 0.02, false}, {"relaxed", Family::Relaxed, 3, 10, 0.05, false}};
  for (int l = 1; l <= 4; ++l)
    p.configs.push_back({"layers_L" + std::to_string(l), Family::Relaxed, l, 20, 0, true});
  // App. D's code (variable_L_exp): rate 0.01 halved every 4000 steps, 20 000 steps.
  p.layers_budget.lr = 0.01;
  p.layers_budget.decay_every = 4000;
  p.layers_budget.steps = 20000;
  p.layers_budget.eval_size = 20000;
  if (name == "quick") {
    // The paper's optimizer, clipping and initialisation on a budget that fits minutes on 2 cores:
    // a fifth of the batch, 8 000 steps, 2 rotations; App. D at a tenth of its batch and steps.
    p.budget.steps = 8000;
    p.budget.batch = 4000;
    p.budget.rotations = 2;
    p.budget.dist_every = 200;
    p.layers_budget.steps = 2000;
    p.layers_budget.decay_every = 400;
    p.layers_budget.batch = 2000;
    p.layers_budget.rotations = 2;
    p.layers_budget.dist_every = 200;
    p.layers_budget.eval_size = 5000;
  } else if (name != "paper") {
    throw std::invalid_argument("A23 preset must be quick or paper, not " + name);
  }
  return p;
}

A23Plan restrict_to(A23Plan plan, const std::vector<A23Study>& studies) {
  std::erase_if(plan.configs, [&studies](const A23Config& c) {
    return std::find(studies.begin(), studies.end(), study_of(c)) == studies.end();
  });
  return plan;
}

nlohmann::json to_json(const A23Plan& p) {
  nlohmann::json configs = nlohmann::json::array();
  for (const A23Config& c : p.configs)
    configs.push_back({{"name", c.name},
                       {"family", family_label(c.family)},
                       {"layers", c.layers},
                       {"n", c.n},
                       {"tolerance", c.tolerance},
                       {"versus_gd", c.versus_gd}});
  return {{"preset", p.preset},
          {"seed", p.seed},
          {"task", "d = 5, Sigma = U^T diag(1, 1, 0.25, 0.0625, 1) U with U Haar per rotation, x ~ N(0, Sigma), "
                   "w ~ N(0, Sigma^-1), no label noise, c = 1/n"},
          {"budget", budget_json(p.budget)},
          {"layers_budget", budget_json(p.layers_budget)},
          {"configs", configs}};
}

std::string A23Job::key() const {
  return kind == Kind::Theory ? "theory-" + config : "train-" + config + "-u" + std::to_string(rotation);
}

std::vector<A23Job> a23_jobs(const A23Plan& plan) {
  plan.validate();
  std::vector<A23Job> jobs;
  for (const A23Config& c : plan.configs) {
    if (!c.versus_gd) jobs.push_back({A23Job::Kind::Theory, c.name, 0});
    for (int r = 0; r < plan.budget_for(c).rotations; ++r) jobs.push_back({A23Job::Kind::Train, c.name, r});
  }
  // the training runs cost far more than the theory; by steps × batch × layers (RELAXED: two matrices a layer)
  std::stable_sort(jobs.begin(), jobs.end(), [&plan](const A23Job& a, const A23Job& b) {
    const auto cost = [&plan](const A23Job& j) {
      if (j.kind == A23Job::Kind::Theory) return 0.0;
      const A23Config& c = plan.config(j.config);
      const A23Budget& bud = plan.budget_for(c);
      return static_cast<double>(bud.steps) * bud.batch * c.layers * (c.family == Family::Relaxed ? 2 : 1);
    };
    return cost(a) > cost(b);
  });
  return jobs;
}

}  // namespace ltv
