#pragma once
// Second-order jets of d×d matrix expressions at a point of the family S, in whitened
// coordinates (docs/wishart_engine.md). At such a point every parameter matrix is a multiple of
// I, so every matrix of the layer recursion is a polynomial in the one sample moment S; moving the
// parameters to θ + εΔ inserts the direction matrices Δ_p (or their transposes) between powers
// of S. A jet keeps the terms up to ε²:
//   order 0   Σ_a       c_a   S^a
//   order 1   Σ_{a,b}   c_ab  S^a X S^b           per label X (a parameter p, transposed or not)
//   order 2   Σ_{a,b,c} c_abc S^a X S^b Y S^c     per ordered pair of labels (X, Y)
// Products, sums and transposes are exact in any tier. Expectations of traces of jets need only
// invariant Wishart moments (wishart_engine.hpp).
//
// A CommutingJet is the same object when every direction is a multiple of I (Δ_p = δ_p I): the
// insertions then commute with S and a jet is a polynomial in S whose coefficients are
// second-order Taylor expansions in the scalars δ — the loss on S with its gradient and Hessian
// in the scalars, at a fraction of the cost.
#include <cstddef>
#include <map>
#include <utility>
#include <vector>

namespace ltv {

/// A label: parameter p, as Δ_p (transposed = false) or Δ_pᵀ.
struct JetLabel {
  int parameter = 0;
  bool transposed = false;
  int code() const { return 2 * parameter + (transposed ? 1 : 0); }
  static JetLabel of(int code) { return {code / 2, code % 2 == 1}; }
  JetLabel flipped() const { return {parameter, !transposed}; }
};

/// A dense polynomial in up to three exponents, c(i, j, k) with extents (ni, nj, nk).
template <class T>
class DensePoly {
 public:
  DensePoly() = default;
  DensePoly(int ni, int nj, int nk) : ni_(ni), nj_(nj), nk_(nk), c_(static_cast<std::size_t>(ni * nj * nk), T(0)) {}
  int ni() const { return ni_; }
  int nj() const { return nj_; }
  int nk() const { return nk_; }
  bool empty() const { return c_.empty(); }
  T& operator()(int i, int j = 0, int k = 0) { return c_[index(i, j, k)]; }
  const T& operator()(int i, int j = 0, int k = 0) const { return c_[index(i, j, k)]; }
  /// Grows the extents (new coefficients are 0).
  void reserve(int ni, int nj, int nk) {
    if (ni <= ni_ && nj <= nj_ && nk <= nk_) return;
    DensePoly grown(std::max(ni, ni_), std::max(nj, nj_), std::max(nk, nk_));
    for (int i = 0; i < ni_; ++i)
      for (int j = 0; j < nj_; ++j)
        for (int k = 0; k < nk_; ++k) grown(i, j, k) = (*this)(i, j, k);
    *this = std::move(grown);
  }

 private:
  std::size_t index(int i, int j, int k) const {
    return static_cast<std::size_t>((i * nj_ + j) * nk_ + k);
  }
  int ni_ = 0, nj_ = 0, nk_ = 0;
  std::vector<T> c_;
};

template <class T>
struct MatrixJet {
  DensePoly<T> zero;                                 ///< c_a: (a, 0, 0)
  std::map<int, DensePoly<T>> first;                 ///< label code -> c_ab: (a, b, 0)
  std::map<std::pair<int, int>, DensePoly<T>> second;  ///< (label, label) -> c_abc
  bool with_second = true;                           ///< false: order 2 is not tracked

  static MatrixJet constant(const T& c, bool with_second) {
    MatrixJet j;
    j.with_second = with_second;
    j.zero = DensePoly<T>(1, 1, 1);
    j.zero(0) = c;
    return j;
  }
  /// The whitened sample moment S.
  static MatrixJet moment(bool with_second) {
    MatrixJet j = constant(T(0), with_second);
    j.zero.reserve(2, 1, 1);
    j.zero(1) = T(1);
    return j;
  }
  /// value · I + εΔ_p.
  static MatrixJet parameter(int p, const T& value, bool with_second) {
    MatrixJet j = constant(value, with_second);
    DensePoly<T> one(1, 1, 1);
    one(0, 0) = T(1);
    j.first.emplace(JetLabel{p, false}.code(), std::move(one));
    return j;
  }
};

namespace jet_detail {

/// dst(i + si, j + sj, k + sk) += x(i, j, k) · y(...) for the shapes of the three products.
template <class T>
void add_shifted(DensePoly<T>& dst, const DensePoly<T>& x, const T& scale, int si, int sj, int sk) {
  if (x.empty()) return;
  dst.reserve(x.ni() + si, x.nj() + sj, x.nk() + sk);
  for (int i = 0; i < x.ni(); ++i)
    for (int j = 0; j < x.nj(); ++j)
      for (int k = 0; k < x.nk(); ++k)
        if (x(i, j, k) != 0) dst(i + si, j + sj, k + sk) += scale * x(i, j, k);
}

/// Univariate u (on the left or right) times a polynomial with an insertion.
template <class T>
void add_left(DensePoly<T>& dst, const DensePoly<T>& u, const DensePoly<T>& x) {
  for (int a = 0; a < u.ni(); ++a)
    if (u(a) != 0) add_shifted(dst, x, u(a), a, 0, 0);
}
template <class T>
void add_right(DensePoly<T>& dst, const DensePoly<T>& x, const DensePoly<T>& u, bool second_order) {
  for (int a = 0; a < u.ni(); ++a)
    if (u(a) != 0) {
      if (second_order)
        add_shifted(dst, x, u(a), 0, 0, a);
      else
        add_shifted(dst, x, u(a), 0, a, 0);
    }
}

/// (Σ x_ab S^a X S^b)(Σ y_ce S^c Y S^e) = Σ x_ab y_ce S^a X S^{b+c} Y S^e.
template <class T>
void add_pair(DensePoly<T>& dst, const DensePoly<T>& x, const DensePoly<T>& y) {
  if (x.empty() || y.empty()) return;
  dst.reserve(x.ni(), x.nj() + y.ni() - 1, y.nj());
  for (int a = 0; a < x.ni(); ++a)
    for (int b = 0; b < x.nj(); ++b) {
      const T& xab = x(a, b);
      if (xab == 0) continue;
      for (int c = 0; c < y.ni(); ++c)
        for (int e = 0; e < y.nj(); ++e)
          if (y(c, e) != 0) dst(a, b + c, e) += xab * y(c, e);
    }
}

}  // namespace jet_detail

template <class T>
MatrixJet<T> operator*(const MatrixJet<T>& x, const MatrixJet<T>& y) {
  using namespace jet_detail;
  MatrixJet<T> out;
  out.with_second = x.with_second && y.with_second;
  out.zero = DensePoly<T>(1, 1, 1);
  add_left(out.zero, x.zero, y.zero);
  for (const auto& [label, p] : y.first) add_left(out.first[label], x.zero, p);
  for (const auto& [label, p] : x.first) add_right(out.first[label], p, y.zero, false);
  if (!out.with_second) return out;
  for (const auto& [labels, p] : y.second) add_left(out.second[labels], x.zero, p);
  for (const auto& [labels, p] : x.second) add_right(out.second[labels], p, y.zero, true);
  for (const auto& [lx, px] : x.first)
    for (const auto& [ly, py] : y.first) add_pair(out.second[{lx, ly}], px, py);
  return out;
}

template <class T>
MatrixJet<T> operator+(MatrixJet<T> x, const MatrixJet<T>& y) {
  using jet_detail::add_shifted;
  const T one(1);
  add_shifted(x.zero, y.zero, one, 0, 0, 0);
  for (const auto& [label, p] : y.first) add_shifted(x.first[label], p, one, 0, 0, 0);
  x.with_second = x.with_second && y.with_second;
  if (x.with_second)
    for (const auto& [labels, p] : y.second) add_shifted(x.second[labels], p, one, 0, 0, 0);
  return x;
}

template <class T>
MatrixJet<T> operator-(const MatrixJet<T>& x) {
  MatrixJet<T> out = MatrixJet<T>::constant(T(0), x.with_second);
  const T minus(-1);
  using jet_detail::add_shifted;
  add_shifted(out.zero, x.zero, minus, 0, 0, 0);
  for (const auto& [label, p] : x.first) add_shifted(out.first[label], p, minus, 0, 0, 0);
  for (const auto& [labels, p] : x.second) add_shifted(out.second[labels], p, minus, 0, 0, 0);
  return out;
}

/// (S^a X S^b)ᵀ = S^b Xᵀ S^a and (S^a X S^b Y S^c)ᵀ = S^c Yᵀ S^b Xᵀ S^a.
template <class T>
MatrixJet<T> transpose(const MatrixJet<T>& x) {
  MatrixJet<T> out;
  out.with_second = x.with_second;
  out.zero = x.zero;
  for (const auto& [label, p] : x.first) {
    DensePoly<T> t(p.nj(), p.ni(), 1);
    for (int a = 0; a < p.ni(); ++a)
      for (int b = 0; b < p.nj(); ++b) t(b, a) = p(a, b);
    out.first.emplace(JetLabel::of(label).flipped().code(), std::move(t));
  }
  for (const auto& [labels, p] : x.second) {
    DensePoly<T> t(p.nk(), p.nj(), p.ni());
    for (int a = 0; a < p.ni(); ++a)
      for (int b = 0; b < p.nj(); ++b)
        for (int c = 0; c < p.nk(); ++c) t(c, b, a) = p(a, b, c);
    out.second.emplace(std::pair{JetLabel::of(labels.second).flipped().code(),
                                 JetLabel::of(labels.first).flipped().code()},
                       std::move(t));
  }
  return out;
}

/// A polynomial in S whose coefficients are second-order Taylor expansions in P scalars:
/// value[a], gradient[a][p] and hessian[a][p·P + q] (the second derivative, symmetric).
template <class T>
struct CommutingJet {
  int scalars = 0;
  std::vector<T> value;
  std::vector<std::vector<T>> gradient, hessian;

  static CommutingJet constant(const T& c, int scalars) {
    CommutingJet j;
    j.scalars = scalars;
    j.value = {c};
    j.gradient = {std::vector<T>(static_cast<std::size_t>(scalars), T(0))};
    j.hessian = {std::vector<T>(static_cast<std::size_t>(scalars * scalars), T(0))};
    return j;
  }
  static CommutingJet moment(int scalars) {
    CommutingJet j = constant(T(0), scalars);
    j.grow(2);
    j.value[1] = T(1);
    return j;
  }
  static CommutingJet parameter(int p, const T& value, int scalars) {
    CommutingJet j = constant(value, scalars);
    j.gradient[0][static_cast<std::size_t>(p)] = T(1);
    return j;
  }
  int size() const { return static_cast<int>(value.size()); }
  void grow(int n) {
    while (size() < n) {
      value.emplace_back(0);
      gradient.emplace_back(static_cast<std::size_t>(scalars), T(0));
      hessian.emplace_back(static_cast<std::size_t>(scalars * scalars), T(0));
    }
  }
};

template <class T>
CommutingJet<T> operator*(const CommutingJet<T>& x, const CommutingJet<T>& y) {
  const auto P = static_cast<std::size_t>(x.scalars);
  CommutingJet<T> out = CommutingJet<T>::constant(T(0), x.scalars);
  out.grow(x.size() + y.size() - 1);
  for (std::size_t a = 0; a < x.value.size(); ++a)
    for (std::size_t b = 0; b < y.value.size(); ++b) {
      const std::size_t c = a + b;
      const T &xv = x.value[a], &yv = y.value[b];
      const auto &xg = x.gradient[a], &yg = y.gradient[b], &xh = x.hessian[a], &yh = y.hessian[b];
      auto &og = out.gradient[c], &oh = out.hessian[c];
      out.value[c] += xv * yv;
      for (std::size_t p = 0; p < P; ++p) {
        og[p] += xv * yg[p] + xg[p] * yv;
        for (std::size_t q = p; q < P; ++q)  // the upper triangle; mirrored below
          oh[p * P + q] += xv * yh[p * P + q] + xh[p * P + q] * yv + xg[p] * yg[q] + xg[q] * yg[p];
      }
    }
  for (auto& h : out.hessian)
    for (std::size_t p = 0; p < P; ++p)
      for (std::size_t q = p + 1; q < P; ++q) h[q * P + p] = h[p * P + q];
  return out;
}

template <class T>
CommutingJet<T> operator+(CommutingJet<T> x, const CommutingJet<T>& y) {
  x.grow(y.size());
  for (std::size_t a = 0; a < y.value.size(); ++a) {
    x.value[a] += y.value[a];
    for (std::size_t p = 0; p < y.gradient[a].size(); ++p) x.gradient[a][p] += y.gradient[a][p];
    for (std::size_t p = 0; p < y.hessian[a].size(); ++p) x.hessian[a][p] += y.hessian[a][p];
  }
  return x;
}

template <class T>
CommutingJet<T> operator-(CommutingJet<T> x) {
  for (auto& v : x.value) v = -v;
  for (auto& g : x.gradient)
    for (auto& v : g) v = -v;
  for (auto& h : x.hessian)
    for (auto& v : h) v = -v;
  return x;
}

template <class T>
CommutingJet<T> transpose(const CommutingJet<T>& x) {
  return x;
}

}  // namespace ltv
