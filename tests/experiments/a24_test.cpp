// experiments/: the A24 protocol end to end on tiny sizes (the decisions' inputs are all there and
// each phenomenon gets a verdict), and its input checks.
#include "ltv/experiments/a24.hpp"

#include <catch2/catch.hpp>

namespace {

ltv::A24Options tiny(int setting) {
  ltv::A24Options o;
  o.setting = setting;
  o.steps = 20;
  o.checkpoints = {10, 20};
  o.batch = 64;
  o.seeds = 2;
  // Full-length trials, as the experiment runs by default: a rate picked on 5-step trials made an
  // SGD run of setting 2 end at 4e9 (from 4.9), a divergence, and left its path nothing to measure.
  o.grid_steps = 0;
  o.noise_minibatches = 20;
  o.noise_batch = 8;
  o.probe_batch = 64;
  o.smoothness_every = 2;
  o.eval_size = 64;
  return o;
}

}  // namespace

TEST_CASE("every A24 phenomenon gets a verdict with its numbers, in every setting") {
  for (const int setting : {1, 2, 3}) {
    INFO("setting " << setting);
    const auto r = ltv::run_a24_experiment(tiny(setting));
    const auto none = nlohmann::json::array();
    CHECK(r.at("diverged_runs") == nlohmann::json{{"adam", none}, {"sgd", none}});
    REQUIRE(r.at("phenomena").size() == 5);
    for (const auto& [name, p] : r.at("phenomena").items()) {
      INFO(name);
      const std::string v = p.at("verdict");
      CHECK((v == "REPRODUCED" || v == "NOT-REPRODUCED"));
      CHECK(p.contains("rule"));
    }
    CHECK(r.at("phenomena").at("adam_beats_sgd").at("adam_final_losses").size() == 2);
    CHECK(r.at("phenomena").at("robust_condition_number_larger_for_sgd").at("checkpoints").size() == 2);
    CHECK(r.at("learning_rate_grid").at("adam").size() == 10);
  }
}

TEST_CASE("the A24 experiment rejects bad settings and sizes") {
  auto o = tiny(1);
  o.setting = 4;
  CHECK_THROWS_AS(ltv::run_a24_experiment(o), std::invalid_argument);
  o = tiny(1);
  o.checkpoints = {30};
  CHECK_THROWS_AS(ltv::run_a24_experiment(o), std::invalid_argument);
  o = tiny(1);
  o.noise_minibatches = 3;
  CHECK_THROWS_AS(ltv::run_a24_experiment(o), std::invalid_argument);
}
