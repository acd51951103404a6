#pragma once
// Definitions of one_layer.hpp (included by the per-tier instantiation units only).
#include "ltv/expect/gaussian_cubature.hpp"
#include "ltv/expect/one_layer.hpp"

#include <Eigen/LU>

#include <stdexcept>

namespace ltv {
namespace detail {

/// What the loss and its gradient share at one cubature node w.
template <class T>
struct OneLayerNode {
  Mat<T> gamma;  ///< Γ_w
  Vec<T> u;      ///< Γ_w p
  Vec<T> sw;     ///< Σw
  T trace_a_gamma;
};

template <class T>
struct OneLayerTerms {
  Vec<T> p;  ///< last row of P
  Mat<T> B;  ///< first d columns of Q
  Mat<T> A;  ///< BΣBᵀ
  T c;
};

template <class T>
void validate_one_layer(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem) {
  const auto d = problem.cov.rows();
  if (d < 1 || problem.cov.cols() != d)
    throw std::invalid_argument("one-layer loss: Σ must be square, d >= 1");
  if (problem.n < 1) throw std::invalid_argument("one-layer loss: n must be >= 1");
  if (P.rows() != d + 1 || P.cols() != d + 1 || Q.rows() != d + 1 || Q.cols() != d + 1)
    throw std::invalid_argument("one-layer loss: P and Q must be (d+1)x(d+1)");
}

template <class T>
OneLayerTerms<T> one_layer_terms(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem) {
  validate_one_layer(P, Q, problem);
  const int d = problem.d();
  OneLayerTerms<T> t;
  t.p = P.row(d).transpose();
  t.B = Q.leftCols(d);
  t.A = t.B * problem.cov * t.B.transpose();
  t.c = attention_scale<T>(problem.norm, problem.n);
  return t;
}

template <class T>
OneLayerNode<T> one_layer_node(const Vec<T>& w, const OneLayerTerms<T>& t,
                               const OneLayerProblem<T>& problem) {
  const int d = problem.d();
  OneLayerNode<T> node;
  node.sw = problem.cov * w;
  node.gamma.resize(d + 1, d + 1);
  node.gamma.topLeftCorner(d, d) = problem.cov;
  node.gamma.topRightCorner(d, 1) = node.sw;
  node.gamma.bottomLeftCorner(1, d) = node.sw.transpose();
  node.gamma(d, d) = w.dot(node.sw) + problem.noise_var;
  node.u = node.gamma * t.p;
  node.trace_a_gamma = (t.A.cwiseProduct(node.gamma)).sum();  // tr(AΓ) for symmetric Γ
  return node;
}

}  // namespace detail

template <class T>
T one_layer_loss(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem) {
  const auto t = detail::one_layer_terms(P, Q, problem);
  const T n(problem.n);
  const auto rule = gaussian_degree5_rule<T>(problem.d());
  T loss(0);
  for (std::size_t k = 0; k < rule.nodes.size(); ++k) {
    const Vec<T>& w = rule.nodes[k];
    const auto node = detail::one_layer_node(w, t, problem);
    const T f =
        t.c * t.c * (n * (n + T(1)) * node.u.dot(t.A * node.u) + n * node.trace_a_gamma * t.p.dot(node.u)) +
        T(2) * t.c * n * node.sw.dot(t.B.transpose() * node.u) + w.dot(node.sw);
    loss += rule.weights[k] * f;
  }
  return loss;
}

template <class T>
OneLayerGradient<T> one_layer_gradient(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem) {
  const auto t = detail::one_layer_terms(P, Q, problem);
  const int d = problem.d();
  const T n(problem.n);
  const auto rule = gaussian_degree5_rule<T>(d);
  Vec<T> grad_p = Vec<T>::Zero(d + 1);
  Mat<T> grad_b = Mat<T>::Zero(d + 1, d);
  const Mat<T> b_sigma = t.B * problem.cov;
  for (std::size_t k = 0; k < rule.nodes.size(); ++k) {
    const Vec<T>& w = rule.nodes[k];
    const auto node = detail::one_layer_node(w, t, problem);
    const T& weight = rule.weights[k];
    const T two_c2n = T(2) * t.c * t.c * n;
    grad_p +=
        weight * (two_c2n * (n + T(1)) * (node.gamma * (t.A * node.u)) +
                  two_c2n * node.trace_a_gamma * node.u + T(2) * t.c * n * (node.gamma * (t.B * node.sw)));
    grad_b += weight * (two_c2n * (n + T(1)) * (node.u * (node.u.transpose() * b_sigma)) +
                        two_c2n * t.p.dot(node.u) * (node.gamma * b_sigma) +
                        T(2) * t.c * n * (node.u * node.sw.transpose()));
  }
  OneLayerGradient<T> g{Mat<T>::Zero(d + 1, d + 1), Mat<T>::Zero(d + 1, d + 1)};
  g.P.row(d) = grad_p.transpose();
  g.Q.leftCols(d) = grad_b;
  return g;
}

template <class T>
Vec<T> stack_parameters(const Mat<T>& P, const Mat<T>& Q) {
  Vec<T> theta(P.size() + Q.size());
  theta.head(P.size()) = Eigen::Map<const Vec<T>>(P.data(), P.size());
  theta.tail(Q.size()) = Eigen::Map<const Vec<T>>(Q.data(), Q.size());
  return theta;
}

template <class T>
std::pair<Mat<T>, Mat<T>> unstack_parameters(const Vec<T>& theta, int d) {
  const Eigen::Index m = static_cast<Eigen::Index>(d + 1) * (d + 1);
  if (theta.size() != 2 * m) throw std::invalid_argument("unstack_parameters: wrong length");
  return {Eigen::Map<const Mat<T>>(theta.data(), d + 1, d + 1),
          Eigen::Map<const Mat<T>>(theta.data() + m, d + 1, d + 1)};
}

template <class T>
Mat<T> one_layer_hessian(const Mat<T>& P, const Mat<T>& Q, const OneLayerProblem<T>& problem) {
  const int d = problem.d();
  const Vec<T> theta = stack_parameters(P, Q);
  const auto gradient_at = [&](const Vec<T>& th) {
    const auto [p, q] = unstack_parameters(th, d);
    const auto g = one_layer_gradient(p, q, problem);
    return stack_parameters(g.P, g.Q);
  };
  // D(h) = (g(θ + h e_k) - g(θ - h e_k)) / 2h = g'e_k + (h²/6) g'''[e_k]³ exactly for a cubic g.
  const auto central = [&](Eigen::Index k, const T& h) {
    Vec<T> plus = theta, minus = theta;
    plus[k] += h;
    minus[k] -= h;
    return Vec<T>((gradient_at(plus) - gradient_at(minus)) / (T(2) * h));
  };
  Mat<T> H(theta.size(), theta.size());
  for (Eigen::Index k = 0; k < theta.size(); ++k)
    H.col(k) = (T(4) * central(k, T(1)) - central(k, T(2))) / T(3);
  return H;
}

template <class T>
std::pair<Mat<T>, Mat<T>> a23_one_layer_optimum(const Mat<T>& cov, const T& shift, int n) {
  const auto d = cov.rows();
  const T nn(n);
  const Mat<T> K = (nn + T(1)) / nn * cov + shift / nn * Mat<T>::Identity(d, d);
  const Eigen::FullPivLU<Mat<T>> lu(K);
  if (!lu.isInvertible()) throw std::domain_error("a23_one_layer_optimum: (n+1)/n Σ + shift/n I is singular");
  Mat<T> P = Mat<T>::Zero(d + 1, d + 1), Q = Mat<T>::Zero(d + 1, d + 1);
  P(d, d) = T(1);
  Q.topLeftCorner(d, d) = -lu.inverse();
  return {P, Q};
}

}  // namespace ltv
