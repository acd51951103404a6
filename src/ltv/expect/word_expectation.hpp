#pragma once
// Values of symbolic words (words.hpp): their exact expectation by the Wick engine, or their value
// at one realisation of S. A word's letters between consecutive copies of S multiply into the
// engine's matrices C_a: tr(C_0 S C_1 S ··· C_{k−1} S) for a trace word (rotated so that it ends
// with S), C_0 S C_1 ··· S C_k for an open word.
#include "ltv/expect/wick.hpp"
#include "ltv/expect/words.hpp"

#include <vector>

namespace ltv {

/// Σ_w c_w E tr(w), S = (1/n) Σ_i x_i x_iᵀ with x_i ~ N(0, cov); symbols[s] is the value of s.
template <class T>
T expect_trace_words(const WordSum& traces, const std::vector<Mat<T>>& symbols, const Mat<T>& cov, int n);

/// Σ_w c_w E[w] for open words.
template <class T>
Mat<T> expect_open_words(const WordSum& words, const std::vector<Mat<T>>& symbols, const Mat<T>& cov, int n);

/// Σ_w c_w w at one realisation S of the sample moment (open words).
template <class T>
Mat<T> substitute_words(const WordSum& words, const std::vector<Mat<T>>& symbols, const Mat<T>& S);

}  // namespace ltv

#define LTV_WORD_EXPECTATION_INSTANCES(PREFIX, T)                                                          \
  PREFIX template T expect_trace_words<T>(const WordSum&, const std::vector<Mat<T>>&, const Mat<T>&, int); \
  PREFIX template Mat<T> expect_open_words<T>(const WordSum&, const std::vector<Mat<T>>&, const Mat<T>&,   \
                                              int);                                                        \
  PREFIX template Mat<T> substitute_words<T>(const WordSum&, const std::vector<Mat<T>>&, const Mat<T>&);
#define LTV_WORD_EXPECTATION_INSTANCES_EXTERN(T) LTV_WORD_EXPECTATION_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_WORD_EXPECTATION_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: word_expectation_impl.hpp, compiled once per tier in expect/tier_*.cpp.
