"""End to end on weights from another program (NumPy only; the PyTorch run is docs/python.md's):
python/examples/a23_weights_numpy.py writes A23-code weights, `ltv import` reads them, and `ltv
compare` finds the one-layer model within 1% of A23 Theorem 1's optimum and the three-layer SPARSE
model on A23 Theorem 3's family, at the theory's a*."""

import os
import subprocess
import sys

import pytest

SCRIPT = os.path.join(os.environ.get("LTV_SOURCE_DIR", "."), "python", "examples", "a23_weights_numpy.py")


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    out = tmp_path_factory.mktemp("a23np")
    subprocess.run([sys.executable, SCRIPT, "--out", out], check=True, env=dict(os.environ))
    return out


def imported(run_cli, weights, name, *extra):
    model = weights / f"{name}.json"
    run_cli("import", "--layout", "a23-code", "--weights", weights / f"{name}.npz", "--n", 20, "--out", model, *extra)
    return run_cli.json("compare", "--model", model, "--json", "--sequences", 2)


def test_one_layer_is_within_one_percent_of_the_optimum(run_cli, weights):
    one = imported(run_cli, weights, "one")["one_layer_optimum"]
    assert one["applies"] is True
    assert 0 <= one["relative_loss_gap"] < 0.01
    assert one["parameter_distance_modulo_symmetry"] < 0.02


def test_three_layer_sparse_is_on_the_theorem_3_family(run_cli, weights):
    fam = imported(run_cli, weights, "sparse", "--prior", "inverse-covariance")["scalar_family"]
    assert fam["applies"] is True
    assert fam["worst_dist_sigma_half_A_sigma_half"] < 0.02
    assert len(fam["a_matching"]) == 3
    for m in fam["a_matching"]:
        assert m["relative_error"] < 0.01
    assert fam["exact_loss_trained"] / fam["exact_loss_theory_point"] - 1 < 0.01
