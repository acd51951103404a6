"""ltv.Model: model files, forward passes (bit for bit the CLI's in double), ltv.compare."""

import json

import mpmath
import numpy as np
import pytest

import ltv


def tokens(d, n, seed=0):
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((d + 1, n + 1))
    Z[d, n] = 0.0
    return Z


def test_load_save_round_trip(trained_model, tmp_path):
    m = ltv.Model.load(trained_model)
    assert (m.family, m.d, m.layers, m.heads, m.n) == ("FULL", 3, 1, 1, 10)
    m.save(tmp_path / "again.json")
    again = ltv.Model.load(tmp_path / "again.json")
    assert again.to_dict()["state"] == m.to_dict()["state"]
    assert np.array_equal(again.theta, m.theta)


def test_forward_in_double_equals_the_cli_bit_for_bit(trained_model, run_cli, tmp_path):
    m = ltv.Model.load(trained_model)
    Z = tokens(3, 10)
    np.save(tmp_path / "Z.npy", Z)
    ours = m.forward(Z)[-1]
    cli = np.array(run_cli.json("forward", "--model", trained_model, "--tokens", tmp_path / "Z.npy")["tokens"])
    assert ours.dtype == np.float64 and cli.shape == ours.shape
    assert np.array_equal(ours.view(np.uint64), cli.view(np.uint64))  # every bit
    assert m.predict(Z) == -ours[3, -1]


def test_forward_in_mpfr_agrees_with_double(trained_model, run_cli, tmp_path):
    m = ltv.Model.load(trained_model)
    Z = tokens(3, 10, seed=1)
    hi = m.forward(Z, bits=200)[-1]
    lo = m.forward(Z)[-1]
    assert np.allclose(np.array(hi.tolist(), dtype=float), lo, rtol=1e-12, atol=1e-12)
    np.save(tmp_path / "Z.npy", Z)
    cli = run_cli.json("forward", "--model", trained_model, "--tokens", tmp_path / "Z.npy", "--bits", 200)
    with mpmath.workprec(200):
        assert abs(mpmath.mpf(cli["tokens"][3][10]) - hi[3, 10]) <= abs(hi[3, 10]) * mpmath.mpf(2) ** -190


def test_compare_equals_the_cli(trained_model, run_cli):
    ours = ltv.compare(ltv.Model.load(trained_model), bits=128, sequences=4)
    cli = run_cli.json("compare", "--model", trained_model, "--bits", 128, "--sequences", 4, "--json")
    assert ours == cli
    assert ours["one_layer_optimum"]["applies"] is True


def test_bad_model_files_raise_value_errors(tmp_path):
    (tmp_path / "bad.json").write_text('{"format": "ltv-model", "schema_version": 1')
    with pytest.raises(ValueError, match="bad.json"):
        ltv.Model.load(tmp_path / "bad.json")
    with pytest.raises(ValueError):
        ltv.Model.load(tmp_path / "missing.json")


def test_bad_tokens_raise_value_errors(trained_model):
    m = ltv.Model.load(trained_model)
    with pytest.raises(ValueError, match="the model needs"):
        m.forward(np.zeros((3, 5)))
    Z = tokens(3, 10)
    Z[0, 0] = np.nan
    with pytest.raises(ValueError, match="non-finite"):
        m.forward(Z)
