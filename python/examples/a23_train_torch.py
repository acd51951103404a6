#!/usr/bin/env python3
"""End to end with PyTorch (not in CI: Debian's python3-torch is too heavy for it; docs/python.md).

Trains, with A23's parameterisation and conventions as in A23's public code
(github.com/chengxiang/LinearTransformer, linear_transformer.py: parameters `allparam` of shape
(L, H, 2, d, d); P_full = diag(P, 1), Q_full = diag(Q, 0); the attention of token n to token m is
z_nᵀ Q_full z_m over the n context tokens, divided by n; ŷ = −Z[n, d]), two models:

  one.npz     one layer, d = 5, n = 20, x ~ N(0, I), w ~ N(0, I)            (A23 Theorem 1)
  sparse.npz  three layers with every P block held at 0 (A23's SPARSE form), d = 5, n = 20,
              Σ = U diag(1, 1, 0.25, 0.0625, 1) Uᵀ, w ~ N(0, Σ⁻¹)           (A23 Theorem 3)

and writes them as .npz files in the a23-code layout (with Σ as the array `cov`), then, with --ltv,
imports them (`ltv import --layout a23-code`) and prints `ltv compare`. Usage:

  apt-get install -y --no-install-recommends python3-torch
  python3 python/examples/a23_train_torch.py --out /tmp/a23 --ltv build-test/bin/ltv
"""

import argparse
import math
import pathlib
import subprocess
import time

import numpy as np
import torch


def forward(allparam, Z):
    """A23's code's linear transformer on a batch Z (B, n+1, d+1), tokens as rows."""
    L, H, _, d, _ = allparam.shape
    n = Z.shape[1] - 1
    mask = torch.ones(n + 1, dtype=Z.dtype)
    mask[n] = 0  # the query is not a key
    for i in range(L):
        residues = 0
        for j in range(H):
            P = torch.zeros(d + 1, d + 1, dtype=Z.dtype)
            P[:d, :d] = allparam[i, j, 0]
            P[d, d] = 1
            Q = torch.zeros(d + 1, d + 1, dtype=Z.dtype)
            Q[:d, :d] = allparam[i, j, 1]
            attn = torch.einsum("BNi,ij,BMj->BNM", Z, Q, Z) * mask  # z_nᵀ Q z_m, keys m <= n
            key = torch.einsum("ij,BMj->BMi", P, Z)
            residues = residues + torch.einsum("BNM,BMi->BNi", attn, key) / n
        Z = Z + residues
    return Z


def batch(B, n, d, root, gen):
    """x = Σ^{1/2} g, w = Σ^{-1/2} g' (so w ~ N(0, Σ⁻¹)) or w ~ N(0, I) when root is None."""
    X = torch.randn(B, n + 1, d, generator=gen, dtype=torch.float64)
    W = torch.randn(B, d, generator=gen, dtype=torch.float64)
    if root is not None:
        X = X @ root.T
        W = W @ torch.linalg.inv(root)  # rows w = Σ^{-1/2} g, root symmetric
    y = torch.einsum("bi,bni->bn", W, X)
    target = y[:, n].clone()
    y[:, n] = 0
    return torch.cat([X, y.unsqueeze(2)], dim=2), target


def train(L, d, n, steps, lr, B, cov, zero_p, seed):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed + 1)
    allparam = torch.nn.Parameter(torch.randn(L, 1, 2, d, d, dtype=torch.float64) * 0.05)
    if zero_p:
        with torch.no_grad():
            allparam[:, :, 0].zero_()
    root = None
    if cov is not None:
        e, U = np.linalg.eigh(cov)
        root = torch.tensor(U @ np.diag(np.sqrt(e)) @ U.T)
    opt = torch.optim.Adam([allparam], lr=lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / steps)))
    for t in range(steps):
        Z, target = batch(B, n, d, root, gen)
        loss = ((forward(allparam, Z)[:, n, d] + target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        if zero_p:
            allparam.grad[:, :, 0].zero_()
        opt.step()
        sched.step()
        if t % max(1, steps // 5) == 0 or t == steps - 1:
            print(f"  step {t:5d}  batch loss {loss.item():.6f}", flush=True)
    return allparam.detach().numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="a23_torch", help="folder for the .npz and model files")
    ap.add_argument("--ltv", help="the ltv binary: import and compare the weights")
    ap.add_argument("--steps-one", type=int, default=2000)
    ap.add_argument("--steps-sparse", type=int, default=6000)
    ap.add_argument("--batch-one", type=int, default=2048)
    ap.add_argument("--lr-one", type=float, default=0.01, help="Adam's learning rate (cosine schedule)")
    # The three-layer model as ltv trains it in docs/training.md (batch 4000, Adam at 0.05, cosine).
    ap.add_argument("--batch-sparse", type=int, default=4000)
    ap.add_argument("--lr-sparse", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["one", "sparse"], help="train only this model")
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(2)
    d, n = 5, 20

    t0 = time.time()
    if a.only != "sparse":
        print("one layer, Σ = I, w ~ N(0, I)")
        one = train(1, d, n, a.steps_one, a.lr_one, a.batch_one, None, False, a.seed)
        np.savez(out / "one.npz", allparam=one)
        print(f"  {time.time() - t0:.0f} s")
    t1 = time.time()
    if a.only != "one":
        print("three layers, P = 0 (SPARSE), Σ = U diag(1, 1, 0.25, 0.0625, 1) Uᵀ, w ~ N(0, Σ⁻¹)")
        U, _ = np.linalg.qr(np.random.default_rng(a.seed).standard_normal((d, d)))
        cov = U @ np.diag([1, 1, 0.25, 0.0625, 1]) @ U.T
        cov = (cov + cov.T) / 2
        sparse = train(3, d, n, a.steps_sparse, a.lr_sparse, a.batch_sparse, cov, True, a.seed)
        np.savez(out / "sparse.npz", allparam=sparse, cov=cov)
        print(f"  {time.time() - t1:.0f} s")

    if a.ltv:
        for name, extra in (("one", []), ("sparse", ["--prior", "inverse-covariance"])):
            if a.only and a.only != name:
                continue
            model = out / f"{name}.json"
            subprocess.run([a.ltv, "import", "--layout", "a23-code", "--weights", out / f"{name}.npz", "--n", str(n),
                            "--out", model, *extra], check=True)
            subprocess.run([a.ltv, "compare", "--model", model], check=True)


if __name__ == "__main__":
    main()
