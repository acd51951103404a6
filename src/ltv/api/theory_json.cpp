#include "ltv/api/theory_json.hpp"

#include "ltv/expect/one_layer.hpp"
#include "ltv/scalar/convert.hpp"

#include <cctype>
#include <stdexcept>

namespace ltv {
namespace {

nlohmann::json matrix_json(const Mat<Mpfr>& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(to_decimal(m(i, j)));
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json scalars_json(const FamilyMinimum<Mpfr>& o, Eigen::Index first, Eigen::Index count) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = first; i < first + count; ++i)
    out.push_back(o.free[static_cast<std::size_t>(i)] ? nlohmann::json(nullptr)
                                                      : nlohmann::json(to_decimal(o.scalars[i])));
  return out;
}

std::string rational_text(const Rational& q) { return q.str(); }

/// Every text as an exact rational, or nullopt when one is not.
std::optional<Vec<Rational>> exact_spectrum(const std::vector<std::string>& texts) {
  Vec<Rational> out(static_cast<Eigen::Index>(texts.size()));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto q = parse_exact_rational(texts[i]);
    if (!q) return std::nullopt;
    out[static_cast<Eigen::Index>(i)] = *q;
  }
  return out;
}

}  // namespace

Mpfr parse_decimal(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    (void)std::stod(text, &used);  // rejects empty and non-numeric text with a clear error below
    if (used != text.size()) throw std::invalid_argument(text);
    return Mpfr(text);
  } catch (const std::exception&) {
    throw std::invalid_argument(what + " must be a number, got '" + text + "'");
  }
}

std::optional<Rational> parse_exact_rational(const std::string& text) {
  // p/q with integers p, q != 0
  if (const auto slash = text.find('/'); slash != std::string::npos) {
    const auto integer = [](const std::string& s) {
      std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
      if (i == s.size()) return false;
      for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      return true;
    };
    const std::string p = text.substr(0, slash), q = text.substr(slash + 1);
    if (!integer(p) || !integer(q) || q.find_first_not_of("+-0") == std::string::npos) return std::nullopt;
    return Rational(boost::multiprecision::mpz_int(p[0] == '+' ? p.substr(1) : p),
                    boost::multiprecision::mpz_int(q[0] == '+' ? q.substr(1) : q));
  }
  // [sign] digits [. digits] [e|E [sign] digits]
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  long long scale = 0;  // value = digits · 10^scale
  bool any = false;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, any = true) digits += text[i];
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, any = true) {
      digits += text[i];
      --scale;
    }
  }
  if (!any) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    if (i == text.size()) return std::nullopt;
    long long e = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      e = e * 10 + (text[i] - '0');
      if (e > 100000) return std::nullopt;
    }
    scale += exp_negative ? -e : e;
  }
  if (i != text.size()) return std::nullopt;
  boost::multiprecision::mpz_int m(digits.empty() ? std::string("0") : digits);
  boost::multiprecision::mpz_int ten_power = boost::multiprecision::pow(boost::multiprecision::mpz_int(10),
                                                                        static_cast<unsigned>(scale < 0 ? -scale : scale));
  Rational q = scale < 0 ? Rational(m, ten_power) : Rational(m * ten_power);
  return negative ? Rational(-q) : q;
}

Vec<Mpfr> parse_spectrum(const std::vector<std::string>& texts, int d) {
  if (static_cast<int>(texts.size()) != d)
    throw std::invalid_argument("--cov-eigs has " + std::to_string(texts.size()) + " values, --d is " +
                                std::to_string(d));
  Vec<Mpfr> eigs(d);
  for (int i = 0; i < d; ++i) eigs[i] = parse_decimal(texts[static_cast<std::size_t>(i)], "--cov-eigs");
  return eigs;
}

Rational one_layer_optimum_loss_exact(const Vec<Rational>& eigenvalues, int n, const Rational& noise_var) {
  if (n < 1 || eigenvalues.size() < 1) throw std::invalid_argument("one-layer optimum: need n >= 1 and d >= 1");
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i)
    if (eigenvalues[i] <= 0) throw std::invalid_argument("one-layer optimum: the eigenvalues must be positive");
  if (noise_var < 0) throw std::invalid_argument("one-layer optimum: the noise variance must be >= 0");
  OneLayerProblem<Rational> problem;
  problem.cov = eigenvalues.asDiagonal();
  problem.noise_var = noise_var;
  problem.n = n;
  problem.norm = Norm::Mean;
  const Rational shift = problem.cov.trace() + noise_var;
  const auto [P, Q] = a23_one_layer_optimum<Rational>(problem.cov, shift, n);
  return one_layer_loss(P, Q, problem);
}

nlohmann::json one_layer_json(const OneLayerTheory& t, unsigned bits, int n,
                              const std::vector<std::string>& eigenvalues, const std::string& noise_var) {
  nlohmann::json j = {{"bits", bits},
                      {"loss", to_decimal(t.loss)},
                      {"loss_exact", nullptr},
                      {"grad_norm", to_decimal(t.grad_norm)},
                      {"hessian_eig_min", to_decimal(t.hessian.min)},
                      {"hessian_eig_max", to_decimal(t.hessian.max)},
                      {"hessian_null_dimension", t.hessian.null_dimension},
                      {"hessian_negative_eigenvalues", t.hessian.negative},
                      {"symmetry_orbit_dimension", t.orbit_dimension},
                      {"P", matrix_json(t.P)},
                      {"Q", matrix_json(t.Q)}};
  const auto eigs = exact_spectrum(eigenvalues);
  const auto noise = parse_exact_rational(noise_var);
  if (eigs && noise) j["loss_exact"] = rational_text(one_layer_optimum_loss_exact(*eigs, n, *noise));
  return j;
}

nlohmann::json stationary_json(const StationaryTheory& t, LayerFamily family, int layers, int n, unsigned bits) {
  const FamilyOptimum<Mpfr>& opt = t.optimum;
  const Eigen::Index L = layers;
  nlohmann::json j = {{"family", family == LayerFamily::Sparse ? "sparse" : "relaxed"},
                      {"layers", layers},
                      {"engine", engine_name(t.engine)},
                      {"global_minimum_over_S", t.global},
                      {"bits", bits},
                      {"loss", to_decimal(opt.loss)},
                      {"grad_norm", to_decimal(opt.gradient_norm)},
                      {"scalar_grad_norm", to_decimal(opt.minimum.scalar_gradient_norm)},
                      {"parameters", t.parameters},
                      {"a", scalars_json(opt.minimum, 0, L)}};
  if (family == LayerFamily::Relaxed) j["b"] = scalars_json(opt.minimum, L, L);
  if (family == LayerFamily::Sparse) {
    const Vec<Rational> q = sparse_optimal_polynomial(layers, n, static_cast<int>(t.cov.rows()));
    nlohmann::json qs = nlohmann::json::array();
    for (Eigen::Index i = 0; i < q.size(); ++i) qs.push_back(rational_text(q[i]));
    j["q_exact"] = qs;
  }
  if (t.hessian) {
    j["hessian_eig_min"] = to_decimal(t.hessian->min);
    j["hessian_eig_max"] = to_decimal(t.hessian->max);
    j["hessian_smallest_positive"] = to_decimal(t.hessian->smallest_positive);
    j["hessian_null_dimension"] = t.hessian->null_dimension;
    j["hessian_negative_eigenvalues"] = t.hessian->negative;
    if (t.orderings > 0)
      j["orderings"] = {{"count", t.orderings},
                        {"local_minima", t.orderings_local_minima},
                        {"smallest_eigenvalue", to_decimal(t.lowest_over_orderings)}};
    for (const IsotypicInertia& c : t.isotypic)
      j["hessian_isotypic"].push_back({{"component", c.component},
                                       {"multiplicity", c.multiplicity},
                                       {"min", to_decimal(c.inertia.min)},
                                       {"zero", c.inertia.zero},
                                       {"negative", c.inertia.negative},
                                       {"positive", c.inertia.positive}});
  }
  return j;
}

}  // namespace ltv
