#pragma once
// The exact theory's numbers as JSON: what `ltv theory one-layer --json` and `ltv theory stationary
// --json` print and what the Python module returns (ltv.theory), built in one place. Every number
// is a decimal string at the working precision (scalar/precision.hpp); where the value is exactly
// rational it is given as "p/q" too (`*_exact`), so that Python can hand out a Fraction.
#include "ltv/expect/one_layer_analysis.hpp"
#include "ltv/theory/stationary_analysis.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltv {

/// A decimal number ("0.25", "1e-3", "-2") or a fraction ("1/3") as an Mpfr at the working precision; throws
/// std::invalid_argument naming `what` and the text otherwise.
Mpfr parse_decimal(const std::string& text, const std::string& what);

/// The same text as an exact rational ("0.25" -> 1/4; "1/3" is accepted too); nullopt when it is
/// not a finite decimal or a fraction of integers.
std::optional<Rational> parse_exact_rational(const std::string& text);

/// The d eigenvalues of Σ (`--cov-eigs`) at the working precision; throws std::invalid_argument
/// unless there are exactly d numbers.
Vec<Mpfr> parse_spectrum(const std::vector<std::string>& texts, int d);

/// A23 Theorem 1's optimum loss as an exact rational: Σ = diag(eigenvalues) (the loss does not see
/// the rotation), w ~ N(0, I), c = 1/n, label-noise variance `noise_var`.
Rational one_layer_optimum_loss_exact(const Vec<Rational>& eigenvalues, int n, const Rational& noise_var);

/// `ltv theory one-layer --json`: the analysis `t` (computed at `bits`), and "loss_exact" ("p/q")
/// when every eigenvalue and the noise variance are exact decimals (null otherwise).
nlohmann::json one_layer_json(const OneLayerTheory& t, unsigned bits, int n,
                              const std::vector<std::string>& eigenvalues, const std::string& noise_var);

/// `ltv theory stationary --json`; for SPARSE also "q_exact", the optimal polynomial's coefficients
/// q_1..q_L as "p/q" (A23 Theorem 3's convex form; theory/stationary_analysis.hpp): they depend
/// on n and d only, so they are exact for every spectrum.
nlohmann::json stationary_json(const StationaryTheory& t, LayerFamily family, int layers, int n,
                               unsigned bits);

}  // namespace ltv
