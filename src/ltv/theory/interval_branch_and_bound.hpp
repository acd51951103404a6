#pragma once
// The global minimisers of a smooth function, enclosed by an interval branch and bound (MPFI).
//
// The function comes as an IntervalObjective: enclosures of its value and gradient over a box, and
// of its value at the box's midpoint. A box is a vector of intervals. Boxes are taken lowest enclosure first;
// each one is
//   * excluded by value when f's enclosure over it lies above an upper bound of the minimum (the
//     least value f certainly takes at a point seen so far: the boxes' midpoints);
//   * excluded by monotonicity when the enclosure of some partial derivative excludes 0: f has no
//     stationary point in it, so no global minimiser of f over R^m — which is why the caller must
//     know, by a coercivity bound, that every global minimiser lies inside the initial box;
//   * dropped by symmetry when the caller says it lies outside a fundamental domain (every orbit of
//     the polynomial's symmetry group meets the domain);
//   * otherwise split in two across its widest side, or, once narrower than `min_width`, kept.
// Every global minimiser of f (in the fundamental domain) lies in a kept box, and the minimum lies
// between the least lower end of the kept boxes' enclosures and the upper bound.
// For a polynomial (polynomial_objective), f's enclosure over a box is the intersection of its
// natural interval extension and its centred (mean-value) form f(c) + ∇f(box)·(box − c).
#include "ltv/theory/stationary.hpp"

#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

namespace ltv {

using Box = Vec<Interval>;

struct BranchAndBoundOptions {
  /// An upper bound of the minimum known beforehand (a value f takes, rounded up): +infinity if none.
  Mpfr upper_bound = std::numeric_limits<Mpfr>::infinity();
  /// Boxes narrower than this on every side are kept rather than split.
  Mpfr min_width;
  /// A budget: stopping at it certifies nothing (complete = false).
  std::size_t max_boxes = 2'000'000;
  /// True for a box that lies entirely outside the fundamental domain; none: keep every box.
  std::function<bool(const Box&)> outside_domain;
};

struct BranchAndBoundResult {
  std::vector<Box> kept;  ///< their union holds every global minimiser in the domain
  Mpfr lower_bound;       ///< <= the minimum
  Mpfr upper_bound;       ///< >= the minimum: f certainly takes a value <= it at best_point
  Vec<Mpfr> best_point;   ///< a midpoint with the least certified value (empty if none was seen)
  std::size_t boxes = 0;  ///< boxes examined
  std::size_t by_value = 0, by_monotonicity = 0, by_symmetry = 0;  ///< excluded or dropped, each way
  bool complete = false;  ///< false: the budget ran out, and `kept` proves nothing
};

/// Enclosures of f and of ∇f over one box, and of f at its midpoint (midpoint_box).
struct BoxEnclosure {
  Interval value;
  Box gradient;
  Interval at_midpoint;
};

struct IntervalObjective {
  int variables = 0;
  /// f and ∇f over a box (every point of it), f at its midpoint.
  std::function<BoxEnclosure(const Box&)> over;
};

/// The polynomial with every rational coefficient enclosed at the working precision.
ScalarPolynomial<Interval> enclose(const ScalarPolynomial<Rational>& f);

/// A polynomial as an objective: natural extension ∩ centred form. The polynomial is copied.
IntervalObjective polynomial_objective(const ScalarPolynomial<Interval>& f);

/// The midpoint of a box, as point intervals.
Box midpoint_box(const Box& box);

/// The branch and bound of the header comment, from `box`.
BranchAndBoundResult minimise(const IntervalObjective& f, const Box& box,
                              const BranchAndBoundOptions& options);

/// The smallest box holding every box in `boxes` (not empty).
Box hull(const std::vector<Box>& boxes);

/// The largest side of a box.
Mpfr width(const Box& box);

/// Groups boxes that touch (share at least a point), transitively.
std::vector<std::vector<Box>> touching_groups(const std::vector<Box>& boxes);

}  // namespace ltv
