#pragma once
// Definitions of word_expectation.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/word_expectation.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ltv {
namespace detail {

/// The product of a run of letters; S must not occur in it.
template <class T>
Mat<T> letters_product(Word::const_iterator first, Word::const_iterator last,
                       const std::vector<Mat<T>>& symbols, Eigen::Index d) {
  Mat<T> out = Mat<T>::Identity(d, d);
  for (; first != last; ++first) {
    const auto s = static_cast<std::size_t>(first->symbol);
    if (first->is_S() || s >= symbols.size() || symbols[s].rows() != d || symbols[s].cols() != d)
      throw std::invalid_argument("word letter s" + std::to_string(first->symbol) + " has no d×d value");
    out = first->transposed ? Mat<T>(out * symbols[s].transpose()) : Mat<T>(out * symbols[s]);
  }
  return out;
}

/// The matrices between the copies of S: k + 1 of them for an open word, k for a trace word.
template <class T>
std::vector<Mat<T>> word_blocks(const Word& w, bool trace, const std::vector<Mat<T>>& symbols,
                                Eigen::Index d) {
  Word word = w;
  if (trace) {  // rotate so that the word ends with S: the last block then wraps around
    const auto last_S = std::find_if(word.rbegin(), word.rend(), [](Letter l) { return l.is_S(); });
    if (last_S != word.rend()) std::rotate(word.begin(), last_S.base(), word.end());
  }
  std::vector<Mat<T>> blocks;
  auto start = word.cbegin();
  for (auto it = word.cbegin(); it != word.cend(); ++it)
    if (it->is_S()) {
      blocks.push_back(letters_product<T>(start, it, symbols, d));
      start = it + 1;
    }
  if (!trace || blocks.empty()) blocks.push_back(letters_product<T>(start, word.cend(), symbols, d));
  return blocks;
}

}  // namespace detail

template <class T>
T expect_trace_words(const WordSum& traces, const std::vector<Mat<T>>& symbols, const Mat<T>& cov, int n) {
  T total = 0;
  for (const auto& [w, c] : traces.terms()) {
    const std::vector<Mat<T>> blocks = detail::word_blocks<T>(w, true, symbols, cov.rows());
    const bool deterministic = std::none_of(w.begin(), w.end(), [](Letter l) { return l.is_S(); });
    total += T(c) * (deterministic ? T(blocks.front().trace()) : expect_trace<T>(blocks, cov, n));
  }
  return total;
}

template <class T>
Mat<T> expect_open_words(const WordSum& words, const std::vector<Mat<T>>& symbols, const Mat<T>& cov, int n) {
  Mat<T> total = Mat<T>::Zero(cov.rows(), cov.cols());
  for (const auto& [w, c] : words.terms())
    total += T(c) * expect_product<T>(detail::word_blocks<T>(w, false, symbols, cov.rows()), cov, n);
  return total;
}

template <class T>
Mat<T> substitute_words(const WordSum& words, const std::vector<Mat<T>>& symbols, const Mat<T>& S) {
  Mat<T> total = Mat<T>::Zero(S.rows(), S.cols());
  for (const auto& [w, c] : words.terms()) {
    const std::vector<Mat<T>> blocks = detail::word_blocks<T>(w, false, symbols, S.rows());
    Mat<T> product = blocks.front();
    for (std::size_t a = 1; a < blocks.size(); ++a) product = Mat<T>(product * S) * blocks[a];
    total += T(c) * product;
  }
  return total;
}

}  // namespace ltv
