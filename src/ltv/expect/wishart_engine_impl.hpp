#pragma once
// Definitions of wishart_engine.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/direction_jets.hpp"
#include "ltv/expect/wishart_engine.hpp"
#include "ltv/scalar/convert.hpp"

#include <Eigen/LU>

#include <stdexcept>
#include <string>

namespace ltv {
namespace detail {

/// M̃ = −(I + V_L) from the recursion of layer_polynomial.hpp in whitened coordinates, for any jet
/// type; `make` builds the constants, S and the parameters at the point.
template <class Jet, class Make>
Jet family_error_jet(LayerFamily family, int layers, const Make& make) {
  const bool relaxed = family == LayerFamily::Relaxed;
  const Jet I = make.constant(1), S = make.moment();
  Jet T = I, U = I, V = make.constant(0);
  for (int l = 0; l < layers; ++l) {
    const Jet A = relaxed ? make.parameter(l) : Jet(-make.parameter(l));  // SPARSE: Q = −diag(A, 0)
    const Jet K = relaxed ? Jet(S * transpose(T) * A * T) : Jet(S * A);
    const Jet UK = U * K;
    V = V + UK;
    if (l + 1 == layers) break;  // the last layer's U and T never reach the prediction
    U = U + UK;
    if (relaxed) T = T + make.parameter(layers + l) * T * K;
  }
  return -(I + V);
}

template <class T>
struct MatrixJetMaker {
  const Vec<T>& v;
  bool with_second;
  MatrixJet<T> constant(int c) const { return MatrixJet<T>::constant(T(c), with_second); }
  MatrixJet<T> moment() const { return MatrixJet<T>::moment(with_second); }
  MatrixJet<T> parameter(int p) const { return MatrixJet<T>::parameter(p, v[p], with_second); }
};

template <class T>
struct CommutingJetMaker {
  const Vec<T>& v;
  int scalars;  // 0: values only
  CommutingJet<T> constant(int c) const { return CommutingJet<T>::constant(T(c), scalars); }
  CommutingJet<T> moment() const { return CommutingJet<T>::moment(scalars); }
  CommutingJet<T> parameter(int p) const {
    return scalars == 0 ? CommutingJet<T>::constant(v[p], 0) : CommutingJet<T>::parameter(p, v[p], scalars);
  }
};

/// Σ_k c_k E tr S^k.
template <class T>
T expect_power_sum(const std::vector<T>& c, const InvariantMoments<T>& m) {
  T total = 0;
  for (std::size_t k = 0; k < c.size(); ++k)
    if (c[k] != 0) total += c[k] * m.trace[k];
  return total;
}

}  // namespace detail

template <class T>
InvariantMoments<T> invariant_moments(int n, int d, int degree) {
  if (degree < 0) throw std::invalid_argument("invariant moments: negative degree");
  WishartMoments exact(n, d);  // checks n, d
  InvariantMoments<T> m;
  m.n = n;
  m.d = d;
  const int top = 2 * degree;
  for (int k = 0; k <= top; ++k) m.trace.push_back(convert<T>(exact.trace(k)));
  const Rational D(d), det = D * D * (D + 2) * (D - 1);
  m.alpha.resize(static_cast<std::size_t>(top + 1));
  m.beta.resize(static_cast<std::size_t>(top + 1));
  for (int u = 0; u <= top; ++u)
    for (int b = 0; u + b <= top; ++b) {
      // E tr S^u tr S^b = α d² + 2β d and E tr S^{u+b} = α d + β (d² + d); for d = 1 only α + 2β
      // is determined (and needed), taken as α.
      const Rational pair = exact.trace_pair(u, b), joined = exact.trace(u + b);
      const Rational alpha = d == 1 ? pair : (pair * (D * D + D) - 2 * D * joined) / det;
      const Rational beta = d == 1 ? Rational(0) : (D * D * joined - D * pair) / det;
      m.alpha[static_cast<std::size_t>(u)].push_back(convert<T>(alpha));
      m.beta[static_cast<std::size_t>(u)].push_back(convert<T>(beta));
    }
  return m;
}

template <class T>
WishartEngine<T>::WishartEngine(LayerFamily family, int layers, int n, int d)
    : family_(family), layers_(layers) {
  if (layers < 1) throw std::invalid_argument("the Wishart engine needs layers >= 1");
  moments_ = invariant_moments<T>(n, d, family_error_degree(family, layers));
}

template <class T>
void WishartEngine<T>::check(const Vec<T>& v) const {
  if (v.size() != scalars())
    throw std::invalid_argument("the Wishart engine needs " + std::to_string(scalars()) + " scalars, got " +
                                std::to_string(v.size()));
}

template <class T>
T WishartEngine<T>::loss(const Vec<T>& v) const {
  check(v);
  const auto M = detail::family_error_jet<CommutingJet<T>>(family_, layers_, detail::CommutingJetMaker<T>{v, 0});
  return detail::expect_power_sum((M * M).value, moments_);
}

template <class T>
ScalarLoss<T> WishartEngine<T>::scalar_loss(const Vec<T>& v) const {
  check(v);
  const int P = scalars();
  // b_{L−1} never enters the recursion (RELAXED): its derivatives are 0 and are not tracked.
  const int tracked = family_ == LayerFamily::Relaxed ? P - 1 : P;
  const auto M = detail::family_error_jet<CommutingJet<T>>(family_, layers_, detail::CommutingJetMaker<T>{v, tracked});
  const CommutingJet<T> Q = M * M;
  ScalarLoss<T> out{detail::expect_power_sum(Q.value, moments_), Vec<T>::Zero(P), Mat<T>::Zero(P, P)};
  for (std::size_t a = 0; a < Q.value.size(); ++a) {
    const T& m = moments_.trace[a];
    for (int p = 0; p < tracked; ++p) {
      out.gradient[p] += Q.gradient[a][static_cast<std::size_t>(p)] * m;
      for (int q = 0; q < tracked; ++q)
        out.hessian(p, q) += Q.hessian[a][static_cast<std::size_t>(p * tracked + q)] * m;
    }
  }
  return out;
}

template <class T>
InvariantDerivatives<T> WishartEngine<T>::derivatives(const Vec<T>& v, bool with_hessian) const {
  check(v);
  const int P = scalars(), d = moments_.d;
  const auto M = detail::family_error_jet<MatrixJet<T>>(family_, layers_, detail::MatrixJetMaker<T>{v, with_hessian});
  const MatrixJet<T> Q = transpose(M) * M;

  InvariantDerivatives<T> out;
  out.d = d;
  std::vector<T> zero;
  for (int a = 0; a < Q.zero.ni(); ++a) zero.push_back(Q.zero(a));
  out.loss = detail::expect_power_sum(zero, moments_);
  // E tr(S^a X S^b) = (E tr S^{a+b} / d) tr X, and tr Xᵀ = tr X.
  out.gradient = Vec<T>::Zero(P);
  for (const auto& [label, c] : Q.first)
    for (int a = 0; a < c.ni(); ++a)
      for (int b = 0; b < c.nj(); ++b)
        if (c(a, b) != 0) out.gradient[JetLabel::of(label).parameter] += c(a, b) * moments_.trace[static_cast<std::size_t>(a + b)];
  out.gradient /= T(d);
  if (!with_hessian) return out;

  // E tr(S^a X S^b Y S^c) = α tr(XY) + β (tr(XYᵀ) + tr X tr Y) with (u, b) = (a + c, b); X, Y are
  // Δ_p or Δ_pᵀ: tr(XY) is tr(Δ_p Δ_q) when both or neither are transposed, else tr(Δ_p Δ_qᵀ).
  Mat<T> kP = Mat<T>::Zero(P, P), kT = Mat<T>::Zero(P, P), kR = Mat<T>::Zero(P, P);
  for (const auto& [labels, c] : Q.second) {
    const JetLabel X = JetLabel::of(labels.first), Y = JetLabel::of(labels.second);
    const bool same = X.transposed == Y.transposed;
    T alpha = 0, beta = 0;
    for (int a = 0; a < c.ni(); ++a)
      for (int b = 0; b < c.nj(); ++b)
        for (int e = 0; e < c.nk(); ++e)
          if (c(a, b, e) != 0) {
            alpha += c(a, b, e) * moments_.alpha[static_cast<std::size_t>(a + e)][static_cast<std::size_t>(b)];
            beta += c(a, b, e) * moments_.beta[static_cast<std::size_t>(a + e)][static_cast<std::size_t>(b)];
          }
    kP(X.parameter, Y.parameter) += same ? alpha : beta;
    kT(X.parameter, Y.parameter) += same ? beta : alpha;
    kR(X.parameter, Y.parameter) += beta;
  }
  // The ε² coefficient is ½ H(Δ, Δ): the symmetric forms are k + kᵀ.
  out.product = kP + kP.transpose();
  out.transpose = kT + kT.transpose();
  out.trace = kR + kR.transpose();
  return out;
}

namespace detail {

template <class T>
Mat<T> kronecker(const Mat<T>& x, const Mat<T>& y) {
  Mat<T> out(x.rows() * y.rows(), x.cols() * y.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j) out.block(i * y.rows(), j * y.cols(), y.rows(), y.cols()) = x(i, j) * y;
  return out;
}

/// The whitening map of parameter p on column-major vec: vec Ã = (Cᵀ ⊗ Cᵀ) vec A, vec B̃ = (Cᵀ ⊗ C⁻¹) vec B.
template <class T>
Mat<T> whitening_map(int p, int layers, const Mat<T>& C) {
  return p < layers ? kronecker<T>(C.transpose(), C.transpose()) : kronecker<T>(C.transpose(), C.inverse());
}

}  // namespace detail

template <class T>
Mat<T> original_hessian(const InvariantDerivatives<T>& h, LayerFamily family, int layers, const Mat<T>& C) {
  const int P = family_scalar_count(family, layers), d = h.d, d2 = d * d;
  if (C.rows() != d || C.cols() != d) throw std::invalid_argument("original_hessian: C must be d×d");
  if (h.product.rows() != P) throw std::invalid_argument("original_hessian: no Hessian in the derivatives");
  // The whitened form on the entry basis: tr(E_ij E_kl) = δ_jk δ_il, tr(E_ij E_klᵀ) = δ_ik δ_jl,
  // tr E_ij tr E_kl = δ_ij δ_kl; entry (i, j) of parameter p sits at p d² + j d + i.
  Mat<T> white = Mat<T>::Zero(P * d2, P * d2), J = Mat<T>::Zero(P * d2, P * d2);
  for (int p = 0; p < P; ++p) {
    J.block(p * d2, p * d2, d2, d2) = detail::whitening_map(p, layers, C);
    for (int q = 0; q < P; ++q)
      for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j) {
          const int row = p * d2 + j * d + i;
          white(row, q * d2 + i * d + j) += h.product(p, q);  // (k, l) = (j, i)
          white(row, q * d2 + j * d + i) += h.transpose(p, q);
          if (i == j)
            for (int k = 0; k < d; ++k) white(row, q * d2 + k * d + k) += h.trace(p, q);
        }
  }
  return J.transpose() * white * J;
}

template <class T>
std::vector<Mat<T>> original_gradient(const InvariantDerivatives<T>& h, LayerFamily family, int layers,
                                      const Mat<T>& C) {
  const int P = family_scalar_count(family, layers);
  const Mat<T> A = C * C.transpose(), B = Mat<T>(C.inverse()).transpose() * C.transpose();
  std::vector<Mat<T>> out;
  for (int p = 0; p < P; ++p) out.push_back(h.gradient[p] * (p < layers ? A : B));
  return out;
}

template <class T>
std::vector<Mat<T>> original_hessian_blocks(const InvariantDerivatives<T>& h, LayerFamily family, int layers,
                                            const Vec<T>& c) {
  const int P = family_scalar_count(family, layers), d = h.d;
  if (c.size() != d) throw std::invalid_argument("original_hessian_blocks: c must have d entries");
  if (h.product.rows() != P) throw std::invalid_argument("original_hessian_blocks: no Hessian in the derivatives");
  // Entry (i, j) of parameter p is entry (i, j) of the whitened one times c_i c_j (A) or c_j / c_i (B).
  const auto scale = [&](int p, int i, int j) { return p < layers ? T(c[i] * c[j]) : T(c[j] / c[i]); };
  std::vector<Mat<T>> blocks;
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) {
      Mat<T> b(2 * P, 2 * P);
      for (int p = 0; p < P; ++p)
        for (int q = 0; q < P; ++q) {
          b(p, q) = scale(p, i, j) * scale(q, i, j) * h.transpose(p, q);
          b(P + p, P + q) = scale(p, j, i) * scale(q, j, i) * h.transpose(p, q);
          b(p, P + q) = scale(p, i, j) * scale(q, j, i) * h.product(p, q);
          b(P + q, p) = b(p, P + q);
        }
      blocks.push_back(std::move(b));
    }
  Mat<T> diagonal(P * d, P * d);
  for (int p = 0; p < P; ++p)
    for (int q = 0; q < P; ++q)
      for (int i = 0; i < d; ++i)
        for (int k = 0; k < d; ++k)
          diagonal(p * d + i, q * d + k) =
              scale(p, i, i) * scale(q, k, k) * (h.trace(p, q) + (i == k ? T(h.product(p, q) + h.transpose(p, q)) : T(0)));
  blocks.push_back(std::move(diagonal));
  return blocks;
}

}  // namespace ltv
