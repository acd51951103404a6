"""The exact theory: ltv.theory.one_layer (A23 Theorem 1) and ltv.theory.stationary (A23 Theorems 3-4),
the same numbers as `ltv theory one-layer --json` and `ltv theory stationary --json`."""

import json

from . import _ltv
from ._numbers import Numbers, decimal_text


class OneLayerOptimum(Numbers):
    """A23 Theorem 1's optimum: .loss is the exact loss (a Fraction, when the eigenvalues and the noise
    variance are exact: ints, Fractions, floats or decimal strings), .loss_mp its mpmath value at the
    precision asked for, .loss_float a float; .grad_norm, .hessian_eig_min, .hessian_eig_max (mpmath),
    .hessian_null_dimension, .symmetry_orbit_dimension, .P and .Q (mpmath matrices; .P_float lists)."""


class StationaryPoint(Numbers):
    """The best point of A23's family S: .a (and .b for RELAXED) as mpmath values (None for a free
    scalar), .q (SPARSE: the optimal polynomial's coefficients q_1..q_L, exact Fractions), .loss,
    .grad_norm, the Hessian's inertia, .global_minimum_over_S."""


def one_layer(d, n, cov_eigs, noise_var=0, bits=256, seed=1):
    """A23 Theorem 1's optimum for Σ with eigenvalues `cov_eigs` (Σ = U diag(e) Uᵀ, U a random rotation
    from `seed`; the numbers reported do not depend on it), w ~ N(0, I), c = 1/n, label-noise
    variance `noise_var`. Computed at `bits` bits of MPFR, the GIL released."""
    eigs = [decimal_text(e) for e in cov_eigs]
    text = _ltv.theory_one_layer(int(d), int(n), eigs, decimal_text(noise_var), int(bits), int(seed))
    return OneLayerOptimum(json.loads(text))


def stationary(family, layers, d, n, cov_eigs, bits=256, seed=1, hessian=True, engine="wishart"):
    """A23 Theorems 3-4: the best point of S for `family` 'sparse' or 'relaxed' with `layers` layers,
    x ~ N(0, Σ), w ~ N(0, Σ⁻¹), c = 1/n; the GIL released."""
    eigs = [decimal_text(e) for e in cov_eigs]
    text = _ltv.theory_stationary(str(family), int(layers), int(d), int(n), eigs, int(bits), int(seed),
                                  bool(hessian), str(engine))
    data = json.loads(text)
    if "q_exact" in data:
        data["q"] = data["q_exact"]
    return StationaryPoint(data)
