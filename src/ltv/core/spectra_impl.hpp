#pragma once
// Definitions of spectra.hpp (included by the per-tier instantiation units only).
#include "ltv/core/spectra.hpp"

#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace ltv {

template <class T>
Mat<T> householder_orthogonal(const Eigen::MatrixXd& vectors) {
  if (vectors.rows() < 1)
    throw std::invalid_argument("householder_orthogonal: the vectors must have at least one row");
  const Eigen::Index d = vectors.rows();
  Mat<T> U = Mat<T>::Identity(d, d);
  for (Eigen::Index j = 0; j < vectors.cols(); ++j) {
    if (!vectors.col(j).allFinite() || vectors.col(j).isZero(0))
      throw std::invalid_argument("householder_orthogonal: vector " + std::to_string(j) +
                                  " is zero or not finite, so it defines no reflection");
    const Vec<T> v = convert_vector<T>(Eigen::VectorXd(vectors.col(j)));
    const Vec<T> scaled = v * (T(2) / v.squaredNorm());
    const Vec<T> Uv = U * v;
    U.noalias() -= Uv * scaled.transpose();  // U·H_j = U − (U v)(2 v / vᵀv)ᵀ
  }
  return U;
}

template <class T>
Mat<T> with_spectrum(const Vec<T>& eigenvalues, const Mat<T>& U) {
  if (U.rows() != U.cols() || U.rows() != eigenvalues.size())
    throw std::invalid_argument("with_spectrum: U must be square with one row per eigenvalue, got " +
                                std::to_string(U.rows()) + "×" + std::to_string(U.cols()) + " for " +
                                std::to_string(eigenvalues.size()) + " eigenvalues");
  const Mat<T> product = U * eigenvalues.asDiagonal() * U.transpose();
  return product.template selfadjointView<Eigen::Lower>();
}

template <class T>
Vec<T> geometric_spectrum(int d, const T& mu, const T& kappa) {
  if (d < 1) throw std::invalid_argument("geometric_spectrum: d must be >= 1, got " + std::to_string(d));
  if (!(mu > 0)) throw std::invalid_argument("geometric_spectrum: mu must be > 0");
  if (!(kappa >= 1)) throw std::invalid_argument("geometric_spectrum: kappa must be >= 1");
  Vec<T> e(d);
  e(0) = mu;
  for (int k = 1; k + 1 < d; ++k) e(k) = mu * detail::fractional_power(kappa, k, d - 1);
  if (d > 1) e(d - 1) = mu * kappa;
  return e;
}

template <class T>
Vec<T> uniform_spectrum(int d, const T& lo, const T& hi, Rng& rng) {
  if (d < 1) throw std::invalid_argument("uniform_spectrum: d must be >= 1, got " + std::to_string(d));
  const double lo_d = convert<double>(lo);
  const double hi_d = convert<double>(hi);
  if (!std::isfinite(lo_d) || !std::isfinite(hi_d) || !(lo_d < hi_d))
    throw std::invalid_argument("uniform_spectrum: needs finite lo < hi");
  if (convert<T>(lo_d) != lo || convert<T>(hi_d) != hi)
    throw std::invalid_argument(
        "uniform_spectrum: lo and hi must be exactly representable in double, so that every tier "
        "draws the same numbers");
  boost::random::uniform_real_distribution<double> uniform(lo_d, hi_d);
  Vec<T> e(d);
  for (int k = 0; k < d; ++k) e(k) = convert<T>(uniform(rng));
  return e;
}

}  // namespace ltv
