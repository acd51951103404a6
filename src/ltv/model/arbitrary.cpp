#include "ltv/model/arbitrary.hpp"

#include <bit>

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

std::ostream& operator<<(std::ostream& os, const FullCase& c) {
  return os << c.prompt << " " << c.model;
}

void showValue(const FullCase& c, std::ostream& os) { os << c; }

namespace gen {

namespace {
constexpr int kInputExponent = 3;  // entries on a grid of 1/8 ...
constexpr std::int64_t kInputNumerator = 8;  // ... in [-1, 1]
}

rc::Gen<DyadicPrompt> dyadic_prompt(int d, int n) {
  return rc::gen::exec([d, n] {
    return DyadicPrompt{*dyadic_matrix(n, d, kInputExponent, kInputNumerator),
                        *dyadic_matrix(n, 1, kInputExponent, kInputNumerator),
                        *dyadic_matrix(d, 1, kInputExponent, kInputNumerator)};
  });
}

rc::Gen<DyadicModel> dyadic_model(int d, int n, int layers, int heads, Norm norm) {
  // |(P G Q)_ij| <= (d+1)^2 · max|G| · max|P| · max|Q|, with max|G| <= n for inputs in [-1, 1].
  // Scaling P and Q by 2^-s each with 4^s >= 4 (d+1)^2 H (n for c = 1) bounds |K| by 1/4.
  const unsigned long target = 4ul * static_cast<unsigned long>((d + 1) * (d + 1) * heads) *
                               (norm == Norm::Sum ? static_cast<unsigned long>(n) : 1ul);
  const int s = (std::bit_width(target - 1) + 1) / 2;
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

rc::Gen<FullCase> full_case(FullCaseLimits limits) {
  return rc::gen::exec([limits] {
    const int d = *rc::gen::inRange(1, limits.max_d + 1);
    const int n = *rc::gen::inRange(limits.min_n, limits.max_n + 1);
    const int layers = *rc::gen::inRange(1, limits.max_layers + 1);
    const int heads = *rc::gen::inRange(1, limits.max_heads + 1);
    const Norm norm = *rc::gen::element(Norm::Sum, Norm::Mean);
    return FullCase{*dyadic_prompt(d, n), *dyadic_model(d, n, layers, heads, norm)};
  });
}

}  // namespace gen
}  // namespace ltv
