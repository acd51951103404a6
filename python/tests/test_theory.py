"""ltv.theory: the exact numbers, the same as the CLI's --json, as Fractions and mpmath values."""

import threading
import time
from fractions import Fraction

import mpmath
import pytest

import ltv


def test_one_layer_loss_is_the_exact_fraction():
    r = ltv.theory.one_layer(d=5, n=20, cov_eigs=[1] * 5)
    assert isinstance(r.loss, Fraction)
    # Σ = I, d = 5, n = 20: the optimum's loss is 15/13 (docs/training.md: 1.153846...).
    assert r.loss == Fraction(15, 13)
    assert isinstance(r.loss_mp, mpmath.mpf)
    with mpmath.workprec(256):
        assert abs(r.loss_mp - mpmath.mpf(15) / 13) < mpmath.mpf(2) ** -250
    assert r.loss_float == pytest.approx(15 / 13, rel=1e-15)
    assert r.hessian_negative_eigenvalues == 0
    assert r.P_float[5][5] == 1.0


def test_one_layer_equals_the_cli(run_cli):
    r = ltv.theory.one_layer(d=3, n=7, cov_eigs=["1", "0.5", "0.25"], noise_var="0.1", bits=128)
    cli = run_cli.json("theory", "one-layer", "--d", 3, "--n", 7, "--cov-eigs", "1,0.5,0.25", "--noise-var", "0.1",
                       "--bits", 128, "--json")
    assert r.data == cli
    assert r.loss == Fraction(cli["loss_exact"])
    assert abs(float(r.loss) - float(cli["loss"])) < 1e-15


def test_exact_inputs_of_every_kind_agree():
    a = ltv.theory.one_layer(d=2, n=4, cov_eigs=[Fraction(1, 4), 0.5], bits=64)
    b = ltv.theory.one_layer(d=2, n=4, cov_eigs=["0.25", "1/2"], bits=64)
    assert a.loss == b.loss


def test_stationary_sparse_equals_the_cli(run_cli):
    r = ltv.theory.stationary("sparse", layers=2, d=3, n=10, cov_eigs=[1, 0.5, 0.25], bits=128, hessian=False)
    cli = run_cli.json("theory", "stationary", "--family", "sparse", "--layers", 2, "--d", 3, "--n", 10,
                       "--cov-eigs", "1,0.5,0.25", "--bits", 128, "--no-hessian", "--json")
    assert r.data["a"] == cli["a"] and r.data["loss"] == cli["loss"]
    assert all(isinstance(q, Fraction) for q in r.q)
    # a_l are the roots of t^L + q_1 t^{L-1} + ... + q_L
    with mpmath.workprec(128):
        for a in r.a:
            q1, q2 = (mpmath.mpf(q.numerator) / q.denominator for q in r.q)
            assert abs(a ** 2 + q1 * a + q2) < mpmath.mpf(2) ** -100


@pytest.mark.parametrize("kwargs, message", [
    (dict(d=2, n=4, cov_eigs=[1]), "--cov-eigs has 1 values"),
    (dict(d=2, n=0, cov_eigs=[1, 1]), ""),
    (dict(d=2, n=4, cov_eigs=[1, -1]), ""),
    (dict(d=2, n=4, cov_eigs=["one", 1]), "must be a number"),
])
def test_bad_input_is_a_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ltv.theory.one_layer(**kwargs)


def test_the_gil_is_released_during_the_computation():
    ticks = []
    done = threading.Event()

    def work():
        ltv.theory.one_layer(d=5, n=20, cov_eigs=[1, 2, 3, 4, 5], bits=512)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks.append(time.monotonic())
        time.sleep(0.005)
    t.join()
    # Python code ran while the C++ computation did (a held GIL would allow about one tick).
    assert len(ticks) > 5
