#include "train.hpp"

#include "progress.hpp"

#include "exit_status.hpp"
#include "ltv/io/files.hpp"
#include "ltv/train/model_file.hpp"

#include <atomic>
#include <csignal>
#include <iostream>

namespace ltv::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) { g_stop.store(true); }

TrainConfig config_of(const TrainOptions& o) {
  TrainConfig c;
  const auto family = parse_family_label(o.family);
  if (!family) throw std::invalid_argument("--family must be one of full, diag, gdpp, sparse, relaxed");
  c.arch.family = *family;
  c.arch.d = o.task.d;
  c.arch.layers = o.layers;
  c.arch.heads = o.heads;
  c.arch.norm = o.norm == "sum" ? Norm::Sum : Norm::Mean;
  c.task = task_distribution(o.task);
  c.optimizer.kind = o.optimizer == "adam" ? OptimizerKind::Adam : OptimizerKind::Sgd;
  c.optimizer.lr = o.lr;
  c.optimizer.beta1 = o.beta1;
  c.optimizer.beta2 = o.beta2;
  c.optimizer.momentum = o.momentum;
  c.optimizer.clip = o.clip;
  c.optimizer.schedule = *parse_schedule(o.schedule);
  c.optimizer.warmup = o.warmup;
  c.optimizer.decay_every = o.decay_every;
  c.optimizer.clip_per_matrix = o.clip_per_matrix;
  c.batch = o.batch;
  c.steps = o.steps;
  c.fresh_every = o.fresh_every;
  c.seed = o.seed;
  c.init_scale = o.init_scale;
  c.eval_size = o.eval_size;
  c.eval_every = o.eval_every;
  c.threads = o.threads;
  c.validate();
  return c;
}

}  // namespace

void setup_train(CLI::App& app, TrainOptions& o) {
  add_task_options(app, o.task);
  app.add_option("--family", o.family, "Parameter family: full, diag, gdpp (GD++), sparse, relaxed")
      ->check(CLI::IsMember({"full", "diag", "gdpp", "gd++", "sparse", "relaxed"}, CLI::ignore_case))
      ->capture_default_str();
  app.add_option("--layers", o.layers, "Number of layers L")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--heads", o.heads, "Heads per layer H")->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_option("--norm", o.norm, "Attention scale: c = 1 (sum, V24) or 1/n (mean, A23/A24)")
      ->check(CLI::IsMember({"sum", "mean"}))
      ->capture_default_str();
  app.add_option("--optimizer", o.optimizer, "adam or sgd (with momentum)")
      ->check(CLI::IsMember({"adam", "sgd"}))
      ->capture_default_str();
  app.add_option("--lr", o.lr, "Learning rate")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--beta1", o.beta1, "Adam β1")->check(CLI::Range(0.0, 0.999999))->capture_default_str();
  app.add_option("--beta2", o.beta2, "Adam β2")->check(CLI::Range(0.0, 0.999999))->capture_default_str();
  app.add_option("--momentum", o.momentum, "SGD momentum")
      ->check(CLI::Range(0.0, 0.999999))
      ->capture_default_str();
  app.add_option("--clip", o.clip, "Global-norm gradient clipping threshold (0: none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_flag("--clip-per-matrix", o.clip_per_matrix,
               "Clip each matrix's block of the gradient (every P and Q, A and B) to --clip on its own (A23's code)");
  app.add_option("--schedule", o.schedule,
                 "Learning-rate schedule after the warm-up: constant, cosine, or step (halved every --decay-every steps)")
      ->check(CLI::IsMember({"constant", "cosine", "step"}))
      ->capture_default_str();
  app.add_option("--decay-every", o.decay_every, "Steps between halvings of the step schedule")
      ->check(CLI::Range(1LL, 1000000000LL));
  app.add_option("--warmup", o.warmup, "Linear warm-up steps")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--batch", o.batch, "Sequences per step")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  app.add_option("--steps", o.steps, "Optimizer steps")
      ->check(CLI::Range(0LL, 1000000000LL))
      ->capture_default_str();
  app.add_option("--fresh-every", o.fresh_every, "Draw a fresh batch every k steps (1: every step)")
      ->check(CLI::Range(1, 1000000000))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Seed of the initialisation, the batches and the evaluation set")
      ->capture_default_str();
  app.add_option("--init-scale", o.init_scale, "Initial parameters ~ N(0, scale²)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--eval-size", o.eval_size, "Sequences of the fixed evaluation set")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  app.add_option("--eval-every", o.eval_every, "Steps between evaluations (history points)")
      ->check(CLI::Range(1LL, 1000000000LL))
      ->capture_default_str();
  app.add_option("--threads", o.threads,
                 "Worker threads (the same seed and thread count give the same model)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--checkpoint-every", o.checkpoint_every,
                 "Write the model file every N steps (0: only at the end)")
      ->check(CLI::Range(0LL, 1000000000LL))
      ->capture_default_str();
  app.add_option("--out", o.out, "Model file to write (checkpoints go there too)")->capture_default_str();
  app.add_option(
      "--resume", o.resume,
      "Continue the run saved in this model file (its configuration is used; --out defaults to it)");
  app.add_flag("--quiet", o.quiet, "No progress bar");
}

int run_train(const TrainOptions& o, const CLI::App& app) {
  TrainState state;
  std::string out = o.out;
  if (!o.resume.empty()) {
    state = load_model_file(o.resume);
    if (state.divergence)
      throw std::invalid_argument(
          o.resume + " is the last good state of a run that diverged at step " +
          std::to_string(state.divergence->step) + " (" + state.divergence->reason +
          "); resuming would diverge again: train anew with a lower --lr or with --clip");
    if (app.count("--out") == 0) out = o.resume;
    if (!o.quiet)
      std::cerr << "ltv train: resuming " << o.resume << " at step " << state.step() << " of "
                << state.config.steps << "\n";
  } else {
    state = start_training(config_of(o));
  }
  check_writable_file(out, expected_model_file_bytes(state));  // before the work, not after it
  g_stop.store(false);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  Progress progress("train", state.config.steps, state.step(), o.quiet);
  TrainHooks hooks;
  hooks.stop = &g_stop;
  hooks.checkpoint_every = o.checkpoint_every;
  hooks.on_checkpoint = [&out](const TrainState& s) { save_model_file(out, s); };
  hooks.on_step = [&progress](const TrainState& s, const HistoryPoint& p) {
    progress.update(s.step(),
                    "loss " + Progress::number(p.train_loss) +
                        (s.history.empty() ? "" : " eval " + Progress::number(s.history.back().eval_loss)));
  };
  const TrainOutcome outcome = continue_training(state, hooks);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  progress.finish();
  if (outcome == TrainOutcome::Stopped) {
    std::cerr << "ltv train: interrupted at step " << state.step() << "; checkpoint written to " << out
              << " (continue with: ltv train --resume " << out << ")\n";
    return kExitInterrupted;
  }
  save_model_file(out, state);
  if (outcome == TrainOutcome::Diverged) {
    std::cerr << "ltv train: DIVERGED at step " << state.divergence->step << ": " << state.divergence->reason
              << ". Kept the parameters of step " << state.step() << " (its last good state) in " << out
              << ", marked as diverged; train anew with a lower --lr or with --clip\n";
    return kExitDiverged;
  }
  if (!o.quiet) {
    const double eval =
        state.history.empty() ? evaluation_loss(state.config, state.theta) : state.history.back().eval_loss;
    std::cerr << "ltv train: " << state.step() << " steps, evaluation loss " << eval << "; model written to "
              << out << "\n";
  }
  return 0;
}

}  // namespace ltv::cli
