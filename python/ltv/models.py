"""Model files: load, save, forward passes in double and MPFR on NumPy arrays, the comparison with
the theory (`ltv compare --json`), and models trained elsewhere (`ltv import`)."""

import json
import os

import numpy as np

from . import _ltv
from ._numbers import to_mp


def read_weights(path):
    """The arrays of a .npz, .npy or safetensors file as {name: float64 ndarray}, read by the same
    C++ reader as `ltv import` (float32 and float64 only; a malformed file raises ValueError)."""
    return dict(_ltv.read_weights(os.fspath(path)))


class Model:
    """An ltv model (a model file): its architecture, task and parameters."""

    def __init__(self, native):
        self._m = native

    # -- files -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path):
        """Loads and validates a model file (ValueError naming the file and the problem)."""
        return cls(_ltv.Model.load(os.fspath(path)))

    def save(self, path):
        """Writes the model file atomically; `ltv eval`, `ltv compare` and the report read it."""
        self._m.save(os.fspath(path))

    def to_dict(self):
        """The model file's JSON as a dict."""
        return json.loads(self._m.to_json())

    @classmethod
    def from_dict(cls, data):
        return cls(_ltv.Model.from_json(json.dumps(data)))

    # -- models trained elsewhere -----------------------------------------------------------------
    @classmethod
    def from_arrays(cls, layout, arrays, *, n, d=None, family=None, norm=None, cov=None, cov_eigs=None,
                    cov_seed=1, prior="identity", sigma=0.0, covariates="gaussian", source="python"):
        """A model from NumPy arrays under a named layout, as `ltv import` makes it:

        - 'a23-code': {'allparam': (L, H, 2, d, d)}, A23's public PyTorch code (its Q is transposed
          relative to the papers' formula, and c = 1/n); family 'sparse' (every P block 0),
          'relaxed' or 'full' (default: sparse when every P block is 0, else relaxed);
        - 'pq': {'P': ..., 'Q': ...}, each (L, H, d+1, d+1) or (L, d+1, d+1); norm 'sum' or 'mean';
        - 'omega': {'omega': (L, 4) DIAG ω_xx, ω_xy, ω_yx, ω_yy, or (L, 2) GD++ ω_xx, ω_yx}; norm.

        The task: context length `n`, Σ_x from `cov` (d×d), `cov_eigs` (rotated by `cov_seed` as
        `--cov-eigs --cov-seed` do) or the array 'cov' in `arrays`, else I; `prior` 'identity' or
        'inverse-covariance', fixed noise `sigma`, `covariates`. Shapes, dtypes (float32/float64),
        finiteness and the layout are validated: ValueError says exactly what does not match."""
        arrays = {str(k): np.asarray(v) for k, v in dict(arrays).items()}
        weights_d = _ltv.Model.weights_dimension(layout, arrays)
        if d is None:
            d = weights_d
        elif weights_d is not None and int(d) != weights_d:
            raise ValueError(f"d is {d}, but the weights have d = {weights_d}")
        if d is None:
            raise ValueError(f"layout {layout}: the weights do not say d; give d or an array 'cov'")
        d = int(d)
        covariance = None
        if cov is not None and cov_eigs is not None:
            raise ValueError("give cov or cov_eigs, not both")
        if cov is not None:
            covariance = np.asarray(cov, dtype=float).tolist()
        elif cov_eigs is not None:
            if len(cov_eigs) != d:
                raise ValueError(f"cov_eigs has {len(cov_eigs)} values, d is {d}")
            covariance = _ltv.covariance([float(e) for e in cov_eigs], int(cov_seed)).tolist()
        task = {"d": d, "n": int(n), "prior": prior, "covariates": covariates,
                "noise": {"mode": "fixed", "sigma": float(sigma), "levels": []}, "covariance": covariance}
        native = _ltv.Model.import_arrays(str(layout), arrays, family or "", norm or "", json.dumps(task), str(source))
        return cls(native)

    @classmethod
    def from_weights(cls, path, layout, **task):
        """from_arrays on the arrays of a .npz, .npy or safetensors file (read by the C++ reader)."""
        return cls.from_arrays(layout, read_weights(path), source=os.fspath(path), **task)

    # -- what it is --------------------------------------------------------------------------------
    family = property(lambda self: self._m.family)
    d = property(lambda self: self._m.d)
    layers = property(lambda self: self._m.layers)
    heads = property(lambda self: self._m.heads)
    norm = property(lambda self: self._m.norm)
    n = property(lambda self: self._m.n, doc="the task's context length")
    theta = property(lambda self: self._m.theta, doc="the flat parameters θ (docs/training.md)")
    covariance = property(lambda self: self._m.covariance, doc="the task's Σ_x")

    def heads_pq(self):
        """[[(P, Q) per head] per layer], in ltv's convention, as float64 arrays."""
        return self._m.heads_pq()

    def __repr__(self):
        return (f"ltv.Model({self.family}, d={self.d}, layers={self.layers}, heads={self.heads}, "
                f"norm={self.norm}, n={self.n})")

    # -- forward passes ----------------------------------------------------------------------------
    def forward(self, tokens, bits=None):
        """Every layer's tokens for the tokens Z, shape (d+1, n+1): one token per column, the query
        last (docs/conventions.md). In double: a list of float64 arrays, the same computation as
        `ltv forward` (bit for bit). With `bits`: MPFR at that precision, a list of mpmath matrices.
        The GIL is released."""
        Z = np.ascontiguousarray(tokens, dtype=np.float64)
        if Z.ndim != 2:
            raise ValueError(f"the tokens must be a 2-D array (d+1, n+1), got shape {Z.shape}")
        if bits is None:
            return [np.asarray(t) for t in self._m.forward(Z)]
        return [to_mp(t, int(bits)) for t in self._m.forward_mpfr(Z, int(bits))]

    def predict(self, tokens, bits=None):
        """ŷ = −y_{n+1}^L, the last layer's label entry of the query, negated."""
        last = self.forward(tokens, bits)[-1]
        return -last[self.d, last.cols - 1] if bits is not None else -float(last[self.d, -1])

    # -- against the theory ------------------------------------------------------------------------
    def compare(self, bits=256, sequences=16, seed=3):
        """The comparison with the exact theory, as `ltv compare --json` prints it (a dict)."""
        return json.loads(self._m.compare(int(bits), int(sequences), int(seed)))


def compare(model, bits=256, sequences=16, seed=3):
    """`ltv compare --json` for a Model (or a model file's path), as a dict."""
    if not isinstance(model, Model):
        model = Model.load(model)
    return model.compare(bits=bits, sequences=sequences, seed=seed)
