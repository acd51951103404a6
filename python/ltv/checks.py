"""The obligations: ltv.check runs them as `ltv check` does and returns results.json's document."""

import json

from . import _ltv


def check(only="*", seed=1, cases=200, bits=256):
    """Runs the obligations whose ID matches the glob `only` (e.g. 'A23.T1', 'V24.*') with `cases`
    cases per property and MPFR at `bits` bits; returns the results as `ltv check --json` writes
    them (schema ltv-results/2): a dict whose "obligations" list holds each one's verdict, tiers,
    counterexamples and negative control. The GIL is released while they run."""
    return json.loads(_ltv.check(str(only), int(seed), int(cases), int(bits)))


def catalogue():
    """[(id, kind, title), ...] of every obligation, in the catalogue's order (`ltv check --list`)."""
    return list(_ltv.catalogue())
