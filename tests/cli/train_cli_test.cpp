// End-to-end tests of `ltv train`, `ltv eval` and `ltv compare`: interruption and resume, bad
// input, and the shape of their output.
#include "ltv/train/model_file.hpp"

#include "support/cli_runner.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <thread>

namespace fs = std::filesystem;
using ltv::test::Outcome;
using ltv::test::run_ltv;
using ltv::test::spawn_ltv;
using ltv::test::split;
using ltv::test::slurp;
using ltv::test::spit;
using ltv::test::TempDir;
using nlohmann::json;

namespace {

constexpr const char* kRun =
    "train --d 3 --n 8 --layers 2 --batch 256 --steps 600 --lr 0.005 --clip 1 --seed 5 --threads 2 "
    "--eval-size 64 "
    "--eval-every 100 --quiet";

}  // namespace

TEST_CASE("ltv train interrupted by SIGINT, then by a full disk, and resumed gives the uninterrupted model, bit for bit",
          "[cli]") {
  const TempDir dir;
  REQUIRE(run_ltv(std::string(kRun) + " --out straight.json", dir).status == 0);

  auto args = split(kRun);
  for (const char* a : {"--checkpoint-every", "20", "--out", "stopped.json"}) args.emplace_back(a);
  const pid_t pid = spawn_ltv(dir, args);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(dir.path() / "stopped.json") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  REQUIRE(kill(pid, SIGINT) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);  // stopped early, checkpoint written
  const json checkpoint = json::parse(slurp(dir.path() / "stopped.json"));
  const int stopped_at = checkpoint["state"]["step"];
  INFO("stopped at step " << stopped_at);
  CHECK(stopped_at < 600);

  // The disk is full at the next checkpoint (at once, or part-way through it): status 5, and the
  // checkpoint on disk is the one before, complete.
  const std::string before = slurp(dir.path() / "stopped.json");
  for (const unsigned long long room : {0ULL, 1000ULL}) {
    const Outcome full = run_ltv("train --resume stopped.json --quiet", dir, ltv::test::full_disk_after(room));
    INFO(room << " bytes of room: " << full.err);
    CHECK(full.status == 5);
    CHECK_THAT(full.err, Catch::Contains("No space left on device") && Catch::Contains("left as it was"));
    CHECK(slurp(dir.path() / "stopped.json") == before);
    CHECK_FALSE(fs::exists(dir.path() / ".stopped.json.tmp"));
  }

  const Outcome resumed = run_ltv("train --resume stopped.json --quiet", dir);
  REQUIRE(resumed.status == 0);
  CHECK(slurp(dir.path() / "stopped.json") == slurp(dir.path() / "straight.json"));
}

TEST_CASE("ltv train, eval and compare reject bad input with a clear message and lose nothing", "[cli]") {
  const TempDir dir;
  const auto expect = [&dir](const std::string& args, const std::string& needle) {
    const Outcome o = run_ltv(args, dir);
    INFO(args << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK(o.err.find(needle) != std::string::npos);
  };
  expect("train --family wide", "--family");
  expect("train --lr -1", "--lr");
  expect("train --d 0", "--d");
  expect("train --batch 0", "--batch");
  expect("train --schedule step", "--decay-every");
  expect("train --schedule linear", "--schedule");
  expect("train --noise categorical", "--sigma-levels");
  expect("train --d 3 --cov-eigs 1,2", "--cov-eigs has 2 values");
  expect("train --d 2 --cov-eigs 1,-1", "--cov-eigs must be positive");
  expect("eval --model missing.json", "cannot read");
  expect("compare --model missing.json", "cannot read");

  REQUIRE(
      run_ltv("train --d 2 --n 5 --steps 3 --batch 16 --eval-size 16 --quiet --out good.json", dir).status ==
      0);
  const std::string good = slurp(dir.path() / "good.json");
  spit(dir.path() / "truncated.json", good.substr(0, good.size() / 3));
  expect("eval --model truncated.json", "not valid JSON");
  expect("train --resume truncated.json", "not valid JSON");
  CHECK(slurp(dir.path() / "truncated.json") == good.substr(0, good.size() / 3));  // untouched
  // A number beyond double's range: nlohmann's out_of_range, which once escaped as an internal error.
  spit(dir.path() / "huge.json", good.substr(0, good.rfind('}')) + ", \"extra\": 1e3080}\n");
  expect("compare --model huge.json", "not valid JSON");
  expect("eval --model huge.json", "not valid JSON");
  expect("train --resume huge.json", "not valid JSON");
  json j = json::parse(good);
  j["state"]["parameters"][0] = nullptr;  // a NaN, as JSON writes it
  spit(dir.path() / "nan.json", j.dump());
  expect("compare --model nan.json", "state.parameters[0] is not a number");
  expect("eval --model good.json --d 3", "the model has d = 2");
  expect("experiment a24 --study width", "--study");
  expect("experiment a24 --preset fast", "--preset");
  expect("experiment a24 --seeds 1", "--seeds");
  expect("experiment a24 --steps 100", "--steps");
  spit(dir.path() / "junk.json", "not json at all");
  expect("experiment a24 --study settings --results junk.json", "is not JSON");
  CHECK(slurp(dir.path() / "junk.json") == "not json at all");
  spit(dir.path() / "huge-results.json", "{\"x\": 1e3080}");
  expect("experiment a24 --study settings --results huge-results.json", "is not JSON");
  spit(dir.path() / "odd.json", "{\"experiments\": 7}");
  expect("experiment a24 --study settings --results odd.json", "odd.json cannot take /experiments/a24");
  expect("experiment a24 --study settings --results no/such/dir/r.json", "does not exist");
  CHECK(slurp(dir.path() / "odd.json") == "{\"experiments\": 7}");
}

TEST_CASE("ltv train checks that it can write its model file before it trains", "[cli]") {
  const TempDir dir;
  // Runs of days: each must stop at once, with status 2, having written nothing.
  const std::string days = "train --d 5 --n 20 --layers 3 --steps 100000000 --quiet";
  const auto started = std::chrono::steady_clock::now();
  const auto expect = [&dir](const std::string& args, const std::string& needle) {
    const Outcome o = run_ltv(args, dir);
    INFO(args << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Catch::Contains(needle));
  };
  expect(days + " --out no/such/dir/m.json",
         "cannot write no/such/dir/m.json: directory no/such/dir does not exist");
  fs::create_directories(dir.path() / "taken");
  expect(days + " --out taken", "cannot write taken: it is a directory");
  expect(days + " --checkpoint-every 10 --out taken/../no/m.json", "does not exist");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
  REQUIRE(run_ltv("train --d 2 --n 5 --steps 3 --batch 16 --eval-size 16 --quiet --out m.json", dir).status ==
          0);
  expect("train --resume m.json --out no/such/dir/m.json", "does not exist");
  CHECK(dir.entries() == std::vector<std::string>{"m.json", "stderr.txt", "stdout.txt", "taken"});
}

TEST_CASE(
    "ltv train stops a diverging run with status 4, keeps its last good state, and eval and compare warn",
    "[cli]") {
  const TempDir dir;
  const Outcome o = run_ltv(
      "train --d 2 --n 5 --steps 50 --batch 16 --eval-size 16 --eval-every 5 --lr 1e10 --quiet --out d.json",
      dir);
  INFO(o.err);
  CHECK(o.status == 4);
  CHECK_THAT(o.err, Catch::Contains("DIVERGED at step") && Catch::Contains("d.json"));
  // The command: 20 steps at --lr 1e10 end at a finite loss near 1e39, with one evaluation.
  const Outcome few =
      run_ltv("train --d 5 --n 20 --steps 20 --batch 64 --eval-size 64 --lr 1e10 --quiet --out few.json", dir);
  INFO(few.err);
  CHECK(few.status == 4);
  CHECK_THAT(few.err, Catch::Contains("DIVERGED at step 20") && Catch::Contains("at the run's last step"));
  const std::string written = slurp(dir.path() / "d.json");
  const json model = json::parse(written);
  REQUIRE(model["divergence"].is_object());
  CHECK(model["divergence"]["step"].get<int>() > model["state"]["step"].get<int>());
  for (const auto& p : model["state"]["parameters"]) CHECK(p.is_number());

  const Outcome e = run_ltv("eval --model d.json --eval-size 100 --tuning-size 50 --gd-steps 1", dir);
  CHECK(e.status == 0);
  CHECK_THAT(e.err, Catch::Contains("WARNING") && Catch::Contains("diverged at step"));
  const Outcome c = run_ltv("compare --model d.json --sequences 2", dir);
  CHECK(c.status == 0);
  CHECK_THAT(c.err, Catch::Contains("WARNING") && Catch::Contains("diverged at step"));
  const Outcome r = run_ltv("train --resume d.json --quiet", dir);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("resuming would diverge again"));
  CHECK(slurp(dir.path() / "d.json") == written);
}

TEST_CASE("ltv train killed by SIGKILL at random moments keeps a complete checkpoint and resumes bit for bit",
          "[cli]") {
  // A tiny model that writes a checkpoint after every step, its history growing by one entry a step:
  // a kill at a random moment often lands inside a write (each write is synced to the disk), and
  // every other kill is aimed at one (it waits for the temporary file to appear).
  const std::string run =
      "train --d 2 --n 6 --layers 2 --batch 32 --steps 20000 --lr 0.005 --clip 1 --seed 3 --threads 1 "
      "--eval-size 32 --eval-every 1 --quiet";
  const TempDir dir;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_ltv(run + " --out straight.json", dir).status == 0);
  const json straight = json::parse(slurp(dir.path() / "straight.json"));

  constexpr int kKills = 30;
  boost::random::mt19937 rng(20261202);
  boost::random::uniform_int_distribution<int> delay_ms(30, 250);
  const fs::path checkpoint = dir.path() / "killed.json", partial = dir.path() / ".killed.json.tmp";
  const auto wait_for = [](const auto& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!condition() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  };
  // When the temporary file was last written (nullopt: there is none).
  const auto partial_written = [&partial]() -> std::optional<fs::file_time_type> {
    std::error_code ec;
    const auto t = fs::last_write_time(partial, ec);
    return ec ? std::nullopt : std::optional(t);
  };
  std::string previous;  // the checkpoint on disk before the latest kill ("" when none yet)
  int during_write = 0, before_first = 0;
  for (int k = 0; k < kKills; ++k) {
    INFO("kill " << k);
    auto args = split(run);
    for (const char* a : {"--checkpoint-every", "1", "--out", "killed.json"}) args.emplace_back(a);
    if (!previous.empty()) args = {"train", "--resume", "killed.json", "--checkpoint-every", "1", "--quiet"};
    const auto left_before = partial_written();  // by an earlier kill
    const pid_t pid = spawn_ltv(dir, args);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    if (k % 2 == 1) {  // a temporary file left by the last kill goes at this run's first write
      wait_for([&] { return !fs::exists(partial); });
      wait_for([&] { return fs::exists(partial); });
    }
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));  // killed, not finished: 20 000 steps are plenty
    // Inside a write: this run's temporary file is there (created, not yet renamed).
    const auto left_now = partial_written();
    during_write += left_now && left_now != left_before;
    if (!fs::exists(checkpoint)) {
      CHECK(previous.empty());  // killed before its first checkpoint
      ++before_first;
      continue;
    }
    // The checkpoint is complete (it loads) and is the previous one or a later one, and as far as
    // it goes it is the uninterrupted run: its history is that run's first entries, bit for bit.
    const std::string now = slurp(checkpoint);
    const ltv::TrainState state = ltv::load_model_file(checkpoint);
    if (!previous.empty()) {
      const long long before = json::parse(previous)["state"]["step"].get<long long>();
      CHECK((state.step() > before || now == previous));
    }
    const json history = json::parse(now)["history"];
    REQUIRE(history.size() == static_cast<std::size_t>(state.step()));
    CHECK(history == json(std::vector<json>(straight["history"].begin(),
                                            straight["history"].begin() + state.step())));
    previous = now;
  }
  const Outcome finished = run_ltv("train --resume killed.json --quiet", dir);
  REQUIRE(finished.status == 0);
  CHECK(slurp(checkpoint) == slurp(dir.path() / "straight.json"));
  CHECK_FALSE(fs::exists(partial));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WARN(kKills << " kills, " << during_write << " inside a checkpoint write, " << before_first
              << " before the first checkpoint; " << seconds << " s");
  CHECK(during_write >= kKills / 4);  // most of the aimed half (a rename can win the race), and random ones
}

TEST_CASE("ltv eval compares a model with every baseline, ltv compare with the theory", "[cli]") {
  const TempDir dir;
  REQUIRE(
      run_ltv("train --d 2 --n 6 --steps 50 --batch 64 --lr 0.01 --eval-size 64 --quiet --noise categorical "
              "--sigma-levels 0.5,1 --out m.json",
              dir)
          .status == 0);
  const Outcome e = run_ltv("eval --model m.json --eval-size 500 --tuning-size 200 --gd-steps 2 --json", dir);
  REQUIRE(e.status == 0);
  const json ev = json::parse(e.out);
  std::vector<std::string> names;
  for (const auto& p : ev["predictors"]) names.push_back(p["name"]);
  CHECK(names == std::vector<std::string>{"model", "OLS", "oracle ridge", "ConstRR", "AdaRR", "TunedRR",
                                          "GD(1)", "PGD(1)", "GD(2)", "PGD(2)"});
  CHECK(ev["noise_levels"].size() == 2);
  for (const auto& p : ev["predictors"]) {
    CHECK(p["per_noise_level"].size() == 2);
    if (p["name"] == "oracle ridge") CHECK(p["adjusted_loss"] == 0.0);
  }
  const Outcome c = run_ltv("compare --model m.json --json", dir);
  REQUIRE(c.status == 0);
  const json cmp = json::parse(c.out);
  CHECK(cmp["one_layer_optimum"]["applies"] == false);  // noise is categorical
  CHECK(cmp["forward_double_vs_mpfr"]["worst_digits"].get<double>() >= 12);
  CHECK(cmp["implicit_model"]["layers"].size() == 2);
}
