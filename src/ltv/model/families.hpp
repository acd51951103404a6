#pragma once
// The parameter families of the papers, each a map to full per-head (P, Q) (docs/conventions.md):
//   DIAG    (V24 eq. 9-10)  P_h = diag(p_x I, p_y),  Q_h = diag(q_x I, q_y)
//   GDPP    (V24 eq. 11)    DIAG with q_y = 0
//   SPARSE  (A23 eq. 8)     P = diag(0, 1),  Q = -diag(A, 0)
//   RELAXED (A23 eq. 11)    P = diag(B, 1),  Q = diag(A, 0)
#include "ltv/model/parameters.hpp"

namespace ltv {

template <class T>
struct DiagHead {
  T px, py, qx, qy;
};

/// The four aggregated coefficients of a DIAG layer, summed over heads.
template <class T>
struct Omega {
  T xx, xy, yx, yy;
};

template <class T>
Omega<T> omega(const std::vector<DiagHead<T>>& heads);

/// diag(x I_d, y) as a (d+1)×(d+1) matrix.
template <class T>
Mat<T> block_diag(int d, const T& x, const T& y);

/// diag(top_left, corner) as a (d+1)×(d+1) matrix.
template <class T>
Mat<T> block_diag(const Mat<T>& top_left, const T& corner);

template <class T>
Layer<T> diag_layer(int d, const std::vector<DiagHead<T>>& heads);

/// A GD++ layer: DIAG heads with q_y forced to 0 (so ω_xy = ω_yy = 0).
template <class T>
Layer<T> gdpp_layer(int d, std::vector<DiagHead<T>> heads);

template <class T>
Layer<T> sparse_layer(const Mat<T>& A);

template <class T>
Layer<T> relaxed_layer(const Mat<T>& A, const Mat<T>& B);

}  // namespace ltv

// Explicit instantiations for every tier (model/tier_*.cpp): declared here, defined once per tier.
#define LTV_FAMILIES_INSTANCES(PREFIX, T)                                       \
  PREFIX template Omega<T> omega<T>(const std::vector<DiagHead<T>>&);           \
  PREFIX template Mat<T> block_diag<T>(int, const T&, const T&);                \
  PREFIX template Mat<T> block_diag<T>(const Mat<T>&, const T&);                \
  PREFIX template Layer<T> diag_layer<T>(int, const std::vector<DiagHead<T>>&); \
  PREFIX template Layer<T> gdpp_layer<T>(int, std::vector<DiagHead<T>>);        \
  PREFIX template Layer<T> sparse_layer<T>(const Mat<T>&);                      \
  PREFIX template Layer<T> relaxed_layer<T>(const Mat<T>&, const Mat<T>&);
#define LTV_FAMILIES_INSTANCES_EXTERN(T) LTV_FAMILIES_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_FAMILIES_INSTANCES_EXTERN)
}  // namespace ltv

// Definitions: families_impl.hpp, compiled once per tier in model/tier_*.cpp.
