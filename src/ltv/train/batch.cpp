// Batches in statistics form (batch.hpp).
#include "ltv/train/batch.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <stdexcept>
#include <thread>

namespace ltv {

void pack_sequence(const Sequence& s, StatisticsBatch& batch, int b) {
  const int d = batch.d, D = d + 1;
  Eigen::MatrixXd E(D, s.X.rows());
  E.topRows(d) = s.X.transpose();
  E.row(d) = s.y.transpose();
  // Computed in an Eigen-owned (aligned) matrix and then copied: Eigen's vectorised loops may peel a
  // different number of scalar iterations at a different alignment, and the result must not depend
  // on where the batch's storage happens to lie (bit-identical runs).
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(D, D);
  G.selfadjointView<Eigen::Lower>().rankUpdate(E);
  G.triangularView<Eigen::StrictlyUpper>() = G.transpose();
  Eigen::Map<Eigen::MatrixXd>(batch.grams.data() + static_cast<std::size_t>(b) * D * D, D, D) = G;
  Eigen::Map<Eigen::VectorXd>(batch.queries.data() + static_cast<std::size_t>(b) * d, d) = s.xq;
  batch.targets[b] = s.yq;
  batch.sigmas[b] = s.sigma;
}

namespace {

/// A batch of `count` sequences with its storage allocated (zeros).
StatisticsBatch allocate(int d, int n, int count) {
  StatisticsBatch batch;
  batch.d = d;
  batch.n = n;
  batch.size = count;
  const std::size_t D = d + 1;
  batch.grams.resize(count * D * D);
  batch.queries.resize(static_cast<std::size_t>(count) * d);
  batch.targets.resize(count);
  batch.sigmas.resize(count);
  return batch;
}

}  // namespace

StatisticsBatch pack_sequences(const std::vector<Sequence>& sequences, int d, int n) {
  StatisticsBatch batch = allocate(d, n, static_cast<int>(sequences.size()));
  for (int b = 0; b < batch.size; ++b) pack_sequence(sequences[b], batch, b);
  return batch;
}

StatisticsBatch sample_statistics_batch(const Sampler& sampler, int count, std::uint64_t seed, int threads) {
  if (count < 0) throw std::invalid_argument("sample_statistics_batch: count must be >= 0");
  StatisticsBatch batch = allocate(sampler.distribution().d, sampler.distribution().n, count);
  parallel_slices(count, threads, [&](int begin, int end, int) {
    for (int b = begin; b < end; ++b)
      pack_sequence(sampler.sample_at(seed, static_cast<std::uint64_t>(b)), batch, b);
  });
  return batch;
}

void parallel_slices(int count, int threads, const std::function<void(int, int, int)>& f) {
  threads = std::max(1, std::min(threads, std::max(count, 1)));
  if (threads == 1) {
    f(0, count, 0);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (int t = 0; t < threads; ++t) {
    const int begin = static_cast<int>(static_cast<long long>(count) * t / threads);
    const int end = static_cast<int>(static_cast<long long>(count) * (t + 1) / threads);
    pool.emplace_back([&, begin, end, t] {
      try {
        f(begin, end, t);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace ltv
