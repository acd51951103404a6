#pragma once
// RapidCheck generators of dyadic prompts and FULL models: small, shrinkable dimensions (a failure
// shrinks to e.g. d = 1, n = 2, L = 2) and dyadic entries, so every tier sees the same numbers.
#include "ltv/core/dyadic.hpp"
#include "ltv/model/families.hpp"
#include "ltv/model/tokens.hpp"

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>

namespace ltv {

/// A prompt of n context tokens in dimension d, with dyadic entries.
struct DyadicPrompt {
  DyadicMatrix X;   ///< n×d
  DyadicMatrix y;   ///< n×1
  DyadicMatrix xq;  ///< d×1
  int d() const { return static_cast<int>(X.cols()); }
  int n() const { return static_cast<int>(X.rows()); }
  template <class T>
  Mat<T> tokens() const;
};

/// A FULL model with dyadic (P, Q) per head and layer.
struct DyadicModel {
  int d = 1;
  Norm norm = Norm::Sum;
  std::vector<std::vector<std::pair<DyadicMatrix, DyadicMatrix>>> layers;  ///< [layer][head] = (P, Q)
  template <class T>
  Model<T> to() const;
};

/// A DIAG model with dyadic (p_x, p_y, q_x, q_y) per head and layer (GD++ when every q_y is 0).
struct DyadicDiagModel {
  int d = 1;
  Norm norm = Norm::Sum;
  std::vector<std::vector<DyadicMatrix>> layers;  ///< [layer][head] = 1×4 (p_x, p_y, q_x, q_y)

  template <class T>
  std::vector<DiagHead<T>> heads(std::size_t layer) const;
  template <class T>
  Model<T> to() const;
};

/// Which of (p_x, p_y, q_x, q_y) a generated DIAG head may have nonzero.
struct DiagPattern {
  bool px = true, py = true, qx = true, qy = true;
};
inline constexpr DiagPattern kFullDiag{};
inline constexpr DiagPattern kGdpp{true, true, true, false};
inline constexpr DiagPattern kOnlyOmegaYY{false, true, false, true};
inline constexpr DiagPattern kOnlyOmegaXY{true, false, false, true};
inline constexpr DiagPattern kOnlyOmegaYX{false, true, true, false};

struct DiagCase {
  DyadicPrompt prompt;
  DyadicDiagModel model;
};

/// Limits of the generated cases.
struct FullCaseLimits {
  int max_d = 6, max_n = 12, max_layers = 4, max_heads = 3;
  int min_n = 1;
  bool n_at_least_d = false;  ///< draw n >= d (for statements about OLS on the context)
  int min_layers = 1;
};

/// A SPARSE model (A23 eq. 8) with dyadic A_l.
struct SparseCase {
  DyadicPrompt prompt;
  std::vector<DyadicMatrix> A;  ///< one d×d matrix per layer
};

struct FullCase {
  DyadicPrompt prompt;
  DyadicModel model;
};

std::ostream& operator<<(std::ostream& os, const DyadicPrompt& p);
std::ostream& operator<<(std::ostream& os, const DyadicModel& m);
std::ostream& operator<<(std::ostream& os, const FullCase& c);
void showValue(const FullCase& c, std::ostream& os);
std::ostream& operator<<(std::ostream& os, const DiagCase& c);
void showValue(const DiagCase& c, std::ostream& os);
std::ostream& operator<<(std::ostream& os, const SparseCase& c);
void showValue(const SparseCase& c, std::ostream& os);

namespace gen {

/// A rows×cols matrix of dyadic numbers k / 2^exponent with |k| <= max_numerator; entries
/// shrink towards 0.
rc::Gen<DyadicMatrix> dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator);

/// Like dyadic_matrix, with k never 0 (for entries that must not vanish, such as a pivot).
rc::Gen<DyadicMatrix> nonzero_dyadic_matrix(int rows, int cols, int exponent, std::int64_t max_numerator);

/// A dyadic prompt of the given size, entries in [-1, 1] on a grid of 1/8.
rc::Gen<DyadicPrompt> dyadic_prompt(int d, int n);

/// A FULL model whose entries are scaled (by a power of two) so that one layer's update
/// c Σ_h P G Q is of order one for tokens of order one: deep models neither explode nor vanish.
rc::Gen<DyadicModel> dyadic_model(int d, int n, int layers, int heads, Norm norm);

/// Dimensions, norm, prompt and model drawn together (dimensions shrink first).
rc::Gen<FullCase> full_case(FullCaseLimits limits = {});

/// A DIAG model, one pattern per layer, scaled like dyadic_model.
rc::Gen<DyadicDiagModel> dyadic_diag_model(int d, int n, const std::vector<DiagPattern>& layers, int heads,
                                           Norm norm);

/// A DIAG case whose layers follow `patterns` in turn (cycled when there are more layers than
/// patterns); dimensions, layer count, heads and norm drawn within limits.
rc::Gen<DiagCase> diag_case(std::vector<DiagPattern> patterns, FullCaseLimits limits = {});

/// A SPARSE case: A_l with entries scaled so that each layer's update is of order one for c = 1/n.
rc::Gen<SparseCase> sparse_case(FullCaseLimits limits = {});

}  // namespace gen
}  // namespace ltv

// Explicit instantiations for every tier (arbitrary.cpp): declared here, defined there for every tier.
#define LTV_ARBITRARY_INSTANCES(PREFIX, T)                                               \
  PREFIX template Mat<T> DyadicPrompt::tokens<T>() const;                                \
  PREFIX template Model<T> DyadicModel::to<T>() const;                                   \
  PREFIX template std::vector<DiagHead<T>> DyadicDiagModel::heads<T>(std::size_t) const; \
  PREFIX template Model<T> DyadicDiagModel::to<T>() const;
#define LTV_ARBITRARY_INSTANCES_EXTERN(T) LTV_ARBITRARY_INSTANCES(extern, T)
namespace ltv {
LTV_FOR_EACH_TIER(LTV_ARBITRARY_INSTANCES_EXTERN)
}  // namespace ltv
