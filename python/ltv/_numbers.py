"""Conversions of the library's JSON numbers: decimal strings -> mpmath.mpf at the working
precision, "p/q" -> fractions.Fraction."""

from fractions import Fraction

import mpmath


def to_mpf(text, bits):
    """A decimal string as an mpmath.mpf carrying `bits` bits (None stays None)."""
    if text is None:
        return None
    with mpmath.workprec(bits):
        return mpmath.mpf(text)


def to_mp(value, bits):
    """Decimal strings, nested in lists, as mpmath values; a list of lists becomes an mpmath.matrix."""
    if isinstance(value, str):
        return to_mpf(value, bits)
    if isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        with mpmath.workprec(bits):
            return mpmath.matrix([[mpmath.mpf(x) for x in row] for row in value])
    if isinstance(value, list):
        return [to_mp(v, bits) for v in value]
    return value


def to_float(value):
    """Decimal strings (nested in lists) as floats."""
    if isinstance(value, str):
        return float(value)
    if isinstance(value, list):
        return [to_float(v) for v in value]
    return value


def to_fraction(text):
    """ "p/q" (or "p") as a Fraction; None stays None."""
    return None if text is None else Fraction(text)


def decimal_text(x):
    """A number given by the user as the exact decimal text the library parses: ints and Fractions
    exactly (a Fraction as "p/q"), floats by their exact binary value, strings as they are."""
    if isinstance(x, bool):
        raise ValueError("a number was expected, got a bool")
    if isinstance(x, int):
        return str(x)
    if isinstance(x, Fraction):
        return f"{x.numerator}/{x.denominator}" if x.denominator != 1 else str(x.numerator)
    if isinstance(x, float):
        f = Fraction(x)  # exact
        return f"{f.numerator}/{f.denominator}" if f.denominator != 1 else str(f.numerator)
    if isinstance(x, str):
        return x
    if isinstance(x, mpmath.mpf):
        return mpmath.nstr(x, mpmath.mp.dps + 5, strip_zeros=False)
    try:
        return decimal_text(float(x))  # NumPy scalars
    except (TypeError, ValueError):
        raise ValueError(f"a number was expected, got {x!r}") from None


class Numbers:
    """The numbers of a JSON result: attribute `x` is the exact Fraction when the result has `x_exact`,
    else the mpmath value (decimal strings) or the plain value; `x_mp`, `x_float` and `x_decimal`
    give the other forms. `.data` is the JSON itself, as the CLI prints it."""

    def __init__(self, data):
        self.data = data
        self.bits = data.get("bits", 53)

    def __getattr__(self, name):
        data = self.__dict__.get("data")
        if data is None:
            raise AttributeError(name)
        for suffix, convert in (("_mp", lambda v: to_mp(v, self.bits)), ("_float", to_float), ("_decimal", lambda v: v)):
            if name.endswith(suffix) and name[: -len(suffix)] in data:
                return convert(data[name[: -len(suffix)]])
        if name in data:
            exact = data.get(name + "_exact")
            if exact is not None:
                if isinstance(exact, list):
                    return [to_fraction(e) for e in exact]
                return to_fraction(exact)
            return to_mp(data[name], self.bits)
        raise AttributeError(f"{type(self).__name__} has no '{name}' (keys: {', '.join(sorted(data))})")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.data))

    def __repr__(self):
        return f"{type(self).__name__}({self.data!r})"
