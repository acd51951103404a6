#include "ltv/expect/one_layer_certificate.hpp"

#include "ltv/expect/gaussian_cubature.hpp"

#include <stdexcept>

namespace ltv {

std::vector<std::pair<int, int>> symmetric_pairs(int d) {
  std::vector<std::pair<int, int>> pairs;
  for (int a = 0; a <= d; ++a)
    for (int b = a; b <= d; ++b) pairs.emplace_back(a, b);
  return pairs;
}

Mat<Rational> prediction_tensor(const std::vector<Head<Rational>>& heads) {
  if (heads.empty()) throw std::invalid_argument("prediction tensor: a model needs at least one head");
  const auto d = heads.front().P.rows() - 1;
  if (d < 1) throw std::invalid_argument("prediction tensor: heads must be (d+1)x(d+1) with d >= 1");
  for (const auto& h : heads)
    if (h.P.rows() != d + 1 || h.P.cols() != d + 1 || h.Q.rows() != d + 1 || h.Q.cols() != d + 1)
      throw std::invalid_argument("prediction tensor: every head's P and Q must be (d+1)x(d+1)");
  const auto pairs = symmetric_pairs(static_cast<int>(d));
  Mat<Rational> M = Mat<Rational>::Zero(static_cast<Eigen::Index>(pairs.size()), d);
  for (const auto& h : heads) {
    const Vec<Rational> p = h.P.row(d).transpose();
    const Mat<Rational> B = h.Q.leftCols(d);
    for (std::size_t s = 0; s < pairs.size(); ++s) {
      const auto [a, b] = pairs[s];
      const auto row = static_cast<Eigen::Index>(s);
      M.row(row) += p[a] * B.row(b);
      if (a != b) M.row(row) += p[b] * B.row(a);
    }
  }
  return M;
}

Rational OneLayerQuadratic::loss(const Mat<Rational>& M) const {
  const Mat<Rational> M_cov = M * cov;
  return c * c * (M.transpose() * gram * M_cov).trace() + Rational(2) * c * (M.transpose() * cross * cov).trace() +
         constant;
}

Mat<Rational> OneLayerQuadratic::residual(const Mat<Rational>& M) const {
  if (M.rows() != gram.rows() || M.cols() != cov.rows())
    throw std::invalid_argument("one-layer certificate: M must be S×d, S = (d+1)(d+2)/2");
  return c * gram * M + cross;
}

OneLayerQuadratic one_layer_quadratic(const OneLayerProblem<Rational>& problem) {
  const auto d = problem.cov.rows();
  if (d < 1 || problem.cov.cols() != d) throw std::invalid_argument("one-layer certificate: Σ must be square, d >= 1");
  if (problem.n < 1) throw std::invalid_argument("one-layer certificate: n must be >= 1");
  if (problem.noise_var < 0) throw std::invalid_argument("one-layer certificate: the noise variance must be >= 0");
  const auto pairs = symmetric_pairs(static_cast<int>(d));
  const auto S = static_cast<Eigen::Index>(pairs.size());
  const Rational n(problem.n);

  OneLayerQuadratic q;
  q.cov = problem.cov;
  q.c = attention_scale<Rational>(problem.norm, problem.n);
  q.gram = Mat<Rational>::Zero(S, S);
  q.cross = Mat<Rational>::Zero(S, d);
  q.constant = problem.cov.trace();  // E[wᵀΣw] for w ~ N(0, I)

  const auto rule = gaussian_degree5_rule<Rational>(static_cast<int>(d));
  Mat<Rational> gamma(d + 1, d + 1);
  gamma.topLeftCorner(d, d) = problem.cov;
  for (std::size_t k = 0; k < rule.nodes.size(); ++k) {
    const Vec<Rational>& w = rule.nodes[k];
    const Vec<Rational> sw = problem.cov * w;
    gamma.topRightCorner(d, 1) = sw;
    gamma.bottomLeftCorner(1, d) = sw.transpose();
    gamma(d, d) = w.dot(sw) + problem.noise_var;
    const Rational& weight = rule.weights[k];
    for (Eigen::Index s = 0; s < S; ++s) {
      const auto [a, b] = pairs[static_cast<std::size_t>(s)];
      const Rational mean_s = n * gamma(a, b);
      q.cross.row(s) += (weight * mean_s) * w.transpose();
      for (Eigen::Index t = s; t < S; ++t) {
        const auto [a2, b2] = pairs[static_cast<std::size_t>(t)];
        const Rational second = mean_s * n * gamma(a2, b2) +
                                n * (gamma(a, a2) * gamma(b, b2) + gamma(a, b2) * gamma(b, a2));
        q.gram(s, t) += weight * second;
      }
    }
  }
  for (Eigen::Index s = 0; s < S; ++s)
    for (Eigen::Index t = 0; t < s; ++t) q.gram(s, t) = q.gram(t, s);
  return q;
}

OneLayerCertificate certify_one_layer_minimiser(const OneLayerQuadratic& quadratic, const Mat<Rational>& M) {
  OneLayerCertificate cert;
  cert.rows = static_cast<int>(quadratic.gram.rows());
  cert.hessian = ldlt_certificate(quadratic.gram);
  cert.stationary = quadratic.residual(M).isZero(0);
  cert.loss = quadratic.loss(M);
  return cert;
}

}  // namespace ltv
