#pragma once
// What the float tiers' tolerance is derived from when the compared values are exact L-layer
// losses (expect/layer_loss.hpp): the loss is Σ_w c_w E tr(w) over its words, each a Wick sum of
// (2k−1)!! matchings (k copies of S), each matching a product of traces of products of the word's
// d×d letters. Rounding errors scale with the terms of those sums, not with their total
// (identity_check.hpp), so the magnitude is Σ_w |c_w E tr(w)|; the size factor counts the
// roundings that can accumulate into one loss value; the degree bounds how a relative error of the
// inputs (parameters rounded to the tier, a computed Σ⁻¹) is amplified in each term.
#include "ltv/expect/layer_loss.hpp"
#include "ltv/expect/matchings.hpp"
#include "ltv/expect/word_expectation.hpp"

#include <algorithm>
#include <cmath>

namespace ltv::proofs {

struct LossRounding {
  double magnitude = 0;    ///< Σ_w |c_w E tr(w)|, evaluated in double
  double size_factor = 1;  ///< words × matchings × longest word × d
  int degree = 0;  ///< the most letters A_l, B_l, Σ_w in one word: δ relative -> degree·δ per term
};

inline LossRounding layer_loss_rounding(const LayerParameters<double>& params,
                                        const LayerProblem<double>& problem) {
  const LayerWords& words = layer_words(problem.family, params.layers());
  const auto at = [](int symbol) { return static_cast<std::size_t>(symbol); };
  std::vector<Mat<double>> values(at(words.symbols.count()), Mat<double>::Zero(problem.d(), problem.d()));
  for (int l = 0; l < params.layers(); ++l) {
    values[at(words.symbols.A(l))] = params.A[at(l)];
    if (!params.B.empty()) values[at(words.symbols.B(l))] = params.B[at(l)];
  }
  values[at(words.symbols.cov())] = problem.cov;
  values[at(words.symbols.cov_w())] = problem.cov_w;
  LossRounding out;
  std::size_t longest = 1;
  for (const auto& [w, c] : words.loss.terms()) {
    WordSum single;
    single.add(w, c);
    out.magnitude += std::abs(expect_trace_words<double>(single, values, problem.cov, problem.n));
    longest = std::max(longest, w.size());
    const auto inputs = std::count_if(w.begin(), w.end(), [&](const Letter& l) {
      return !l.is_S() && (l.symbol < words.symbols.cov() || l.symbol == words.symbols.cov_w());
    });
    out.degree = std::max(out.degree, static_cast<int>(inputs));
  }
  out.size_factor = static_cast<double>(words.loss.terms().size()) *
                    static_cast<double>(matching_count(words.loss.degree())) * static_cast<double>(longest) *
                    problem.d();
  return out;
}

}  // namespace ltv::proofs
