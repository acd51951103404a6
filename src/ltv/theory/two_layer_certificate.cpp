#include "ltv/theory/two_layer_certificate.hpp"

#include "ltv/expect/layer_loss.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/ldlt.hpp"
#include "ltv/scalar/precision.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <array>
#include <chrono>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace ltv {

using boost::multiprecision::lower;
using boost::multiprecision::upper;

namespace {

/// MPFI's precision for the certificate: one 64-bit limb, ~19 digits, far below what the
/// exclusions need (they compare enclosures with margins of 1e-6 and more).
constexpr unsigned kIntervalBits = 64;
/// The coercivity proof bisects its pieces (edge of the square × τ) down to this width in τ.
const Mpfr kNarrowestPiece = Mpfr(1) / 64;
/// The convexity proof covers a group's hull by pieces this many times narrower than the search's
/// boxes: the Hessian's enclosure over a piece × V(piece) must stay positive definite.
constexpr int kConvexityPieces = 1;

/// The integer points with nonnegative coordinates summing to <= 2, k coordinates: a set on
/// which the polynomials of degree <= 2 in k variables are determined by their values.
std::vector<std::vector<int>> lattice(int k) {
  std::vector<std::vector<int>> points{std::vector<int>(static_cast<std::size_t>(k), 0)};
  for (int i = 0; i < k; ++i) {
    for (int j = i; j < k; ++j) {
      std::vector<int> e(static_cast<std::size_t>(k), 0);
      ++e[static_cast<std::size_t>(i)];
      ++e[static_cast<std::size_t>(j)];
      points.push_back(e);
    }
    std::vector<int> e(static_cast<std::size_t>(k), 0);
    e[static_cast<std::size_t>(i)] = 1;
    points.push_back(e);
  }
  return points;
}

Rational monomial(const std::vector<int>& point, const std::vector<int>& exponents) {
  Rational m = 1;
  for (std::size_t i = 0; i < point.size(); ++i)
    for (int e = 0; e < exponents[i]; ++e) m *= point[i];
  return m;
}

Rational loss_at(const std::array<Rational, 5>& theta, const LayerProblem<Rational>& problem) {
  Mat<Rational> A1(2, 2), A2(2, 2);
  A1 << theta[0], 0, 0, theta[1];
  A2 << theta[2], theta[3], theta[3], theta[4];
  LayerParameters<Rational> params;
  params.A = {A1, A2};
  return layer_loss(params, problem);
}

/// The monomials of f whose v-exponents are `v_exponents`, as a polynomial in u = (p, q).
ScalarPolynomial<Rational> v_part(const ScalarPolynomial<Rational>& f, const std::array<int, 3>& v_exponents,
                                  const Rational& factor) {
  ScalarPolynomial<Rational> g;
  g.variables = 2;
  for (std::size_t k = 0; k < f.coefficients.size(); ++k) {
    const auto& e = f.exponents[k];
    if (e[2] == v_exponents[0] && e[3] == v_exponents[1] && e[4] == v_exponents[2]) {
      g.exponents.push_back({e[0], e[1]});
      g.coefficients.push_back(factor * f.coefficients[k]);
    }
  }
  return g;
}

/// τ² g(û/τ) for g of degree <= 2 in u: a polynomial in (û₁, û₂, τ).
ScalarPolynomial<Rational> homogenised(const ScalarPolynomial<Rational>& g) {
  ScalarPolynomial<Rational> h;
  h.variables = 3;
  for (std::size_t k = 0; k < g.coefficients.size(); ++k) {
    const auto& e = g.exponents[k];
    h.exponents.push_back({e[0], e[1], 2 - e[0] - e[1]});
    h.coefficients.push_back(g.coefficients[k]);
  }
  return h;
}

/// ∂f/∂x_i.
ScalarPolynomial<Rational> derivative(const ScalarPolynomial<Rational>& f, int i) {
  ScalarPolynomial<Rational> d;
  d.variables = f.variables;
  for (std::size_t k = 0; k < f.coefficients.size(); ++k) {
    const int e = f.exponents[k][static_cast<std::size_t>(i)];
    if (e == 0) continue;
    d.exponents.push_back(f.exponents[k]);
    --d.exponents.back()[static_cast<std::size_t>(i)];
    d.coefficients.push_back(f.coefficients[k] * e);
  }
  return d;
}

/// f = α(u) − 2 β(u)ᵀ v + vᵀ Γ(u) v.
struct QuadraticInV {
  ScalarPolynomial<Rational> alpha;
  std::array<ScalarPolynomial<Rational>, 3> beta;
  std::array<std::array<ScalarPolynomial<Rational>, 3>, 3> gamma;
};

QuadraticInV quadratic_in_v(const ScalarPolynomial<Rational>& f) {
  QuadraticInV q;
  q.alpha = v_part(f, {0, 0, 0}, 1);
  for (int k = 0; k < 3; ++k) {
    std::array<int, 3> e{0, 0, 0};
    e[static_cast<std::size_t>(k)] = 1;
    q.beta[static_cast<std::size_t>(k)] = v_part(f, e, Rational(-1, 2));
    for (int l = 0; l < 3; ++l) {
      std::array<int, 3> e2{0, 0, 0};
      ++e2[static_cast<std::size_t>(k)];
      ++e2[static_cast<std::size_t>(l)];
      q.gamma[static_cast<std::size_t>(k)][static_cast<std::size_t>(l)] =
          v_part(f, e2, k == l ? Rational(1) : Rational(1, 2));
    }
  }
  return q;
}

using PolynomialMatrix = std::vector<std::vector<ScalarPolynomial<Interval>>>;

/// A symmetric matrix of polynomials at a box (the upper triangle is evaluated, then mirrored).
Mat<Interval> evaluate(const PolynomialMatrix& m, const Box& at) {
  const auto size = static_cast<Eigen::Index>(m.size());
  Mat<Interval> out(size, size);
  for (Eigen::Index i = 0; i < size; ++i)
    for (Eigen::Index j = i; j < size; ++j) {
      out(i, j) = m[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].value(at);
      if (j != i) out(j, i) = out(i, j);  // never a self-assignment: Boost's MPFI backend turns that into NaN
    }
  return out;
}

/// The least τ₀ such that τ² Q(û/τ) is proved positive definite for every û on the square's
/// boundary and τ in [0, τ₀] (at most 1): pieces (edge, x, τ) are bisected down to kNarrowestPiece;
/// a piece that is still not proved caps τ₀ at its lower end. Zero: nothing was proved.
/// `factorisations` counts the interval LDLᵀ used.
Mpfr coercivity_tau(const PolynomialMatrix& q_homogenised, int& factorisations) {
  struct Piece {
    int edge;  ///< 0, 1: p = ∓1, 2, 3: q = ∓1
    Interval x, tau;
  };
  Mpfr tau0 = 1;
  std::vector<Piece> stack;
  for (int edge = 0; edge < 4; ++edge) stack.push_back({edge, Interval(-1, 1), Interval(0, 1)});
  while (!stack.empty()) {
    const Piece piece = stack.back();
    stack.pop_back();
    if (!(Mpfr(lower(piece.tau)) < tau0)) continue;  // beyond the radius already given up
    ++factorisations;
    const Interval fixed(piece.edge % 2 == 0 ? -1 : 1);
    Box at(3);
    at << (piece.edge < 2 ? fixed : piece.x), (piece.edge < 2 ? piece.x : fixed), piece.tau;
    if (ldlt_certificate(evaluate(q_homogenised, at)).positive_definite()) continue;
    if (Mpfr(upper(piece.tau)) - Mpfr(lower(piece.tau)) < kNarrowestPiece) {
      tau0 = Mpfr(lower(piece.tau));
      continue;
    }
    const Mpfr xm(boost::multiprecision::median(piece.x)), tm(boost::multiprecision::median(piece.tau));
    // The low-τ halves last on the stack: they are taken first, and the radius they cap is the one kept.
    for (const auto& tau : {Interval(tm, Mpfr(upper(piece.tau))), Interval(Mpfr(lower(piece.tau)), tm)})
      for (const auto& x : {Interval(Mpfr(lower(piece.x)), xm), Interval(xm, Mpfr(upper(piece.x)))})
        stack.push_back({piece.edge, x, tau});
  }
  return tau0;
}

/// g(u) = min_v f(u, v) and v*(u), in interval arithmetic (see the header).
class ReducedObjective {
 public:
  ReducedObjective(const ScalarPolynomial<Rational>& f, const QuadraticInV& q)
      : f_(enclose(f)), alpha_(enclose(q.alpha)) {
    for (int i = 0; i < f.variables; ++i) partials_.push_back(enclose(derivative(f, i)));
    gamma_.assign(3, std::vector<ScalarPolynomial<Interval>>(3));
    for (std::size_t k = 0; k < 3; ++k) {
      beta_[k] = enclose(q.beta[k]);
      for (std::size_t l = 0; l < 3; ++l) gamma_[k][l] = enclose(q.gamma[k][l]);
    }
  }

  /// An enclosure of v*(u) for every u in U; none where Γ(U) is not proved positive definite.
  /// Solved as v_c + Γ(U)⁻¹(β(U) − Γ(U) v_c), v_c ≈ v*(centre): the interval solve then acts on a
  /// residual of the box's size, not on β itself, which keeps the enclosure narrow.
  std::optional<Box> minimiser_v(const Box& U) const {
    const Box c = midpoint_box(U);
    const std::optional<Box> at_centre = ldlt_solve(evaluate(gamma_, c), beta(c));
    if (!at_centre) return std::nullopt;
    return minimiser_v(U, midpoint_box(*at_centre));
  }

  /// g and ∇g over U (centred form), g at U's midpoint; the whole line where v* is not enclosed.
  BoxEnclosure over(const Box& U) const {
    const Interval everything(-std::numeric_limits<Mpfr>::infinity(), std::numeric_limits<Mpfr>::infinity());
    const Box c = midpoint_box(U);
    const Box beta_c = beta(c);
    const std::optional<Box> v_c = ldlt_solve(evaluate(gamma_, c), beta_c);
    if (!v_c) return {everything, Box::Constant(2, everything), everything};
    // g(c) = α(c) − β(c)ᵀ v*(c).
    Interval at_c = alpha_.value(c);
    for (Eigen::Index k = 0; k < 3; ++k) at_c -= beta_c[k] * (*v_c)[k];
    const std::optional<Box> V = minimiser_v(U, midpoint_box(*v_c));
    if (!V) return {everything, Box::Constant(2, everything), at_c};
    Box uv(5);
    uv << U[0], U[1], (*V)[0], (*V)[1], (*V)[2];
    Box grad_u(2);
    grad_u << partials_[0].value(uv), partials_[1].value(uv);
    BoxEnclosure e{at_c, grad_u, at_c};
    for (Eigen::Index i = 0; i < 2; ++i) e.value += e.gradient[i] * (U[i] - c[i]);
    return e;
  }

  /// f's Hessian over a box: its natural extension ∩ the centred form H(c) + Σ_i ∇²(∂_i f)(B) (B_i − c_i),
  /// whose excess over the true range shrinks with the square of the box's width.
  Mat<Interval> hessian_over(const Box& B) const {
    const Box c = midpoint_box(B);
    Mat<Interval> centred = f_.hessian(c);
    for (Eigen::Index i = 0; i < B.size(); ++i)
      centred += partials_[static_cast<std::size_t>(i)].hessian(B) * Interval(B[i] - c[i]);
    const Mat<Interval> natural = f_.hessian(B);
    for (Eigen::Index i = 0; i < B.size(); ++i)
      for (Eigen::Index j = 0; j < B.size(); ++j)
        centred(i, j) = Interval(std::max(Mpfr(lower(centred(i, j))), Mpfr(lower(natural(i, j)))),
                                 std::min(Mpfr(upper(centred(i, j))), Mpfr(upper(natural(i, j)))));
    return centred;
  }

 private:
  std::optional<Box> minimiser_v(const Box& U, const Box& v_c) const {
    const Mat<Interval> G = evaluate(gamma_, U);
    const std::optional<Box> delta = ldlt_solve(G, Box(beta(U) - G * v_c));
    if (!delta) return std::nullopt;
    return Box(v_c + *delta);
  }

  Box beta(const Box& U) const {
    Box b(3);
    for (std::size_t k = 0; k < 3; ++k) b[static_cast<Eigen::Index>(k)] = beta_[k].value(U);
    return b;
  }

  ScalarPolynomial<Interval> f_, alpha_;
  std::vector<ScalarPolynomial<Interval>> partials_;  ///< ∂_i f
  std::array<ScalarPolynomial<Interval>, 3> beta_;
  PolynomialMatrix gamma_;
};

/// The hull of a (p, q) box and its mirror image under p <-> q.
Box symmetrised_u(const Box& h) {
  Box swapped(2);
  swapped << h[1], h[0];
  return hull({h, swapped});
}

/// The hull of a (p, q, r, s, t) box and its images under σ, τ and στ.
Box symmetrised(const Box& h) {
  Box swapped(5), flipped = h;
  swapped << h[1], h[0], h[4], h[3], h[2];
  flipped[3] = -h[3];
  Box both = swapped;
  both[3] = -swapped[3];
  return hull({h, swapped, flipped, both});
}

/// Whether g is proved strictly convex on the box U: U is covered by boxes U_j (no wider than
/// `width`, or narrower where needed) on each of which f's Hessian over U_j × V(U_j) is proved
/// positive definite — then at every u in U the Hessian of g, the Schur complement of f's Hessian at
/// (u, v*(u)), is positive definite. `v_boxes` receives the V(U_j), `smallest_pivot` the least lower
/// end of the LDLᵀ pivots.
bool reduced_convex(const ReducedObjective& g, const Box& U, const Mpfr& width, std::vector<Box>& v_boxes,
                    Mpfr& smallest_pivot) {
  std::vector<Box> stack{U};
  smallest_pivot = std::numeric_limits<Mpfr>::infinity();
  while (!stack.empty()) {
    const Box piece = stack.back();
    stack.pop_back();
    const std::optional<Box> V = g.minimiser_v(piece);
    bool definite = false;
    if (V && ltv::width(piece) <= width) {
      Box B(5);
      B << piece[0], piece[1], (*V)[0], (*V)[1], (*V)[2];
      // v first: its block 2Γ depends on u alone (narrow), and what is left after it is the Hessian of g.
      Eigen::PermutationMatrix<Eigen::Dynamic> v_first(5);
      v_first.indices() << 3, 4, 0, 1, 2;  // (p, q, r, s, t) -> (r, s, t, p, q)
      const Mat<Interval> H = g.hessian_over(B);
      const auto ldlt = ldlt_certificate(Mat<Interval>(v_first * H * v_first.transpose()));
      definite = ldlt.positive_definite();
      if (definite) {
        for (const auto& p : ldlt.pivots) smallest_pivot = std::min(smallest_pivot, Mpfr(lower(p)));
        v_boxes.push_back(*V);
        continue;
      }
    }
    if (ltv::width(piece) < width / 16) return false;
    const Mpfr pm(boost::multiprecision::median(piece[0])), qm(boost::multiprecision::median(piece[1]));
    for (const auto& p : {Interval(Mpfr(lower(piece[0])), pm), Interval(pm, Mpfr(upper(piece[0])))})
      for (const auto& q : {Interval(Mpfr(lower(piece[1])), qm), Interval(qm, Mpfr(upper(piece[1])))}) {
        Box child(2);
        child << p, q;
        stack.push_back(child);
      }
  }
  return true;
}

bool contains(const Box& box, const std::array<Rational, 5>& point) {
  for (Eigen::Index i = 0; i < box.size(); ++i) {
    const Interval x = enclose(point[static_cast<std::size_t>(i)]);
    if (lower(x) < lower(box[i]) || upper(x) > upper(box[i])) return false;
  }
  return true;
}

}  // namespace

ScalarPolynomial<Rational> reduced_two_layer_loss(int n) {
  if (n < 1) throw std::invalid_argument("two-layer loss: n must be >= 1");
  const Mat<Rational> I = Mat<Rational>::Identity(2, 2);
  const LayerProblem<Rational> problem{LayerFamily::Sparse, I, I, n};
  const auto P1 = lattice(2), P2 = lattice(3);
  const auto m1 = static_cast<Eigen::Index>(P1.size()), m2 = static_cast<Eigen::Index>(P2.size());
  Mat<Rational> V1(m1, m1), V2(m2, m2), F(m1, m2);
  for (Eigen::Index i = 0; i < m1; ++i)
    for (Eigen::Index j = 0; j < m1; ++j)
      V1(i, j) = monomial(P1[static_cast<std::size_t>(i)], P1[static_cast<std::size_t>(j)]);
  for (Eigen::Index i = 0; i < m2; ++i)
    for (Eigen::Index j = 0; j < m2; ++j)
      V2(i, j) = monomial(P2[static_cast<std::size_t>(i)], P2[static_cast<std::size_t>(j)]);
  for (Eigen::Index i = 0; i < m1; ++i)
    for (Eigen::Index j = 0; j < m2; ++j) {
      const auto& u = P1[static_cast<std::size_t>(i)];
      const auto& v = P2[static_cast<std::size_t>(j)];
      F(i, j) = loss_at({u[0], u[1], v[0], v[1], v[2]}, problem);
    }
  // F = V1 C V2ᵀ, C(a, b) the coefficient of u^{P1[a]} v^{P2[b]}.
  const Mat<Rational> X = V1.fullPivLu().solve(F);
  const Mat<Rational> Ct = V2.fullPivLu().solve(Mat<Rational>(X.transpose()));
  ScalarPolynomial<Rational> f;
  f.variables = 5;
  for (Eigen::Index a = 0; a < m1; ++a)
    for (Eigen::Index b = 0; b < m2; ++b)
      if (Ct(b, a) != 0) {
        const auto& u = P1[static_cast<std::size_t>(a)];
        const auto& v = P2[static_cast<std::size_t>(b)];
        f.exponents.push_back({u[0], u[1], v[0], v[1], v[2]});
        f.coefficients.push_back(Ct(b, a));
      }
  // The degree bound is what makes the interpolation exact: check it off the lattice.
  for (const std::array<Rational, 5>& theta :
       {std::array<Rational, 5>{Rational(1, 3), Rational(-2), Rational(3, 2), Rational(5, 7),
                                Rational(-1, 4)},
        std::array<Rational, 5>{Rational(-7, 5), Rational(2, 9), Rational(-3), Rational(-1, 6),
                                Rational(4)}}) {
    Vec<Rational> x(5);
    x << theta[0], theta[1], theta[2], theta[3], theta[4];
    if (f.value(x) != loss_at(theta, problem))
      throw std::logic_error(
          "two-layer loss: the interpolated polynomial differs from layer_loss off the lattice");
  }
  return f;
}

bool TwoLayerCertificate::certified() const { return failure().empty(); }

std::string TwoLayerCertificate::failure() const {
  if (!search.complete) return "the branch and bound ran out of its box budget";
  if (groups.empty()) return "no box was kept";
  for (const auto& g : groups)
    if (!g.convex) return "a group's hull is not proved convex";
  for (const auto& g : groups)
    if (g.holds_candidate) return "";
  return "no group's hull holds the candidate";
}

TwoLayerCertificate certify_two_layer_minimum(int n, const Vec<Rational>& candidate, const Mpfr& min_width,
                                              const std::function<void(const std::string&)>& progress) {
  if (candidate.size() != 2) throw std::invalid_argument("two-layer certificate: the candidate is (a1, a2)");
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  const auto start = std::chrono::steady_clock::now();
  const ScopedBits bits(kIntervalBits);
  TwoLayerCertificate cert;
  cert.n = n;
  cert.candidate = candidate;
  const ScalarPolynomial<Rational> f = reduced_two_layer_loss(n);
  const std::array<Rational, 5> theta{candidate[0], candidate[0], candidate[1], Rational(0), candidate[1]};
  const std::array<Rational, 5> swapped{candidate[1], candidate[1], candidate[0], Rational(0), candidate[0]};
  Vec<Rational> x(5);
  x << theta[0], theta[1], theta[2], theta[3], theta[4];
  cert.candidate_loss = f.value(x);
  const Interval f_c = enclose(cert.candidate_loss);

  // Coercivity in u: the smallest radius of kRadiiU that the interval LDLᵀ proves.
  const QuadraticInV q = quadratic_in_v(f);
  PolynomialMatrix qh(4, std::vector<ScalarPolynomial<Interval>>(4));
  ScalarPolynomial<Rational> shifted_alpha = q.alpha;
  shifted_alpha.exponents.push_back({0, 0});
  shifted_alpha.coefficients.push_back(-cert.candidate_loss);
  qh[0][0] = enclose(homogenised(shifted_alpha));
  for (std::size_t k = 0; k < 3; ++k) {
    ScalarPolynomial<Rational> minus_beta = q.beta[k];
    for (auto& c : minus_beta.coefficients) c = -c;
    qh[0][k + 1] = qh[k + 1][0] = enclose(homogenised(minus_beta));
    for (std::size_t l = 0; l < 3; ++l) qh[k + 1][l + 1] = enclose(homogenised(q.gamma[k][l]));
  }
  const Mpfr tau0 = coercivity_tau(qh, cert.coercivity_boxes);
  if (!(tau0 > 0))
    throw std::runtime_error(
        "two-layer certificate: coercivity in u not proved (Q is not definite as |u| -> ∞)");
  cert.radius_u = Mpfr(upper(Interval(1) / Interval(tau0)));
  say("coercivity: every point with f <= f(candidate) has |u|∞ < " + short_decimal(cert.radius_u) + " (" +
      std::to_string(cert.coercivity_boxes) + " interval LDLᵀ)");

  // The branch and bound of g over u in the fundamental domain p <= q.
  const ReducedObjective g(f, q);
  IntervalObjective objective;
  objective.variables = 2;
  objective.over = [&g](const Box& U) { return g.over(U); };
  Box box(2);
  const Mpfr R = cert.radius_u;
  box << Interval(-R, R), Interval(-R, R);
  BranchAndBoundOptions options;
  options.upper_bound = Mpfr(upper(f_c));
  options.min_width = min_width;
  options.outside_domain = [](const Box& b) { return lower(b[0]) > upper(b[1]); };
  cert.search = minimise(objective, box, options);
  {
    std::ostringstream os;
    os << "branch and bound over u: " << cert.search.boxes << " boxes, " << cert.search.kept.size()
       << " kept; minimum in [" << short_decimal(cert.search.lower_bound) << ", "
       << short_decimal(cert.search.upper_bound) << "]";
    say(os.str());
  }
  if (cert.search.complete)
    for (const auto& group : touching_groups(cert.search.kept)) {
      MinimiserGroup m;
      m.boxes = static_cast<int>(group.size());
      const Box U = symmetrised_u(hull(group));
      std::vector<Box> pieces;
      m.convex = reduced_convex(g, U, min_width / kConvexityPieces, pieces, m.smallest_pivot_lower);
      if (m.convex) {
        Box v_hull = hull(pieces);
        Box B(5);
        B << U[0], U[1], v_hull[0], v_hull[1], v_hull[2];
        m.hull = symmetrised(B);
        m.holds_candidate = contains(m.hull, theta);
        m.holds_swap = contains(m.hull, swapped);
      } else {
        m.hull = U;
      }
      cert.groups.push_back(m);
    }
  cert.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return cert;
}

}  // namespace ltv
