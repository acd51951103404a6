#include "ltv/expect/words.hpp"

#include <algorithm>
#include <ostream>

namespace ltv {

WordSum WordSum::identity() {
  WordSum out;
  out.add({}, 1);
  return out;
}

WordSum WordSum::letter(Letter l) {
  WordSum out;
  out.add({l}, 1);
  return out;
}

WordSum WordSum::symbol(int symbol) { return letter({symbol, false, false}); }

WordSum WordSum::symmetric_symbol(int symbol) { return letter({symbol, false, true}); }

WordSum WordSum::sample_moment() { return letter({Letter::kS, false, true}); }

int WordSum::degree() const {
  int out = 0;
  for (const auto& [w, c] : terms_)
    out =
        std::max(out, static_cast<int>(std::count_if(w.begin(), w.end(), [](Letter l) { return l.is_S(); })));
  return out;
}

void WordSum::add(const Word& w, std::int64_t coefficient) {
  if (coefficient == 0) return;
  const auto [it, inserted] = terms_.try_emplace(w, coefficient);
  if (!inserted && (it->second += coefficient) == 0) terms_.erase(it);
}

WordSum& WordSum::operator+=(const WordSum& other) {
  for (const auto& [w, c] : other.terms_) add(w, c);
  return *this;
}

WordSum& WordSum::operator-=(const WordSum& other) {
  for (const auto& [w, c] : other.terms_) add(w, -c);
  return *this;
}

WordSum operator*(const WordSum& a, const WordSum& b) {
  WordSum out;
  for (const auto& [u, cu] : a.terms_)
    for (const auto& [v, cv] : b.terms_) {
      Word uv = u;
      uv.insert(uv.end(), v.begin(), v.end());
      out.add(uv, cu * cv);
    }
  return out;
}

WordSum operator*(std::int64_t c, const WordSum& a) {
  WordSum out;
  for (const auto& [w, cw] : a.terms_) out.add(w, c * cw);
  return out;
}

Word transpose(const Word& w) {
  Word out(w.rbegin(), w.rend());
  for (Letter& l : out)
    if (!l.symmetric) l.transposed = !l.transposed;
  return out;
}

WordSum transpose(const WordSum& p) {
  WordSum out;
  for (const auto& [w, c] : p.terms()) out.add(transpose(w), c);
  return out;
}

Word canonical_trace_word(const Word& w) {
  Word best = w;
  for (const Word& candidate : {w, transpose(w)}) {
    Word rotated = candidate;
    for (std::size_t r = 0; r < candidate.size(); ++r) {
      std::rotate(rotated.begin(), rotated.begin() + 1, rotated.end());
      best = std::min(best, rotated);
    }
  }
  return best;
}

WordSum trace_of(const WordSum& p) {
  WordSum out;
  for (const auto& [w, c] : p.terms()) out.add(canonical_trace_word(w), c);
  return out;
}

WordSum trace_gradient(const WordSum& traces, int symbol) {
  WordSum out;
  for (const auto& [w, c] : traces.terms())
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i].symbol != symbol) continue;
      Word rest(w.begin() + static_cast<std::ptrdiff_t>(i) + 1, w.end());  // tr(P X Q) with Q P = rest
      rest.insert(rest.end(), w.begin(), w.begin() + static_cast<std::ptrdiff_t>(i));
      out.add(w[i].transposed ? rest : transpose(rest), c);
    }
  return out;
}

WordSum directional_derivative(const WordSum& p, int symbol, int direction) {
  WordSum out;
  for (const auto& [w, c] : p.terms())
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i].symbol != symbol) continue;
      Word replaced = w;
      replaced[i].symbol = direction;
      out.add(replaced, c);
    }
  return out;
}

std::ostream& operator<<(std::ostream& os, const Word& w) {
  if (w.empty()) return os << "I";
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i > 0) os << ' ';
    if (w[i].is_S())
      os << 'S';
    else
      os << 's' << w[i].symbol << (w[i].transposed ? "'" : "");
  }
  return os;
}

std::ostream& operator<<(std::ostream& os, const WordSum& p) {
  if (p.empty()) return os << "0";
  bool first = true;
  for (const auto& [w, c] : p.terms()) {
    os << (first ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + "));
    if (c != 1 && c != -1) os << (c < 0 ? -c : c) << "·";
    os << w;
    first = false;
  }
  return os;
}

}  // namespace ltv
