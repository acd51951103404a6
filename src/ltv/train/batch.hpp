#pragma once
// A training batch in statistics form. The prediction of an LSA model depends on a sequence only
// through the Gram matrix of its context tokens G⁰ = Σ_i e_i e_iᵀ and its query x_q (the
// statistics-space forward, model/statistics_forward.hpp, an obligation: V24.STAT), so a batch keeps
// just those, packed contiguously for the training kernel.
#include "ltv/core/task.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace ltv {

struct StatisticsBatch {
  int d = 0;
  int n = 0;  ///< context length (the attention scale c = 1/n of Norm::Mean needs it)
  int size = 0;
  std::vector<double> grams;    ///< `size` blocks of (d+1)² (column-major): G⁰ of each sequence
  std::vector<double> queries;  ///< `size` blocks of d: x_q
  std::vector<double> targets;  ///< <w, x_q> (noiseless)
  std::vector<double> sigmas;   ///< the noise level drawn for each sequence

  const double* gram(int b) const { return grams.data() + static_cast<std::size_t>(b) * (d + 1) * (d + 1); }
  const double* query(int b) const { return queries.data() + static_cast<std::size_t>(b) * d; }
};

/// The statistics of sequence b of a batch.
void pack_sequence(const Sequence& s, StatisticsBatch& batch, int b);

/// Given sequences (all with context length n and dimension d), packed.
StatisticsBatch pack_sequences(const std::vector<Sequence>& sequences, int d, int n);

/// Sequences 0..count-1 of Sampler::sample_at(seed, ·), packed; sampled on `threads` threads (the
/// result does not depend on the thread count: every sequence has its own random stream).
StatisticsBatch sample_statistics_batch(const Sampler& sampler, int count, std::uint64_t seed,
                                        int threads = 1);

/// Runs f(begin, end, worker) on `threads` contiguous, near-equal slices of [0, count), worker
/// 0..threads-1, and joins. The slicing depends only on (count, threads), so per-worker partial
/// results combined in worker order are reproducible for a given thread count.
void parallel_slices(int count, int threads, const std::function<void(int, int, int)>& f);

}  // namespace ltv
