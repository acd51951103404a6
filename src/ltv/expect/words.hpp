#pragma once
// Matrix polynomials in the sample second moment S, kept symbolic: sums of words such as
// 3 · A₀ S A₁ᵀ S Σ, whose letters are named d×d matrices (possibly transposed) and copies of S.
//
// The L-layer SPARSE and RELAXED models map a prompt to a prediction error wᵀ M(S) x_q with M a
// polynomial of this kind (layer_polynomial.hpp), so their population loss is a sum of
// E tr(word) terms, each of which the Wick engine (wick.hpp) evaluates exactly. Keeping the words
// symbolic gives the derivatives for free: the gradient of E tr(X A Y) with respect to A is
// E[(Y X)ᵀ], an open word; differentiating again gives the Hessian. Coefficients are integers
// (every layer update has coefficients ±1).
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <vector>

namespace ltv {

/// One factor of a word: the named matrix `symbol` (or its transpose), or a copy of S.
struct Letter {
  static constexpr int kS = -1;
  int symbol = kS;
  bool transposed = false;  ///< always false for a symmetric letter
  bool symmetric = true;    ///< S, Σ, Σ_w: transposing leaves the letter as it is
  bool is_S() const { return symbol == kS; }
  friend auto operator<=>(const Letter&, const Letter&) = default;
};

using Word = std::vector<Letter>;

/// Σ coefficient · word, each word once, no zero coefficients.
class WordSum {
 public:
  WordSum() = default;
  static WordSum identity();                    ///< the empty word (the identity matrix)
  static WordSum letter(Letter l);              ///< a single letter
  static WordSum symbol(int symbol);            ///< the named matrix
  static WordSum symmetric_symbol(int symbol);  ///< a named matrix known to be symmetric
  static WordSum sample_moment();               ///< S

  const std::map<Word, std::int64_t>& terms() const { return terms_; }
  bool empty() const { return terms_.empty(); }
  /// The largest number of copies of S in one word.
  int degree() const;

  void add(const Word& w, std::int64_t coefficient);
  WordSum& operator+=(const WordSum& other);
  WordSum& operator-=(const WordSum& other);
  friend WordSum operator+(WordSum a, const WordSum& b) { return a += b; }
  friend WordSum operator-(WordSum a, const WordSum& b) { return a -= b; }
  friend WordSum operator*(const WordSum& a, const WordSum& b);
  friend WordSum operator*(std::int64_t c, const WordSum& a);

 private:
  std::map<Word, std::int64_t> terms_;
};

/// The transpose: the letters reversed, each transposed (symmetric letters stay as they are).
Word transpose(const Word& w);
WordSum transpose(const WordSum& p);

/// The canonical representative of tr(w): the least of the rotations of w and of its transpose
/// (tr(XY) = tr(YX), tr X = tr Xᵀ), so that equal traces are collected into one term.
Word canonical_trace_word(const Word& w);
/// tr(p) as a sum of canonical trace words (read every word of the result as a trace).
WordSum trace_of(const WordSum& p);

/// ∂/∂X_symbol of Σ c_w tr(w) (trace words): open words whose values sum to the gradient matrix,
/// by d tr(P X Q) = tr(Q P dX) and d tr(P Xᵀ Q) = tr(Pᵀ Qᵀ dX).
WordSum trace_gradient(const WordSum& traces, int symbol);

/// d/dh p(X_symbol + h X_direction) at h = 0: every occurrence of `symbol` replaced by `direction`
/// in turn (with its transposition), for open and trace words alike.
WordSum directional_derivative(const WordSum& p, int symbol, int direction);

/// For printing words in tests and messages: symbols as s0, s1, …; S as S; ' for a transpose.
std::ostream& operator<<(std::ostream& os, const Word& w);
std::ostream& operator<<(std::ostream& os, const WordSum& p);

}  // namespace ltv
