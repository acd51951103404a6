"""ltv: verifying linear transformers as in-context learners, from Python (docs/python.md).

A thin layer over the C++ library (the extension ltv._ltv): the exact theory (ltv.theory), the
obligations (ltv.check), model files, forward passes and the comparison with the theory (ltv.Model,
ltv.compare), and models trained elsewhere (ltv.Model.from_arrays, ltv.Model.from_weights).

Exact numbers are fractions.Fraction, high-precision ones mpmath.mpf at the precision requested
(their decimal strings are in .data), and every number has a float convenience value. Bad input
raises ValueError, anything else RuntimeError, with the C++ message.
"""

from . import theory
from .checks import catalogue, check
from .models import Model, compare, read_weights

__all__ = ["theory", "check", "catalogue", "Model", "compare", "read_weights"]
