// train/: the family maps and their adjoints, the statistics-space loss against the token forward,
// thread determinism, the trainer's resume, and model files (round trip and every kind of bad file).
#include "ltv/io/files.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/model/tokens.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/model_file.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace {

using ltv::Architecture;
using ltv::Family;

const Family kFamilies[] = {Family::Full, Family::Diag, Family::Gdpp, Family::Sparse, Family::Relaxed};

Architecture arch(Family f, int d = 3, int layers = 2, int heads = 2, ltv::Norm norm = ltv::Norm::Mean) {
  Architecture a;
  a.family = f;
  a.d = d;
  a.layers = layers;
  a.heads = heads;
  a.norm = norm;
  return a;
}

ltv::TaskDistribution task(int d, int n, double sigma = 0.3) {
  ltv::TaskDistribution t;
  t.d = d;
  t.n = n;
  t.noise = {ltv::NoiseMode::Fixed, sigma, {}};
  return t;
}

ltv::TrainConfig small_config() {
  ltv::TrainConfig c;
  c.arch = arch(Family::Full, 2, 2, 1);
  c.task = task(2, 6);
  c.optimizer.lr = 1e-2;
  c.optimizer.clip = 1;
  c.batch = 64;
  c.steps = 12;
  c.eval_size = 64;
  c.eval_every = 4;
  c.threads = 2;
  return c;
}

std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("ltv_train_test_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("pull_back is the adjoint of the family map, for every family") {
  for (const Family f : kFamilies) {
    INFO(ltv::family_label(f));
    const Architecture a = arch(f);
    const Eigen::VectorXd theta = ltv::initial_parameters(a, 1.0, 1);
    const Eigen::VectorXd delta = ltv::initial_parameters(a, 1.0, 2);
    ltv::HeadGradients g = ltv::zero_head_gradients(a);
    const auto m0 = ltv::to_model(a, Eigen::VectorXd::Zero(theta.size()));
    const auto md = ltv::to_model(a, delta);
    double lhs = 0;  // <g, (linear part of the map)(δ)>
    int k = 0;
    for (auto& layer : g)
      for (auto& head : layer) {
        head.P = Eigen::MatrixXd::Random(a.d + 1, a.d + 1);
        head.Q = Eigen::MatrixXd::Random(a.d + 1, a.d + 1);
        const auto& hd = md.layers[k / a.heads].heads[k % a.heads];
        const auto& h0 = m0.layers[k / a.heads].heads[k % a.heads];
        lhs +=
            (head.P.array() * (hd.P - h0.P).array()).sum() + (head.Q.array() * (hd.Q - h0.Q).array()).sum();
        ++k;
      }
    CHECK(ltv::pull_back(a, g).dot(delta) == Approx(lhs).epsilon(1e-12));
  }
}

TEST_CASE("the statistics-space loss equals the token forward pass's, for every family") {
  for (const Family f : kFamilies) {
    INFO(ltv::family_label(f));
    const Architecture a = arch(f);
    const auto model = ltv::to_model(a, ltv::initial_parameters(a, 0.3, 3));
    const ltv::Sampler sampler(task(a.d, 7));
    const auto seqs = sampler.sample_batch(5, 11);
    const ltv::StatisticsBatch batch = ltv::sample_statistics_batch(sampler, 5, 11);
    std::vector<double> errors;
    ltv::batch_loss(model, batch, 1, &errors);
    for (int b = 0; b < 5; ++b) {
      const auto tokens =
          ltv::forward_tokens(model, ltv::make_tokens<double>(seqs[b].X, seqs[b].y, seqs[b].xq));
      const double y = ltv::prediction(tokens.back());
      CHECK(errors[b] == Approx((y - seqs[b].yq) * (y - seqs[b].yq)).epsilon(1e-10));
    }
  }
}

TEST_CASE("the gradient is bit-identical for the same thread count, and agrees across thread counts") {
  const Architecture a = arch(Family::Full, 4, 3, 2);
  const auto model = ltv::to_model(a, ltv::initial_parameters(a, 0.3, 4));
  const ltv::StatisticsBatch batch = ltv::sample_statistics_batch(ltv::Sampler(task(4, 9)), 257, 5, 2);
  ltv::HeadGradients g1, g2, g2b;
  const double l1 = ltv::batch_loss_and_gradient(model, batch, g1, 1);
  const double l2 = ltv::batch_loss_and_gradient(model, batch, g2, 2);
  const double l2b = ltv::batch_loss_and_gradient(model, batch, g2b, 2);
  CHECK(l2 == l2b);
  CHECK(ltv::pull_back(a, g2) == ltv::pull_back(a, g2b));
  CHECK(l1 == Approx(l2).epsilon(1e-13));
  CHECK((ltv::pull_back(a, g1) - ltv::pull_back(a, g2)).norm() <= 1e-12 * ltv::pull_back(a, g1).norm());
}

TEST_CASE("a run stopped and resumed from its model file ends bit-identical to an uninterrupted one") {
  const ltv::TrainConfig c = small_config();
  ltv::TrainState straight = ltv::start_training(c);
  REQUIRE(ltv::continue_training(straight) == ltv::TrainOutcome::Finished);

  ltv::TrainState first = ltv::start_training(c);
  std::atomic<bool> stop{false};
  ltv::TrainHooks hooks;
  hooks.stop = &stop;
  hooks.on_step = [&stop](const ltv::TrainState& s, const ltv::HistoryPoint&) {
    if (s.step() == 5) stop = true;
  };
  const auto path = temp_path("resume.json");
  hooks.on_checkpoint = [&path](const ltv::TrainState& s) { ltv::save_model_file(path, s); };
  REQUIRE(ltv::continue_training(first, hooks) == ltv::TrainOutcome::Stopped);
  ltv::TrainState resumed = ltv::load_model_file(path);
  CHECK(resumed.step() == 5);
  REQUIRE(ltv::continue_training(resumed) == ltv::TrainOutcome::Finished);
  CHECK(resumed.theta == straight.theta);
  CHECK(resumed.optimizer.m == straight.optimizer.m);
  CHECK(resumed.optimizer.v == straight.optimizer.v);
  CHECK(resumed.history.size() == straight.history.size());
  std::filesystem::remove(path);
}

TEST_CASE("model files round-trip exactly") {
  ltv::TrainConfig c = small_config();
  c.task.noise = {ltv::NoiseMode::Categorical, 0, {1, 3}};
  c.task.cov = Eigen::MatrixXd::Identity(2, 2) * 0.5;
  c.optimizer.kind = ltv::OptimizerKind::Sgd;
  c.optimizer.schedule = ltv::Schedule::Step;
  c.optimizer.decay_every = 5;
  c.optimizer.clip_per_matrix = true;
  ltv::TrainState s = ltv::start_training(c);
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Finished);
  const auto path = temp_path("roundtrip.json");
  ltv::save_model_file(path, s);
  const ltv::TrainState t = ltv::load_model_file(path);
  CHECK(t.theta == s.theta);
  CHECK(t.optimizer.m == s.optimizer.m);
  CHECK(t.step() == s.step());
  CHECK(t.config.task.noise.levels == s.config.task.noise.levels);
  CHECK(t.config.task.cov == s.config.task.cov);
  CHECK(t.config.optimizer.decay_every == 5);
  CHECK(t.config.optimizer.clip_per_matrix);
  CHECK(ltv::to_json(t) == ltv::to_json(s));
  // files written before the step schedule and per-matrix clipping load with neither
  nlohmann::json old = ltv::to_json(s);
  old["training"]["optimizer"]["schedule"] = "constant";
  old["training"]["optimizer"].erase("decay_every");
  old["training"]["optimizer"].erase("clip_per_matrix");
  const ltv::TrainState u = ltv::train_state_from_json(old);
  CHECK(u.config.optimizer.decay_every == 0);
  CHECK_FALSE(u.config.optimizer.clip_per_matrix);
  std::filesystem::remove(path);
}

TEST_CASE("bad model files get clear errors") {
  ltv::TrainState s = ltv::start_training(small_config());
  const auto path = temp_path("bad.json");
  const std::string good = ltv::to_json(s).dump(1);
  const auto expect_error = [&path](const std::string& text, const std::string& needle) {
    ltv::write_file_atomically(path, text);
    INFO(needle);
    CHECK_THROWS_WITH(ltv::load_model_file(path), Catch::Contains(needle) && Catch::Contains(path.string()));
  };
  expect_error(good.substr(0, good.size() / 2), "not valid JSON");
  expect_error("", "not valid JSON");
  expect_error("[1, 2]", "not a JSON object");
  auto j = ltv::to_json(s);
  j["format"] = "something-else";
  expect_error(j.dump(), "not an ltv model file");
  j = ltv::to_json(s);
  j["schema_version"] = 99;
  expect_error(j.dump(), "schema version 99");
  j = ltv::to_json(s);
  j["state"]["parameters"][3] = nullptr;  // what a NaN becomes in JSON
  expect_error(j.dump(), "state.parameters[3] is not a number");
  j = ltv::to_json(s);
  j["state"]["parameters"].erase(0);
  expect_error(j.dump(), "entries, the architecture needs");
  j = ltv::to_json(s);
  j["architecture"].erase("layers");
  expect_error(j.dump(), "architecture has no \"layers\"");
  j = ltv::to_json(s);
  j["architecture"]["family"] = "WIDE";
  expect_error(j.dump(), "unknown value");
  j = ltv::to_json(s);
  j["training"]["batch"] = -5;
  expect_error(j.dump(), "batch size");
  // A number beyond double's range: nlohmann's out_of_range, not a parse_error, and still bad input.
  expect_error(good.substr(0, good.rfind('}')) + ", \"extra\": 1e3080}", "not valid JSON");
  CHECK_THROWS_WITH(ltv::load_model_file(temp_path("missing.json")), Catch::Contains("cannot read"));
  std::filesystem::remove(path);
}

TEST_CASE("a run whose loss is not finite stops as diverged and keeps its last good state") {
  ltv::TrainConfig c = small_config();
  c.init_scale = 1e150;  // the forward pass overflows at once
  ltv::TrainState s = ltv::start_training(c);
  const ltv::TrainState start = s;
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Diverged);
  REQUIRE(s.divergence);
  CHECK(s.divergence->step == 1);
  CHECK(s.divergence->reason == "the batch loss of step 1 is not finite");
  CHECK(s.step() == 0);  // nothing good came after θ⁰
  CHECK(s.theta == start.theta);
  CHECK(s.history.empty());
  CHECK_THROWS_WITH(ltv::continue_training(s), Catch::Contains("diverged at step 1"));
}

TEST_CASE("a run whose evaluation loss stays far above the initial one stops as diverged") {
  ltv::TrainConfig c = small_config();
  c.optimizer.kind = ltv::OptimizerKind::Sgd;
  c.optimizer.lr = 30;  // clipped steps of length 30: the loss grows large but stays finite
  c.optimizer.clip = 1;
  c.steps = 200;
  c.eval_every = 1;
  ltv::TrainState s = ltv::start_training(c);
  const double threshold = ltv::kDivergenceFactor * ltv::evaluation_loss(c, s.theta);
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Diverged);
  INFO(s.divergence->reason);
  CHECK_THAT(s.divergence->reason, Catch::Contains("consecutive evaluations"));
  CHECK(s.divergence->step == s.step() + ltv::kDivergencePatience);  // the evaluations above, dropped
  for (const ltv::HistoryPoint& p : s.history) CHECK(p.eval_loss <= threshold);
}

TEST_CASE("a run that ends far above its initial loss has diverged, however few its evaluations") {
  ltv::TrainConfig c = small_config();
  c.optimizer.kind = ltv::OptimizerKind::Sgd;
  c.optimizer.lr = 30;  // as above: large but finite losses
  c.optimizer.clip = 1;
  c.steps = 20;
  c.eval_every = 100;  // one evaluation, at the last step: fewer than kDivergencePatience
  ltv::TrainState s = ltv::start_training(c);
  const ltv::TrainState start = s;
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Diverged);
  INFO(s.divergence->reason);
  CHECK_THAT(s.divergence->reason, Catch::Contains("at the run's last step"));
  CHECK(s.divergence->step == 20);
  CHECK(s.theta == start.theta);  // no evaluation was good: θ⁰ is kept
  CHECK(s.history.empty());
}

TEST_CASE("a diverged run's model file says so, and files without the mark load as not diverged") {
  ltv::TrainConfig c = small_config();
  c.optimizer.lr = 1e10;
  c.optimizer.clip = 0;
  ltv::TrainState s = ltv::start_training(c);
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Diverged);
  const auto path = temp_path("diverged.json");
  ltv::save_model_file(path, s);
  const ltv::TrainState t = ltv::load_model_file(path);
  REQUIRE(t.divergence);
  CHECK(t.divergence->step == s.divergence->step);
  CHECK(t.divergence->reason == s.divergence->reason);
  CHECK(t.theta == s.theta);

  auto j = ltv::to_json(ltv::start_training(small_config()));
  CHECK(j.at("divergence").is_null());
  j.erase("divergence");  // as written before divergence was recorded
  ltv::write_file_atomically(path, j.dump());
  CHECK_FALSE(ltv::load_model_file(path).divergence);
  j["divergence"] = {{"step", "three"}, {"reason", "x"}};
  ltv::write_file_atomically(path, j.dump());
  CHECK_THROWS_WITH(ltv::load_model_file(path), Catch::Contains("divergence.step is not an integer"));
  std::filesystem::remove(path);
}

TEST_CASE("training a one-layer model lowers the evaluation loss") {
  ltv::TrainConfig c = small_config();
  c.arch = arch(Family::Full, 2, 1, 1);
  c.task = task(2, 10, 0);
  c.steps = 200;
  c.eval_every = 200;
  ltv::TrainState s = ltv::start_training(c);
  const double before = ltv::evaluation_loss(c, s.theta);
  REQUIRE(ltv::continue_training(s) == ltv::TrainOutcome::Finished);
  CHECK(s.history.back().eval_loss < 0.5 * before);
}

TEST_CASE("loss and gradient agree with PyTorch autograd on the token-space model (fixture)") {
  // tests/train/fixtures/torch_check.json comes from `/usr/bin/python3 bench/torch_step.py --check`:
  // a FULL model (d = 2, n = 3, L = 2, c = 1/n) written in token space, differentiated by autograd.
  const auto j = nlohmann::json::parse(ltv::read_file(std::string(LTV_FIXTURES) + "/torch_check.json"));
  const int d = j["check"]["d"].get<int>(), n = j["check"]["n"].get<int>();
  const int L = j["check"]["layers"].get<int>(), B = j["check"]["batch"].get<int>();
  const auto matrix = [](const nlohmann::json& rows) {
    Eigen::MatrixXd m(rows.size(), rows[0].size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (std::size_t k = 0; k < rows[i].size(); ++k) m(i, k) = rows[i][k];
    return m;
  };
  ltv::Model<double> model{d, ltv::Norm::Mean, {}};
  for (int l = 0; l < L; ++l) {
    ltv::Layer<double> layer;
    layer.heads.push_back({matrix(j["P"][l][0]), matrix(j["Q"][l][0])});
    model.layers.push_back(layer);
  }
  ltv::StatisticsBatch batch;
  batch.d = d;
  batch.n = n;
  batch.size = B;
  for (int b = 0; b < B; ++b) {
    const Eigen::MatrixXd Z = matrix(j["Z"][b]);
    const Eigen::MatrixXd G = Z.leftCols(n) * Z.leftCols(n).transpose();
    batch.grams.insert(batch.grams.end(), G.data(), G.data() + G.size());
    for (int i = 0; i < d; ++i) batch.queries.push_back(Z(i, n));
    batch.targets.push_back(j["target"][b]);
    batch.sigmas.push_back(0);
  }
  ltv::HeadGradients g;
  const double loss = ltv::batch_loss_and_gradient(model, batch, g);
  CHECK(loss == Approx(j["loss"].get<double>()).epsilon(1e-13));
  for (int l = 0; l < L; ++l) {
    const Eigen::MatrixXd gp = matrix(j["grad_P"][l][0]), gq = matrix(j["grad_Q"][l][0]);
    CHECK((g[l][0].P - gp).norm() <= 1e-13 * gp.norm());
    CHECK((g[l][0].Q - gq).norm() <= 1e-13 * gq.norm());
  }
}

TEST_CASE("the step schedule halves the rate every decay_every steps after the warm-up") {
  ltv::OptimizerConfig c;
  c.lr = 0.02;
  c.schedule = ltv::Schedule::Step;
  c.decay_every = 2000;
  CHECK(ltv::learning_rate(c, 0, 30000) == 0.02);
  CHECK(ltv::learning_rate(c, 1999, 30000) == 0.02);
  CHECK(ltv::learning_rate(c, 2000, 30000) == 0.01);
  CHECK(ltv::learning_rate(c, 29999, 30000) == 0.02 / 16384);
  c.warmup = 10;
  CHECK(ltv::learning_rate(c, 4, 30000) == Approx(0.01));
  CHECK(ltv::learning_rate(c, 2009, 30000) == 0.02);
  CHECK(ltv::learning_rate(c, 2010, 30000) == 0.01);
  c.decay_every = 0;
  CHECK_THROWS_AS(c.validate(), std::invalid_argument);
}

TEST_CASE("per-matrix clipping clips every matrix's block on its own, global clipping the whole") {
  const Architecture a = arch(Family::Relaxed, 2, 2, 1);  // per head: A (4 entries), B (4 entries)
  REQUIRE(a.matrix_sizes() == std::vector<int>{4, 4});
  for (const Family f : kFamilies) {
    int total = 0;
    for (const int s : arch(f).matrix_sizes()) total += s;
    CHECK(total == arch(f).parameters_per_head());
  }
  Eigen::VectorXd g(16);
  g << 3, 4, 0, 0, /* B */ 0.03, 0.04, 0, 0, /* layer 2 */ 0, 0, 0, 0.001, 6, 8, 0, 0;
  ltv::OptimizerConfig c;
  c.clip = 1;
  c.clip_per_matrix = true;
  Eigen::VectorXd per = g;
  const double norm = ltv::clip_gradient(per, c, a.matrix_sizes());
  CHECK(norm == Approx(g.norm()));
  CHECK(per.segment(0, 4).norm() == Approx(1));          // 5 -> 1
  CHECK(per.segment(4, 4) == g.segment(4, 4));            // 0.05: below the threshold, untouched
  CHECK(per.segment(8, 4) == g.segment(8, 4));
  CHECK(per.segment(12, 4).norm() == Approx(1));         // 10 -> 1
  CHECK(per[0] / per[1] == Approx(0.75));                 // the direction kept
  c.clip_per_matrix = false;
  Eigen::VectorXd whole = g;
  ltv::clip_gradient(whole, c, a.matrix_sizes());
  CHECK(whole.norm() == Approx(1));
  CHECK(whole.segment(4, 4).norm() < 0.01);               // the small block shrank with the rest
  c.clip_per_matrix = true;
  Eigen::VectorXd odd(7);
  odd.setOnes();
  CHECK_THROWS_AS(ltv::clip_gradient(odd, c, a.matrix_sizes()), std::invalid_argument);
}
