#!/usr/bin/env python3
"""Weights in A23's code's layout, written with NumPy only (the CI counterpart of a23_train_torch.py,
docs/python.md): the points the theory says training reaches, perturbed by a seeded non-symmetric
relative error of `--noise`, in the conventions of A23's public code (allparam (L, H, 2, d, d);
its Q is the transpose of the papers', so a wrong transpose on import shows):

  one.npz     one layer, d = 5, n = 20, Σ = I: P = 0, Q = −((n+1)/n Σ + tr Σ/n I)⁻¹   (A23 Theorem 1)
  sparse.npz  three layers, P = 0, Q_l = −(a_l Σ⁻¹)ᵀ with a* of ltv.theory.stationary, Σ as in
              a23_train_torch.py, stored as the array `cov`                           (A23 Theorem 3)

  python3 python/examples/a23_weights_numpy.py --out /tmp/a23np
  ltv import --layout a23-code --weights /tmp/a23np/one.npz --n 20 --out one.json && ltv compare --model one.json
"""

import argparse
import pathlib

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="a23_numpy")
    ap.add_argument("--noise", type=float, default=0.003, help="relative perturbation of each Q")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    d, n = 5, 20

    def perturbed(Q):
        return Q @ (np.eye(d) + a.noise * rng.standard_normal((d, d)))  # not symmetric

    cov = np.eye(d)
    M = np.linalg.inv((n + 1) / n * cov + np.trace(cov) / n * np.eye(d))
    one = np.zeros((1, 1, 2, d, d))
    one[0, 0, 1] = perturbed(-M).T  # the code's Q is the transpose of ltv's
    np.savez(out / "one.npz", allparam=one)

    import ltv  # the exact a* of the best point of S (A23 Theorem 3)

    eigs = [1, 1, 0.25, 0.0625, 1]
    U, _ = np.linalg.qr(np.random.default_rng(a.seed).standard_normal((d, d)))
    cov = U @ np.diag(eigs) @ U.T
    cov = (cov + cov.T) / 2
    a_star = ltv.theory.stationary("sparse", layers=3, d=d, n=n, cov_eigs=eigs, hessian=False).a_float
    sparse = np.zeros((3, 1, 2, d, d))
    for l, al in enumerate(a_star):
        sparse[l, 0, 1] = -perturbed(al * np.linalg.inv(cov)).T  # ltv's SPARSE: Q = −diag(A, 0)
    np.savez(out / "sparse.npz", allparam=sparse, cov=cov)
    print(f"wrote {out / 'one.npz'} and {out / 'sparse.npz'} (a* = {', '.join(f'{x:.6f}' for x in a_star)})")


if __name__ == "__main__":
    main()
