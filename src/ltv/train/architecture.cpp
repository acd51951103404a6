// Parameter families as maps θ -> (P, Q) and their adjoints (architecture.hpp).
#include "ltv/train/architecture.hpp"

#include "ltv/core/random.hpp"
#include "ltv/model/families.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ltv {
namespace {

constexpr int kMaxLayers = 1000;
constexpr int kMaxHeads = 1000;
constexpr int kMaxTrainDimension = 1000;

using MatD = Eigen::MatrixXd;

/// One head's (P, Q) from its parameters θ_h (a segment of θ).
Head<double> head_of(const Architecture& a, const double* p) {
  const int d = a.d, D = d + 1;
  switch (a.family) {
    case Family::Full:
      return {Eigen::Map<const MatD>(p, D, D), Eigen::Map<const MatD>(p + D * D, D, D)};
    case Family::Diag:
      return {block_diag(d, p[0], p[1]), block_diag(d, p[2], p[3])};
    case Family::Gdpp:
      return {block_diag(d, p[0], p[1]), block_diag(d, p[2], 0.0)};
    case Family::Sparse:
      return {block_diag(d, 0.0, 1.0), block_diag<double>(-Eigen::Map<const MatD>(p, d, d), 0.0)};
    case Family::Relaxed:
      return {block_diag<double>(Eigen::Map<const MatD>(p + d * d, d, d), 1.0),
              block_diag<double>(Eigen::Map<const MatD>(p, d, d), 0.0)};
  }
  throw std::logic_error("unknown family");
}

/// Adds the adjoint of head_of applied to (dP, dQ) into the head's segment of the θ-gradient.
void pull_back_head(const Architecture& a, const Head<double>& g, double* out) {
  const int d = a.d, D = d + 1;
  const auto trace_x = [d](const MatD& m) { return m.topLeftCorner(d, d).trace(); };
  switch (a.family) {
    case Family::Full:
      Eigen::Map<MatD>(out, D, D) += g.P;
      Eigen::Map<MatD>(out + D * D, D, D) += g.Q;
      return;
    case Family::Diag:
      out[0] += trace_x(g.P), out[1] += g.P(d, d), out[2] += trace_x(g.Q), out[3] += g.Q(d, d);
      return;
    case Family::Gdpp:
      out[0] += trace_x(g.P), out[1] += g.P(d, d), out[2] += trace_x(g.Q);
      return;
    case Family::Sparse:
      Eigen::Map<MatD>(out, d, d) -= g.Q.topLeftCorner(d, d);
      return;
    case Family::Relaxed:
      Eigen::Map<MatD>(out, d, d) += g.Q.topLeftCorner(d, d);
      Eigen::Map<MatD>(out + d * d, d, d) += g.P.topLeftCorner(d, d);
      return;
  }
  throw std::logic_error("unknown family");
}

}  // namespace

std::string_view family_label(Family f) {
  switch (f) {
    case Family::Full:
      return "FULL";
    case Family::Diag:
      return "DIAG";
    case Family::Gdpp:
      return "GDPP";
    case Family::Sparse:
      return "SPARSE";
    case Family::Relaxed:
      return "RELAXED";
  }
  return "?";
}

std::optional<Family> parse_family_label(std::string_view s) {
  std::string upper(s);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "GD++") return Family::Gdpp;
  for (const Family f : {Family::Full, Family::Diag, Family::Gdpp, Family::Sparse, Family::Relaxed})
    if (family_label(f) == upper) return f;
  return std::nullopt;
}

void Architecture::validate() const {
  if (d < 1 || d > kMaxTrainDimension)
    throw std::invalid_argument("d must be in 1.." + std::to_string(kMaxTrainDimension) + ", got " +
                                std::to_string(d));
  if (layers < 1 || layers > kMaxLayers)
    throw std::invalid_argument("layers must be in 1.." + std::to_string(kMaxLayers) + ", got " +
                                std::to_string(layers));
  if (heads < 1 || heads > kMaxHeads)
    throw std::invalid_argument("heads must be in 1.." + std::to_string(kMaxHeads) + ", got " +
                                std::to_string(heads));
}

int Architecture::parameters_per_head() const {
  const int D = d + 1;
  switch (family) {
    case Family::Full:
      return 2 * D * D;
    case Family::Diag:
      return 4;
    case Family::Gdpp:
      return 3;
    case Family::Sparse:
      return d * d;
    case Family::Relaxed:
      return 2 * d * d;
  }
  throw std::logic_error("unknown family");
}

std::vector<int> Architecture::matrix_sizes() const {
  const int D = d + 1;
  switch (family) {
    case Family::Full:
      return {D * D, D * D};
    case Family::Diag:
      return {2, 2};
    case Family::Gdpp:
      return {2, 1};
    case Family::Sparse:
      return {d * d};
    case Family::Relaxed:
      return {d * d, d * d};
  }
  throw std::logic_error("unknown family");
}

Model<double> to_model(const Architecture& a, const Eigen::VectorXd& theta) {
  a.validate();
  if (theta.size() != a.parameter_count())
    throw std::invalid_argument("the parameter vector has " + std::to_string(theta.size()) +
                                " entries, the " + std::string(family_label(a.family)) +
                                " architecture needs " + std::to_string(a.parameter_count()));
  Model<double> m{a.d, a.norm, {}};
  const int per_head = a.parameters_per_head();
  for (int l = 0; l < a.layers; ++l) {
    Layer<double> layer;
    for (int h = 0; h < a.heads; ++h)
      layer.heads.push_back(head_of(a, theta.data() + (l * a.heads + h) * per_head));
    m.layers.push_back(std::move(layer));
  }
  return m;
}

Eigen::VectorXd pull_back(const Architecture& a, const HeadGradients& g) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(a.parameter_count());
  const int per_head = a.parameters_per_head();
  for (int l = 0; l < a.layers; ++l)
    for (int h = 0; h < a.heads; ++h)
      pull_back_head(a, g.at(l).at(h), out.data() + (l * a.heads + h) * per_head);
  return out;
}

HeadGradients zero_head_gradients(const Architecture& a) {
  const int D = a.d + 1;
  const Head<double> zero{MatD::Zero(D, D), MatD::Zero(D, D)};
  return HeadGradients(a.layers, std::vector<Head<double>>(a.heads, zero));
}

Eigen::VectorXd initial_parameters(const Architecture& a, double scale, std::uint64_t seed) {
  a.validate();
  Rng rng(seed);
  boost::random::normal_distribution<double> normal(0.0, scale);
  Eigen::VectorXd theta(a.parameter_count());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = normal(rng);
  return theta;
}

}  // namespace ltv
