#include "ltv/theory/interval_branch_and_bound.hpp"

#include "ltv/scalar/convert.hpp"

#include <algorithm>
#include <numeric>
#include <queue>
#include <stdexcept>

namespace ltv {

using boost::multiprecision::lower;
using boost::multiprecision::upper;

ScalarPolynomial<Interval> enclose(const ScalarPolynomial<Rational>& f) {
  ScalarPolynomial<Interval> out;
  out.variables = f.variables;
  out.exponents = f.exponents;
  for (const auto& c : f.coefficients) out.coefficients.push_back(enclose(c));
  return out;
}

namespace {

Mpfr midpoint(const Interval& x) { return Mpfr(boost::multiprecision::median(x)); }

struct Entry {
  Mpfr lower;  ///< f's enclosure's lower end over the box
  Box box;
  Box gradient;  ///< ∇f over the box
};

struct LowestFirst {
  bool operator()(const Entry& a, const Entry& b) const { return a.lower > b.lower; }
};

bool excludes_zero(const Interval& x) { return lower(x) > 0 || upper(x) < 0; }

}  // namespace

Box midpoint_box(const Box& box) {
  Box c(box.size());
  for (Eigen::Index i = 0; i < box.size(); ++i) c[i] = Interval(midpoint(box[i]));
  return c;
}

IntervalObjective polynomial_objective(const ScalarPolynomial<Interval>& f) {
  IntervalObjective o;
  o.variables = f.variables;
  o.over = [f](const Box& box) {
    const Box c = midpoint_box(box);
    BoxEnclosure e{f.value(box), f.gradient(box), f.value(c)};
    Interval centred = e.at_midpoint;
    for (Eigen::Index i = 0; i < box.size(); ++i) centred += e.gradient[i] * (box[i] - c[i]);
    e.value = Interval(std::max(Mpfr(lower(e.value)), Mpfr(lower(centred))),
                       std::min(Mpfr(upper(e.value)), Mpfr(upper(centred))));
    return e;
  };
  return o;
}

Mpfr width(const Box& box) {
  Mpfr w = 0;
  for (const auto& x : box) w = std::max(w, Mpfr(upper(x)) - Mpfr(lower(x)));
  return w;
}

Box hull(const std::vector<Box>& boxes) {
  if (boxes.empty()) throw std::invalid_argument("hull: no boxes");
  Box h = boxes.front();
  for (const auto& b : boxes)
    for (Eigen::Index i = 0; i < h.size(); ++i)
      h[i] = Interval(std::min(Mpfr(lower(h[i])), Mpfr(lower(b[i]))),
                      std::max(Mpfr(upper(h[i])), Mpfr(upper(b[i]))));
  return h;
}

std::vector<std::vector<Box>> touching_groups(const std::vector<Box>& boxes) {
  std::vector<std::size_t> parent(boxes.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const auto root = [&parent](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const auto touch = [](const Box& a, const Box& b) {
    for (Eigen::Index i = 0; i < a.size(); ++i)
      if (upper(a[i]) < lower(b[i]) || upper(b[i]) < lower(a[i])) return false;
    return true;
  };
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j)
      if (touch(boxes[i], boxes[j])) parent[root(i)] = root(j);
  std::vector<std::vector<Box>> groups;
  std::vector<std::ptrdiff_t> slot(boxes.size(), -1);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const std::size_t r = root(i);
    if (slot[r] < 0) {
      slot[r] = static_cast<std::ptrdiff_t>(groups.size());
      groups.emplace_back();
    }
    groups[static_cast<std::size_t>(slot[r])].push_back(boxes[i]);
  }
  return groups;
}

BranchAndBoundResult minimise(const IntervalObjective& f, const Box& box,
                              const BranchAndBoundOptions& options) {
  if (box.size() != f.variables)
    throw std::invalid_argument("branch and bound: the box has the wrong dimension");
  if (!(options.min_width > 0)) throw std::invalid_argument("branch and bound: min_width must be > 0");
  BranchAndBoundResult r;
  r.upper_bound = options.upper_bound;
  std::priority_queue<Entry, std::vector<Entry>, LowestFirst> queue;

  // Enqueues a box unless it is dropped or excluded by value; its midpoint may lower the bound.
  const auto offer = [&](Box b) {
    if (options.outside_domain && options.outside_domain(b)) {
      ++r.by_symmetry;
      return;
    }
    BoxEnclosure e = f.over(b);
    if (Mpfr(upper(e.at_midpoint)) < r.upper_bound) {
      r.upper_bound = Mpfr(upper(e.at_midpoint));
      r.best_point = b.unaryExpr([](const Interval& x) { return midpoint(x); });
    }
    if (Mpfr(lower(e.value)) > r.upper_bound) {
      ++r.by_value;
      return;
    }
    queue.push(Entry{Mpfr(lower(e.value)), std::move(b), std::move(e.gradient)});
  };

  offer(box);
  while (!queue.empty()) {
    if (r.boxes >= options.max_boxes) return r;  // incomplete
    Entry e = queue.top();
    queue.pop();
    ++r.boxes;
    if (e.lower > r.upper_bound) {
      ++r.by_value;
      continue;
    }
    if (std::any_of(e.gradient.begin(), e.gradient.end(), excludes_zero)) {
      ++r.by_monotonicity;
      continue;
    }
    Eigen::Index widest = 0;
    Mpfr widest_side = -1;
    for (Eigen::Index i = 0; i < e.box.size(); ++i) {
      const Mpfr side = Mpfr(upper(e.box[i])) - Mpfr(lower(e.box[i]));
      if (side > widest_side) {
        widest_side = side;
        widest = i;
      }
    }
    if (widest_side < options.min_width) {
      r.kept.push_back(std::move(e.box));
      continue;
    }
    const Mpfr cut = midpoint(e.box[widest]);
    Box left = e.box, right = e.box;
    left[widest] = Interval(Mpfr(lower(e.box[widest])), cut);
    right[widest] = Interval(cut, Mpfr(upper(e.box[widest])));
    offer(std::move(left));
    offer(std::move(right));
  }
  // The bound may have dropped after a box was kept.
  std::vector<Box> kept;
  r.lower_bound = r.upper_bound;
  for (auto& b : r.kept) {
    const Mpfr lo(lower(f.over(b).value));
    if (lo > r.upper_bound) {
      ++r.by_value;
      continue;
    }
    r.lower_bound = std::min(r.lower_bound, lo);
    kept.push_back(std::move(b));
  }
  r.kept = std::move(kept);
  r.complete = true;
  return r;
}

}  // namespace ltv
