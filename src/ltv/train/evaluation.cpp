// Model and baselines on one evaluation set (evaluation.hpp).
#include "ltv/train/evaluation.hpp"

#include "ltv/core/random.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/train/batch.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ltv {
namespace {

constexpr std::uint64_t kHeldOutStream = 11;  // the held-out evaluation (trainer.cpp seeds the training-time one)
constexpr std::uint64_t kTuningStream = 12;
constexpr int kUniformBins = 8;

/// The bin of each sequence's σ, and the bins' labels.
std::vector<int> noise_bins(const TaskDistribution& task, const std::vector<Sequence>& seqs,
                            std::vector<std::string>& labels) {
  std::vector<int> bin(seqs.size(), 0);
  switch (task.noise.mode) {
    case NoiseMode::Fixed: {
      std::ostringstream os;
      os << "sigma = " << task.noise.sigma;
      labels = {os.str()};
      break;
    }
    case NoiseMode::Categorical:
      labels.clear();
      for (const double s : task.noise.levels) {
        std::ostringstream os;
        os << "sigma = " << s;
        labels.push_back(os.str());
      }
      for (std::size_t i = 0; i < seqs.size(); ++i)
        for (std::size_t k = 0; k < task.noise.levels.size(); ++k)
          if (seqs[i].sigma == task.noise.levels[k]) bin[i] = static_cast<int>(k);
      break;
    case NoiseMode::Uniform: {
      const double width = task.noise.sigma / kUniformBins;
      labels.clear();
      for (int k = 0; k < kUniformBins; ++k) {
        std::ostringstream os;
        os.precision(3);
        os << "sigma in [" << k * width << ", " << (k + 1) * width << ")";
        labels.push_back(os.str());
      }
      for (std::size_t i = 0; i < seqs.size(); ++i)
        bin[i] = width > 0 ? std::min(kUniformBins - 1, static_cast<int>(seqs[i].sigma / width)) : 0;
      break;
    }
  }
  return bin;
}

}  // namespace

Evaluation evaluate(const TaskDistribution& task, const std::optional<Model<double>>& model,
                    const EvaluationOptions& o) {
  if (o.eval_size < 2) throw std::invalid_argument("the evaluation set needs at least 2 sequences");
  if (o.tuning_size < 2) throw std::invalid_argument("the tuning set needs at least 2 sequences");
  if (o.gd_steps < 0) throw std::invalid_argument("the GD step count must be >= 0");
  if (model && model->d != task.d)
    throw std::invalid_argument("the model has d = " + std::to_string(model->d) +
                                ", the task d = " + std::to_string(task.d));
  const Sampler sampler(task);
  const std::vector<Sequence> eval = sampler.sample_batch(o.eval_size, derive_seed(o.seed, kHeldOutStream));
  const std::vector<Sequence> tuning =
      sampler.sample_batch(o.tuning_size, derive_seed(o.seed, kTuningStream));

  std::vector<BaselineResult> predictors;
  if (model) {
    const StatisticsBatch batch = pack_sequences(eval, task.d, task.n);
    predictors.push_back({"model", "", batch_predictions(*model, batch, o.threads)});
  }
  for (BaselineResult& r : evaluate_baselines(task, tuning, eval, o.gd_steps))
    predictors.push_back(std::move(r));

  Evaluation out;
  const std::vector<int> bin = noise_bins(task, eval, out.bins);
  out.bin_counts.assign(out.bins.size(), 0);
  for (const int b : bin) ++out.bin_counts[b];
  // The adjusted losses subtract the oracle ridge's, paired per sequence (its own row is exactly 0).
  const auto oracle_row = std::find_if(predictors.begin(), predictors.end(),
                                       [](const BaselineResult& r) { return r.name == "oracle ridge"; });
  if (oracle_row == predictors.end())
    throw std::logic_error("evaluate: the oracle ridge baseline is missing");
  const std::vector<double> oracle = oracle_row->predictions;
  const double m = static_cast<double>(eval.size());
  for (const BaselineResult& p : predictors) {
    PredictorScore s{p.name, p.constants, 0, 0, 0, 0, std::vector<double>(out.bins.size(), 0.0)};
    double sum2 = 0, dsum = 0, dsum2 = 0;
    for (std::size_t i = 0; i < eval.size(); ++i) {
      const double e = (p.predictions[i] - eval[i].yq) * (p.predictions[i] - eval[i].yq);
      const double eo = (oracle[i] - eval[i].yq) * (oracle[i] - eval[i].yq);
      s.loss += e;
      sum2 += e * e;
      dsum += e - eo;
      dsum2 += (e - eo) * (e - eo);
      s.per_bin[bin[i]] += e;
    }
    s.loss /= m;
    s.standard_error = std::sqrt(std::max(0.0, sum2 / m - s.loss * s.loss) / (m - 1));
    s.adjusted = dsum / m;
    s.adjusted_error = std::sqrt(std::max(0.0, dsum2 / m - s.adjusted * s.adjusted) / (m - 1));
    for (std::size_t k = 0; k < out.bins.size(); ++k)
      s.per_bin[k] = out.bin_counts[k] ? s.per_bin[k] / out.bin_counts[k] : std::nan("");
    out.rows.push_back(std::move(s));
  }
  return out;
}

}  // namespace ltv
