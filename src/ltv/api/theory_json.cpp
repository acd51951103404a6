#include "ltv/api/theory_json.hpp"

#include "ltv/expect/one_layer.hpp"
#include "ltv/scalar/convert.hpp"

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
  if (text.find('/') != std::string::npos) {  // a fraction p/q: rounded once, at the working precision
    if (const auto q = parse_exact_rational(text)) return convert<Mpfr>(*q);
    throw std::invalid_argument(what + " must be a number, got '" + text + "'");
  }
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
  const auto digits_only = [](const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  const std::string body = text.substr(i);
  std::string numerator, denominator = "1";
  if (const auto slash = body.find('/'); slash != std::string::npos) {  // p/q
    numerator = body.substr(0, slash);
    denominator = body.substr(slash + 1);
    if (!digits_only(numerator) || !digits_only(denominator) ||
        denominator.find_first_not_of('0') == std::string::npos)
      return std::nullopt;
  } else {  // digits [. digits] [e|E [sign] digits]
    const auto e_at = body.find_first_of("eE");
    const std::string mantissa = body.substr(0, e_at);
    long long exponent = 0;
    if (e_at != std::string::npos) {
      std::string e = body.substr(e_at + 1);
      bool e_negative = false;
      if (!e.empty() && (e[0] == '-' || e[0] == '+')) {
        e_negative = e[0] == '-';
        e = e.substr(1);
      }
      if (!digits_only(e) || e.size() > 6) return std::nullopt;
      exponent = std::stoll(e) * (e_negative ? -1 : 1);
    }
    const auto dot = mantissa.find('.');
    const std::string whole = mantissa.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? std::string() : mantissa.substr(dot + 1);
    if ((whole.empty() && fraction.empty()) || (!whole.empty() && !digits_only(whole)) ||
        (!fraction.empty() && !digits_only(fraction)))
      return std::nullopt;
    numerator = whole + fraction;
    exponent -= static_cast<long long>(fraction.size());
    if (exponent >= 0)
      numerator += std::string(static_cast<std::size_t>(exponent), '0');
    else
      denominator += std::string(static_cast<std::size_t>(-exponent), '0');
  }
  const auto first = numerator.find_first_not_of('0');
  numerator = first == std::string::npos ? "0" : numerator.substr(first);
  Rational q((numerator + "/" + denominator).c_str());
  mpq_canonicalize(q.backend().data());  // Boost keeps a string's p/q as written
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
  if (n < 1 || eigenvalues.size() < 1)
    throw std::invalid_argument("one-layer optimum: need n >= 1 and d >= 1");
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i)
    if (eigenvalues[i] <= 0)
      throw std::invalid_argument("one-layer optimum: the eigenvalues must be positive");
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

nlohmann::json stationary_json(const StationaryTheory& t, LayerFamily family, int layers, int n,
                               unsigned bits) {
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
