"""Monte Carlo estimate of the loss of a 3-layer RELAXED model on A23's family S.

A point of S has A_l = a_l Σ⁻¹ and B_l = b_l I; with w ~ N(0, Σ⁻¹) its loss does not depend on Σ's
spectrum, so Σ = I here. The model is written out in NumPy (tokens as columns, P = diag(B, 1),
Q = diag(A, 0), c = 1/n, prediction minus the query's last entry), independently of ltv's code, and
its mean squared error is estimated on fresh sequences; docs/experiments.md compares it with the
exact loss ltv computes at its best point of S (`ltv theory stationary --family relaxed --layers 3
--d 5 --n 10 --cov-eigs 1,1,0.25,0.0625,1`).

    /usr/bin/python3 python/examples/relaxed_s_loss_mc.py [--a A0,A1,A2] [--b B0,B1] [--n 10]
"""
import argparse

import numpy as np


def loss(a, b, d, n, sequences, rng):
    X = rng.standard_normal((sequences, d, n + 1))
    w = rng.standard_normal((sequences, d))
    y = np.einsum("bdn,bd->bn", X, w)
    target = y[:, n].copy()
    y[:, n] = 0
    Z = np.concatenate([X, y[:, None, :]], axis=1)  # (sequences, d+1, n+1)
    mask = np.ones(n + 1)
    mask[n] = 0
    for l, a_l in enumerate(a):
        P = np.zeros((d + 1, d + 1))
        P[:d, :d] = (b[l] if l < len(b) else 0.0) * np.eye(d)
        P[d, d] = 1
        Q = np.zeros((d + 1, d + 1))
        Q[:d, :d] = a_l * np.eye(d)
        gram = np.einsum("bik,k,bjk->bij", Z, mask, Z)
        Z = Z + np.einsum("ij,bjk,kl,blm->bim", P, gram, Q, Z) / n
    errors = (-Z[:, d, n] - target) ** 2
    return errors.mean(), errors.std() / np.sqrt(sequences)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--a", default="-0.402,-0.02658,-3.558", help="a_0..a_{L-1} (default: ltv's best point of S)")
    p.add_argument("--b", default="0.8942,5.916", help="b_0..b_{L-2} (b_{L-1} never reaches the prediction)")
    p.add_argument("--d", type=int, default=5)
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--sequences", type=int, default=200000)
    p.add_argument("--seed", type=int, default=0)
    o = p.parse_args()
    a = [float(v) for v in o.a.split(",")]
    b = [float(v) for v in o.b.split(",")]
    mean, se = loss(a, b, o.d, o.n, o.sequences, np.random.default_rng(o.seed))
    print(f"loss {mean:.4f} ± {se:.4f} (standard error, {o.sequences} sequences)")


if __name__ == "__main__":
    main()
