"""`ltv import` and ltv.Model.from_arrays: layouts, the A23 code's convention, formats, and every
malformed input rejected with a clear message (exit 2, ValueError)."""

import json

import numpy as np
import pytest

import ltv
from weights import a23_code_forward, write_safetensors

D, N = 3, 8


def random_allparam(L=2, H=1, d=D, seed=0, zero_p=False):
    a = np.random.default_rng(seed).standard_normal((L, H, 2, d, d)) * 0.3
    if zero_p:
        a[:, :, 0] = 0
    return a


def cli_import(run_cli, tmp_path, weights, *extra, check=True):
    out = tmp_path / "imported.json"
    p = run_cli("import", "--weights", weights, "--out", out, "--n", N, *extra, check=check)
    return p, out


def strip(doc):
    doc = dict(doc)
    doc.pop("imported", None)
    return doc


@pytest.mark.parametrize("zero_p, family", [(False, "RELAXED"), (True, "SPARSE")])
def test_a23_code_forward_is_the_code_s(zero_p, family):
    allparam = random_allparam(zero_p=zero_p)
    m = ltv.Model.from_arrays("a23-code", {"allparam": allparam}, n=N)
    assert m.family == family and m.norm == "mean"
    rows = np.random.default_rng(1).standard_normal((N + 1, D + 1))
    rows[N, D] = 0
    theirs = a23_code_forward(allparam, rows)
    ours = m.forward(rows.T)[-1].T  # ltv: tokens as columns
    assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    # and the transpose matters: without it the forward pass differs
    wrong = allparam.copy()
    wrong[:, :, 1] = np.swapaxes(allparam[:, :, 1], -1, -2)
    assert not np.allclose(a23_code_forward(wrong, rows), theirs, rtol=1e-6, atol=1e-6)


def test_a23_code_as_full_has_the_same_forward():
    allparam = random_allparam(H=2)
    rows = np.random.default_rng(2).standard_normal((N + 1, D + 1))
    full = ltv.Model.from_arrays("a23-code", {"allparam": allparam}, n=N, family="full")
    relaxed = ltv.Model.from_arrays("a23-code", {"allparam": allparam}, n=N)
    assert full.family == "FULL" and full.heads == 2
    assert np.allclose(full.forward(rows.T)[-1], relaxed.forward(rows.T)[-1], rtol=1e-13, atol=1e-13)


def test_cli_and_python_import_the_same_model(run_cli, tmp_path):
    allparam = random_allparam(zero_p=True).astype(np.float32)
    cov = np.diag([1.0, 0.5, 0.25])
    np.savez(tmp_path / "w.npz", allparam=allparam, cov=cov)
    _, out = cli_import(run_cli, tmp_path, tmp_path / "w.npz", "--layout", "a23-code", "--prior", "inverse-covariance")
    py = ltv.Model.from_weights(tmp_path / "w.npz", "a23-code", n=N, prior="inverse-covariance")
    assert strip(json.loads(out.read_text())) == py.to_dict()
    assert json.loads(out.read_text())["imported"]["layout"] == "a23-code"
    # θ of SPARSE is vec A column-major with A = −Q_codeᵀ, i.e. −Q_code in C order; float32 converts exactly
    assert np.array_equal(py.theta, -allparam[:, 0, 1].astype(np.float64).reshape(-1))
    # an imported model is an ordinary model file
    assert run_cli("eval", "--model", out, "--eval-size", 200, "--tuning-size", 200, "--gd-steps", 1).returncode == 0
    assert run_cli.json("compare", "--model", out, "--json", "--bits", 128, "--sequences", 2)["scalar_family"]["applies"]


def test_pq_and_safetensors(run_cli, tmp_path):
    rng = np.random.default_rng(3)
    P, Q = rng.standard_normal((2, 2, D + 1, D + 1)) * 0.2, rng.standard_normal((2, 2, D + 1, D + 1)) * 0.2
    write_safetensors(tmp_path / "w.safetensors", {"P": P, "Q": Q})
    _, out = cli_import(run_cli, tmp_path, tmp_path / "w.safetensors", "--layout", "pq", "--norm", "sum")
    m = ltv.Model.load(out)
    assert (m.family, m.layers, m.heads, m.norm) == ("FULL", 2, 2, "sum")
    for l in range(2):
        for h in range(2):
            assert np.array_equal(m.heads_pq()[l][h][0], P[l, h]) and np.array_equal(m.heads_pq()[l][h][1], Q[l, h])
    py = ltv.Model.from_arrays("pq", {"P": P, "Q": Q}, n=N, norm="sum")
    assert py.to_dict() == strip(json.loads(out.read_text()))


def test_omega(run_cli, tmp_path):
    omega = np.array([[0.1, 0.2, -0.3, 0.05], [0.4, 0.0, -1.0, 0.0]])
    m = ltv.Model.from_arrays("omega", {"omega": omega}, n=N, d=D, norm="sum")
    assert (m.family, m.heads) == ("DIAG", 2)
    doc = ltv.compare(m, bits=64, sequences=1)
    got = [row["omega_of_layer_before"] for row in doc["implicit_model"]["layers"][1:]]
    assert got == [{"xx": 0.1, "xy": 0.2, "yx": -0.3, "yy": 0.05}, {"xx": 0.4, "xy": 0.0, "yx": -1.0, "yy": 0.0}]
    g = ltv.Model.from_arrays("omega", {"omega": omega[:, [0, 2]]}, n=N, d=D, norm="mean")
    assert g.family == "GDPP"
    np.savez(tmp_path / "w.npz", omega=omega)
    p, _ = cli_import(run_cli, tmp_path, tmp_path / "w.npz", "--layout", "omega", "--norm", "sum", check=False)
    assert p.returncode == 2 and "give --d" in p.stderr
    p, _ = cli_import(run_cli, tmp_path, tmp_path / "w.npz", "--layout", "omega", "--norm", "sum", "--d", D)
    assert p.returncode == 0, p.stderr


BAD = [
    ("wrong shape", {"allparam": np.zeros((2, 1, 3, D, D))}, "a23-code", [], "has shape (2, 1, 3, 3, 3)"),
    ("NaN", {"allparam": np.where(np.arange(2 * D * D).reshape(1, 1, 2, D, D) == 13, np.nan, 0.1)}, "a23-code", [],
     "non-finite value nan at [0, 0, 1, 1, 1]"),
    ("missing array", {"P": np.zeros((1, D + 1, D + 1))}, "pq", ["--norm", "sum"], "needs the array 'Q'"),
    ("unknown array", {"allparam": np.zeros((1, 1, 2, D, D)), "extra": np.zeros(2)}, "a23-code", [],
     "unknown array 'extra'"),
    ("P not zero for SPARSE", {"allparam": random_allparam()}, "a23-code", ["--family", "sparse"],
     "every P block must be 0"),
    ("pq without norm", {"P": np.zeros((1, D + 1, D + 1)), "Q": np.zeros((1, D + 1, D + 1))}, "pq", [],
     "give the normalisation"),
    ("integer dtype", {"allparam": np.zeros((1, 1, 2, D, D), dtype=np.int64)}, "a23-code", [], "dtype"),
]


@pytest.mark.parametrize("name, arrays, layout, extra, message", BAD, ids=[b[0] for b in BAD])
def test_malformed_imports(run_cli, tmp_path, name, arrays, layout, extra, message):
    np.savez(tmp_path / "w.npz", **arrays)
    p, out = cli_import(run_cli, tmp_path, tmp_path / "w.npz", "--layout", layout, *extra, check=False)
    assert p.returncode == 2, p.stderr
    assert message in p.stderr, p.stderr
    assert not out.exists()
    kwargs = dict(zip(extra[::2], extra[1::2]))
    kwargs = {k.lstrip("-"): v for k, v in kwargs.items()}
    with pytest.raises(ValueError, match="dtype" if name == "integer dtype" else None) as e:
        ltv.Model.from_arrays(layout, arrays, n=N, **kwargs)
    if name != "integer dtype":
        assert message in str(e.value)


def test_unknown_layout(run_cli, tmp_path):
    np.savez(tmp_path / "w.npz", allparam=np.zeros((1, 1, 2, D, D)))
    p, _ = cli_import(run_cli, tmp_path, tmp_path / "w.npz", "--layout", "hf", check=False)
    assert p.returncode == 2 and "--layout" in p.stderr
    with pytest.raises(ValueError, match="unknown layout 'hf'"):
        ltv.Model.from_arrays("hf", {"allparam": np.zeros((1, 1, 2, D, D))}, n=N)


@pytest.mark.parametrize("kind", ["npz", "safetensors", "npy"])
def test_truncated_files(run_cli, tmp_path, kind):
    path = tmp_path / f"w.{kind}"
    a = random_allparam()
    if kind == "npz":
        np.savez(path, allparam=a)
    elif kind == "npy":
        np.save(path, a)
    else:
        write_safetensors(path, {"allparam": a})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    p, out = cli_import(run_cli, tmp_path, path, "--layout", "a23-code", check=False)
    assert p.returncode == 2, p.stderr
    assert str(path) in p.stderr and ("truncated" in p.stderr or "zip" in p.stderr), p.stderr
    with pytest.raises(ValueError, match="truncated|zip"):
        ltv.read_weights(path)


def test_not_a_weights_file(run_cli, tmp_path):
    (tmp_path / "w.txt").write_text("hello, world")
    p, _ = cli_import(run_cli, tmp_path, tmp_path / "w.txt", "--layout", "pq", "--norm", "sum", check=False)
    assert p.returncode == 2 and "neither a .npz/.npy file nor safetensors" in p.stderr
