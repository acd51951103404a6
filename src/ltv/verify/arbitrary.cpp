#include "ltv/verify/arbitrary.hpp"

#include <bit>
#include <utility>

namespace ltv {

std::ostream& operator<<(std::ostream& os, const DyadicPrompt& p) {
  return os << "d=" << p.d() << " n=" << p.n() << " X=" << p.X << " y=" << p.y << " xq=" << p.xq;
}

std::ostream& operator<<(std::ostream& os, const DyadicModel& m) {
  os << "norm=" << (m.norm == Norm::Sum ? "sum" : "mean") << " L=" << m.layers.size();
  for (std::size_t l = 0; l < m.layers.size(); ++l)
    for (std::size_t h = 0; h < m.layers[l].size(); ++h)
      os << " P" << l << "," << h << "=" << m.layers[l][h].first << " Q" << l << "," << h << "="
         << m.layers[l][h].second;
  return os;
}

std::ostream& operator<<(std::ostream& os, const FullCase& c) { return os << c.prompt << " " << c.model; }

void showValue(const FullCase& c, std::ostream& os) { os << c; }

std::ostream& operator<<(std::ostream& os, const DiagCase& c) {
  os << c.prompt << " norm=" << (c.model.norm == Norm::Sum ? "sum" : "mean")
     << " L=" << c.model.layers.size();
  for (std::size_t l = 0; l < c.model.layers.size(); ++l)
    for (std::size_t h = 0; h < c.model.layers[l].size(); ++h)
      os << " (px,py,qx,qy)" << l << "," << h << "=" << c.model.layers[l][h];
  return os;
}

void showValue(const DiagCase& c, std::ostream& os) { os << c; }

std::ostream& operator<<(std::ostream& os, const SparseCase& c) {
  os << c.prompt << " L=" << c.A.size();
  for (std::size_t l = 0; l < c.A.size(); ++l) os << " A" << l << "=" << c.A[l];
  return os;
}

void showValue(const SparseCase& c, std::ostream& os) { os << c; }

namespace gen {
namespace {

rc::Gen<DyadicMatrix> matrix_of(int rows, int cols, int exponent, rc::Gen<std::int64_t> entry) {
  const auto count = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  return rc::gen::map(rc::gen::container<std::vector<std::int64_t>>(count, std::move(entry)),
                      [rows, cols, exponent](const std::vector<std::int64_t>& k) {
                        DyadicMatrix m;
                        m.exponent = exponent;
                        m.numerators.resize(rows, cols);
                        for (int i = 0; i < rows; ++i)
                          for (int j = 0; j < cols; ++j)
                            m.numerators(i, j) = k[static_cast<std::size_t>(i * cols + j)];
                        return m;
                      });
}

/// An integer in [-bound, bound] that shrinks towards 0 (RapidCheck's inRange shrinks towards
/// its lower end).
rc::Gen<std::int64_t> centred(std::int64_t bound) {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange<std::int64_t>(0, bound + 1), rc::gen::element(1, -1)),
                      [](const std::pair<std::int64_t, int>& p) { return p.first * p.second; });
}

}  // namespace

rc::Gen<DyadicMatrix> dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator) {
  return matrix_of(rows, cols, exponent, centred(max_numerator));
}

rc::Gen<DyadicMatrix> nonzero_dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator) {
  return matrix_of(rows, cols, exponent,
                   rc::gen::suchThat(centred(max_numerator), [](std::int64_t k) { return k != 0; }));
}


namespace {
constexpr int kInputExponent = 3;            // entries on a grid of 1/8 ...
constexpr std::int64_t kInputNumerator = 8;  // ... in [-1, 1]

/// The exponent s by which P and Q are scaled (2^-s each). |(P G Q)_ij| <= (d+1)² max|G| max|P|
/// max|Q| with max|G| <= n for inputs in [-1, 1]; 4^s >= 4 (d+1)² H (times n when c = 1) bounds
/// every entry of K = c Σ_h P_h G Q_h by 1/4, so deep models neither explode nor vanish.
int parameter_scale_exponent(int d, int n, int heads, Norm norm) {
  const unsigned long target = 4ul * static_cast<unsigned long>((d + 1) * (d + 1) * heads) *
                               (norm == Norm::Sum ? static_cast<unsigned long>(n) : 1ul);
  return (std::bit_width(target - 1) + 1) / 2;
}

}  // namespace

rc::Gen<DyadicPrompt> dyadic_prompt(int d, int n) {
  return rc::gen::exec([d, n] {
    return DyadicPrompt{*dyadic_matrix(n, d, kInputExponent, kInputNumerator),
                        *dyadic_matrix(n, 1, kInputExponent, kInputNumerator),
                        *dyadic_matrix(d, 1, kInputExponent, kInputNumerator)};
  });
}

rc::Gen<DyadicModel> dyadic_model(int d, int n, int layers, int heads, Norm norm) {
  const int s = parameter_scale_exponent(d, n, heads, norm);
  return rc::gen::exec([=] {
    DyadicModel m;
    m.d = d;
    m.norm = norm;
    for (int l = 0; l < layers; ++l) {
      std::vector<std::pair<DyadicMatrix, DyadicMatrix>> hs;
      for (int h = 0; h < heads; ++h)
        hs.emplace_back(*dyadic_matrix(d + 1, d + 1, kInputExponent + s, kInputNumerator),
                        *dyadic_matrix(d + 1, d + 1, kInputExponent + s, kInputNumerator));
      m.layers.push_back(std::move(hs));
    }
    return m;
  });
}

rc::Gen<DyadicDiagModel> dyadic_diag_model(int d, int n, const std::vector<DiagPattern>& layers, int heads,
                                           Norm norm) {
  const int s = parameter_scale_exponent(d, n, heads, norm);
  return rc::gen::exec([=] {
    DyadicDiagModel m;
    m.d = d;
    m.norm = norm;
    for (const DiagPattern& pattern : layers) {
      std::vector<DyadicMatrix> hs;
      for (int h = 0; h < heads; ++h) {
        DyadicMatrix v = *dyadic_matrix(1, 4, kInputExponent + s, kInputNumerator);
        const bool keep[4] = {pattern.px, pattern.py, pattern.qx, pattern.qy};
        for (int k = 0; k < 4; ++k)
          if (!keep[k]) v.numerators(0, k) = 0;
        hs.push_back(std::move(v));
      }
      m.layers.push_back(std::move(hs));
    }
    return m;
  });
}

namespace {

struct Dimensions {
  int d, n, layers, heads;
  Norm norm;
};

Dimensions draw_dimensions(const FullCaseLimits& limits) {
  const int d = *rc::gen::inRange(1, limits.max_d + 1);
  const int n =
      *rc::gen::inRange(limits.n_at_least_d ? std::max(d, limits.min_n) : limits.min_n, limits.max_n + 1);
  const int layers = *rc::gen::inRange(limits.min_layers, limits.max_layers + 1);
  const int heads = *rc::gen::inRange(1, limits.max_heads + 1);
  const Norm norm = *rc::gen::element(Norm::Sum, Norm::Mean);
  return {d, n, layers, heads, norm};
}

}  // namespace

rc::Gen<DiagCase> diag_case(std::vector<DiagPattern> patterns, FullCaseLimits limits) {
  return rc::gen::exec([=] {
    const Dimensions s = draw_dimensions(limits);
    std::vector<DiagPattern> layers;
    for (int l = 0; l < s.layers; ++l)
      layers.push_back(patterns[static_cast<std::size_t>(l) % patterns.size()]);
    return DiagCase{*dyadic_prompt(s.d, s.n), *dyadic_diag_model(s.d, s.n, layers, s.heads, s.norm)};
  });
}

rc::Gen<SparseCase> sparse_case(FullCaseLimits limits) {
  return rc::gen::exec([=] {
    const Dimensions s = draw_dimensions(limits);
    // K = -(1/n) [[0, 0], [αᵀA, 0]] with |α_j| <= n: entries of A up to 2^-k, 2^k >= 4d², bound |K| by 1/4.
    const int k = std::bit_width(static_cast<unsigned>(4 * s.d * s.d - 1));
    SparseCase c{*dyadic_prompt(s.d, s.n), {}};
    for (int l = 0; l < s.layers; ++l)
      c.A.push_back(*dyadic_matrix(s.d, s.d, kInputExponent + k, kInputNumerator));
    return c;
  });
}

rc::Gen<FullCase> full_case(FullCaseLimits limits) {
  return rc::gen::exec([limits] {
    const Dimensions s = draw_dimensions(limits);
    return FullCase{*dyadic_prompt(s.d, s.n), *dyadic_model(s.d, s.n, s.layers, s.heads, s.norm)};
  });
}

}  // namespace gen

template <class T>
Mat<T> DyadicPrompt::tokens() const {
  return make_tokens<T>(X.template to<T>(), y.template to_vector<T>(), xq.template to_vector<T>());
}

template <class T>
Model<T> DyadicModel::to() const {
  Model<T> m{d, norm, {}};
  for (const auto& heads : layers) {
    Layer<T> layer;
    for (const auto& [P, Q] : heads) layer.heads.push_back({P.template to<T>(), Q.template to<T>()});
    m.layers.push_back(std::move(layer));
  }
  return m;
}

template <class T>
std::vector<DiagHead<T>> DyadicDiagModel::heads(std::size_t layer) const {
  std::vector<DiagHead<T>> out;
  for (const auto& h : layers[layer]) {
    const Mat<T> v = h.template to<T>();
    out.push_back({v(0, 0), v(0, 1), v(0, 2), v(0, 3)});
  }
  return out;
}

template <class T>
Model<T> DyadicDiagModel::to() const {
  Model<T> m{d, norm, {}};
  for (std::size_t l = 0; l < layers.size(); ++l) m.layers.push_back(diag_layer(d, heads<T>(l)));
  return m;
}

// The generators' conversions for every tier (declared extern in arbitrary.hpp): light enough to
// compile together, here, the one translation unit that sees their definitions.
#define LTV_ARBITRARY_INSTANCES_DEFINE(T) LTV_ARBITRARY_INSTANCES(, T)
LTV_FOR_EACH_TIER(LTV_ARBITRARY_INSTANCES_DEFINE)
#undef LTV_ARBITRARY_INSTANCES_DEFINE

}  // namespace ltv
