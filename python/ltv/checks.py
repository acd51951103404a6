"""The obligations: ltv.check runs them as `ltv check` does and returns results.json's document.

They run in the built `ltv` binary (`ltv check --json`), not in the extension: they need RapidCheck,
and Debian's librapidcheck.a is not position-independent, so it cannot be linked into a shared
module. The binary is this build's (recorded in _paths.py), or $LTV_BINARY when set. The GIL is
released while it runs (it is another process)."""

import json
import os
import subprocess
import tempfile


def _binary():
    path = os.environ.get("LTV_BINARY")
    if not path:
        from ._paths import LTV_BINARY as path
    if not os.path.exists(path):
        raise RuntimeError(f"the ltv binary {path} does not exist (build the target ltv_exe, or set LTV_BINARY)")
    return path


def _run(*args):
    p = subprocess.run([_binary(), *map(str, args)], capture_output=True, text=True)
    if p.returncode == 2:
        raise ValueError(p.stderr.strip().removeprefix("ltv check: ").removeprefix("ltv: error: "))
    if p.returncode != 0:
        raise RuntimeError(f"ltv {' '.join(map(str, args))} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def check(only="*", seed=1, cases=200, bits=256):
    """Runs the obligations whose ID matches the glob `only` (e.g. 'A23.T1', 'V24.*') with `cases`
    cases per property and MPFR at `bits` bits; returns the results as `ltv check --json` writes
    them (schema ltv-results/2): a dict whose "obligations" list holds each one's verdict, tiers,
    counterexamples and negative control."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.json")
        _run("check", "--only", only, "--seed", int(seed), "--cases", int(cases), "--bits", int(bits), "--json", out)
        with open(out, encoding="utf-8") as f:
            return json.load(f)


def catalogue():
    """[(id, kind, title), ...] of every obligation, in the catalogue's order (`ltv check --list`)."""
    rows = []
    for line in _run("check", "--list").splitlines():
        if line.strip():
            rows.append((line[:16].strip(), line[16:28].strip(), line[28:].strip()))
    return rows
