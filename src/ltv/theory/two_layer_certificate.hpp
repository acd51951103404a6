#pragma once
// A23 Theorem 2 certified at d = 2: over all pairs of symmetric matrices, the exact two-layer SPARSE
// loss (x ~ N(0, I), w ~ N(0, I), c = 1/n) attains its minimum only at pairs (a I, b I).
//
// Reduction. The loss is invariant under A_l -> U A_l Uᵀ (one orthogonal U for both layers), so
// A_1 may be taken diagonal: θ = (p, q, r, s, t), A_1 = diag(p, q), A_2 = [[r, s], [s, t]]. The
// error matrix Π_l (I − S A_l) is affine in each A_l, so the loss f is a polynomial of degree <= 2
// in u = (p, q) and <= 2 in v = (r, s, t); its 60 coefficients are interpolated exactly from
// layer_loss<Rational> on a lattice (and checked at further points). Conjugating by the swap of
// the two axes (σ: p <-> q, r <-> t) or by diag(1, −1) (τ: s -> −s) keeps A_1 diagonal, so
// {p <= q, s >= 0} is a fundamental domain.
//
// Eliminating A_2. For fixed u, f is a quadratic in v,
//   f(u, v) = α(u) − 2 β(u)ᵀ v + vᵀ Γ(u) v,
// with Γ(u) positive definite wherever the interval LDLᵀ says so (everywhere it is needed below), so
//   g(u) = min_v f(u, v) = α − βᵀ Γ⁻¹ β,  attained only at v*(u) = Γ(u)⁻¹ β(u),
// and the global minimisers of f are the (u*, v*(u*)) with u* a global minimiser of g. The search
// runs over u alone: g's enclosure over a box U is g(c) + ∇g(U)·(U − c), where ∇g(u) = ∂_u f(u, v*(u))
// (v*(u) is stationary in v) is enclosed by ∂_u f over U × V(U), V(U) ⊇ v*(U) an interval solve.
//
// Coercivity (a box that holds every minimiser). With f_c = f at the candidate,
//   f − f_c = (1, v) Q(u) (1, v)ᵀ,  Q(u) = [[α(u) − f_c, −β(u)ᵀ], [−β(u), Γ(u)]],
// entries polynomials of degree <= 2 in u. For |u|∞ = 1/τ, τ² Q(u) is a polynomial in (û, τ) with
// |û|∞ = 1; an interval LDLᵀ proves it positive definite for τ in [0, τ₀] on every edge of the
// square (τ₀ as large as the proof reaches), so f > f_c wherever |u|∞ >= 1/τ₀ = R_u, whatever v.
//
// Search and conclusion. The interval branch and bound (interval_branch_and_bound.hpp) of g over
// [−R_u, R_u]² (p <= q kept) leaves boxes narrower than a width; they fall into groups of touching
// boxes. For each group, H_u is their hull symmetrised under p <-> q; it is covered by small boxes
// U_j on each of which the enclosure of f's Hessian over U_j × V(U_j) is proved positive definite,
// so at every u in H_u the Hessian of g — the Schur complement of f's Hessian at (u, v*(u)) — is
// positive definite: g is strictly convex on H_u. Then H_u holds at most one global minimiser u* of
// g, and since H_u and g are invariant under p <-> q, u* has p = q: A_1 = p I. Every rotation fixes
// A_1 then, so the unique v*(u*) is fixed by σ and τ: r = t, s = 0, A_2 = r I. Every global
// minimiser over symmetric pairs is conjugate to one with p <= q, s >= 0, whose u lies in a kept
// box; conjugates of (a I, b I) are itself. So the minimum is attained, and only, at scalar pairs —
// exactly, not to a tolerance; the boxes H_u × hull(V(U_j)) say where.
#include "ltv/theory/interval_branch_and_bound.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ltv {

/// f(p, q, r, s, t): the loss of (diag(p, q), [[r, s], [s, t]]) for SPARSE, L = 2, d = 2, Σ = Σ_w = I.
ScalarPolynomial<Rational> reduced_two_layer_loss(int n);

/// A group of kept boxes and what its hull shows.
struct MinimiserGroup {
  int boxes = 0;
  Box hull;                      ///< H_u × hull(V(U_j)) in (p, q, r, s, t), symmetrised under σ and τ
  bool convex = false;           ///< g is proved strictly convex on H_u
  Mpfr smallest_pivot_lower;     ///< the least lower end of the Hessians' LDLᵀ pivots (when convex)
  bool holds_candidate = false;  ///< the candidate (a₁ I, a₂ I) lies in the hull
  bool holds_swap = false;       ///< (a₂ I, a₁ I) does
};

struct TwoLayerCertificate {
  int n = 0;
  Vec<Rational> candidate;   ///< (a₁, a₂): the claimed minimiser (a₁ I, a₂ I)
  Rational candidate_loss;   ///< f there, exactly
  Mpfr radius_u;             ///< coercivity: every minimiser has |u|∞ < radius_u
  int coercivity_boxes = 0;  ///< interval LDLᵀ factorisations that proved it
  BranchAndBoundResult search;
  std::vector<MinimiserGroup> groups;
  double seconds = 0;
  /// The search is complete, g is convex on every group's H_u, and the candidate is in one of the
  /// hulls: every global minimiser is a scalar pair, and the candidate's hull holds one.
  bool certified() const;
  /// When not certified: which condition failed.
  std::string failure() const;
};

/// Certifies the claim that (a₁ I, a₂ I) minimises the loss over all symmetric pairs (d = 2, size n),
/// u-boxes kept below `min_width`. Throws std::runtime_error when coercivity in u is not proved.
TwoLayerCertificate certify_two_layer_minimum(int n, const Vec<Rational>& candidate, const Mpfr& min_width,
                                              const std::function<void(const std::string&)>& progress = {});

}  // namespace ltv
