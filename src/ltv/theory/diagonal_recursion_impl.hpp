#pragma once
// Definitions of diagonal_recursion.hpp (included by the per-tier instantiation units only).
#include "ltv/theory/diagonal_recursion.hpp"

namespace ltv {

template <class T>
std::pair<Vec<T>, Vec<T>> diagonal_step(const ImplicitModel<T>& m, const Omega<T>& o, const Mat<T>& gram_x_l,
                                        const T& lambda_l, const LeastSquaresContext<T>& ctx,
                                        DiagonalForm form) {
  const auto d = m.M.rows();
  const Mat<T> I = Mat<T>::Identity(d, d);
  const T& a = m.a;
  const Mat<T> Lambda = -o.xy * a * a * ctx.rho * I - o.xx * gram_x_l;
  const T coupling = form == DiagonalForm::Printed ? a : T(1);
  const Mat<T> MU = m.M + coupling * m.u * ctx.w_star.transpose();
  const Mat<T> Gamma = a * o.xy * MU;
  const Mat<T> Pi = o.yx * m.M.transpose() * MU;
  const Mat<T> Phi = a * ctx.rho * o.yx * m.M.transpose();
  const Vec<T> gap = ctx.gram_x * (a * ctx.w_star - m.w);
  return {(I - Lambda) * m.u + Gamma * gap, (T(1) + o.yy * lambda_l) * m.w - Pi * gap - Phi * m.u};
}

}  // namespace ltv
