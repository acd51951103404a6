#!/usr/bin/python3
"""PyTorch baseline for the ltv training-step benchmark.

What it measures
----------------
The wall time of one full training step of a linear self-attention model
("FULL" family) on in-context linear regression, in float64:

  * tokens Z in R^{(d+1) x (n+1)}: columns e_i = (x_i, y_i), i = 1..n, and the
    query column e_{n+1} = (x_q, 0);
  * L layers, H heads per layer, each head has P_h, Q_h in R^{(d+1) x (d+1)};
  * layer: G = sum_{j=1..n} e_j e_j^T (context columns only), then every
    column (query included) is updated  e_i <- e_i + c * sum_h P_h G Q_h e_i,
    with c = 1/n (--norm mean, default) or c = 1 (--norm sum);
  * prediction y_hat = -(last coordinate of the query column after layer L);
  * data: x_i, x_q, w ~ N(0, I_d), y_i = <w, x_i>, target <w, x_q>;
  * loss = mean over the batch of (y_hat - <w, x_q>)^2.

One step = forward + backward (autograd) + torch.optim.Adam step (lr 1e-4).
A fresh batch is sampled before every step, OUTSIDE the timed region (its
cost is timed separately and reported as "sample_seconds_median").

Why it is a fair baseline
-------------------------
It is written the way a careful PyTorch user would write it: batched tensors
of shape (B, d+1, n+1), bmm/matmul with broadcasting over the batch, no Python
loop over the batch (only over layers and heads), no hand-written gradients.
Debian's torch (python3-torch) dispatches its matmuls to whatever
libblas.so.3 the Debian "alternatives" system points at; the fair setup is
OpenBLAS (libopenblas0-pthread installed) with OPENBLAS_NUM_THREADS=1 and
torch's intra-op thread pool set explicitly to --threads (default 2), since
torch otherwise defaults to 1 thread on this machine.

Caveat on a shared 2-core machine: torch's OpenMP pool (libgomp) busy-waits
between parallel regions by default.  When another process competes for the
cores (e.g. a concurrent build), --threads 2 can be ~3-5x slower than
--threads 1; OMP_WAIT_POLICY=PASSIVE (must be set in the environment, before
torch is imported) removes that.  The script does not set it; it records
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / OMP_WAIT_POLICY in the JSON "env".

Run (Debian's torch is only visible to /usr/bin/python3):

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_step.py \
      --d 10 --n 20 --layers 7 --batch 2048 --steps 20 --warmup 3 --threads 2

  /usr/bin/python3 bench/torch_step.py --check     # tiny correctness case
"""

import argparse
import json
import os
import re
import resource
import statistics
import time

import torch

DTYPE = torch.float64


def init_params(d, layers, heads, std=0.02):
    """P[l][h], Q[l][h] ~ N(0, std^2), each (d+1) x (d+1), requiring grad."""
    D = d + 1
    P = [[(std * torch.randn(D, D, dtype=DTYPE)).requires_grad_()
          for _ in range(heads)] for _ in range(layers)]
    Q = [[(std * torch.randn(D, D, dtype=DTYPE)).requires_grad_()
          for _ in range(heads)] for _ in range(layers)]
    return P, Q


def sample_batch(batch, d, n):
    """Returns tokens Z (B, d+1, n+1) and targets <w, x_q> (B,)."""
    x = torch.randn(batch, d, n + 1, dtype=DTYPE)   # columns x_1..x_n, x_q
    w = torch.randn(batch, d, dtype=DTYPE)
    y = torch.einsum('bd,bdi->bi', w, x)              # <w, x_i> for all i
    target = y[:, n].clone()
    y[:, n] = 0.0                                     # query label is hidden
    Z = torch.cat([x, y.unsqueeze(1)], dim=1)         # (B, d+1, n+1)
    return Z, target


def forward(Z, P, Q, n, c):
    """Linear self-attention forward pass; returns y_hat (B,)."""
    for P_l, Q_l in zip(P, Q):
        ctx = Z[:, :, :n]                               # context columns only
        G = torch.bmm(ctx, ctx.transpose(1, 2))         # (B, D, D)
        M = None
        for P_h, Q_h in zip(P_l, Q_l):
            A = torch.matmul(torch.matmul(P_h, G), Q_h)  # P_h G Q_h, (B, D, D)
            M = A if M is None else M + A
        Z = Z + c * torch.bmm(M, Z)                     # update every column
    return -Z[:, -1, n]                                 # -(last coord of query)


def loss_fn(Z, target, P, Q, n, c):
    y_hat = forward(Z, P, Q, n, c)
    return ((y_hat - target) ** 2).mean()


def flops_per_step(d, n, layers, heads, batch):
    """Matmul flop estimate of one training step.

    Per layer and sequence, with D = d+1 (a (m x k)(k x p) product = 2mkp):
      G = ctx ctx^T             : 2 D^2 n
      P_h G Q_h  (per head)     : 2 * 2 D^3
      update M Z                : 2 D^2 (n+1)
    forward = batch * layers * (2 D^2 n + 4 H D^3 + 2 D^2 (n+1));
    forward+backward ~= 3 * forward (backward of each matmul is two matmuls
    of the same size).  Elementwise ops and Adam are not counted.
    """
    D = d + 1
    per_layer = 2 * D * D * n + heads * 4 * D ** 3 + 2 * D * D * (n + 1)
    return 3 * batch * layers * per_layer


def blas_info():
    """(what torch's build config says, which BLAS library is actually mapped)."""
    cfg = torch.__config__.show()
    m = re.search(r'BLAS_INFO=([^,\s]+)', cfg)
    built = m.group(1) if m else 'unknown'
    loaded = set()
    try:
        with open('/proc/self/maps') as f:
            for line in f:
                path = line.split()[-1]
                name = path.rsplit('/', 1)[-1]
                if 'blas' in name.lower() or 'mkl' in name.lower():
                    loaded.add(path)
    except OSError:
        pass
    return built, sorted(loaded)


def naive_loss(Z, target, P, Q, n, c):
    """Column-by-column reference of the same model (used only by --check)."""
    total = 0.0
    for b in range(Z.shape[0]):
        cols = [Z[b, :, i].clone() for i in range(n + 1)]
        for P_l, Q_l in zip(P, Q):
            G = sum(torch.outer(e, e) for e in cols[:n])
            cols = [e + c * sum(p @ G @ q @ e for p, q in zip(P_l, Q_l))
                    for e in cols]
        total = total + (-cols[n][-1] - target[b]) ** 2
    return total / Z.shape[0]


def run_check(heads):
    """Tiny deterministic case for comparison with the C++ implementation.

    d=2, n=3, L=2, B=4, --norm mean, torch.manual_seed(0).  P, Q are drawn with
    std 0.3 (not 0.02) so that the layers interact noticeably.  Prints the
    inputs (initial P, Q, tokens Z, targets), the loss and dloss/dP, dloss/dQ
    for every layer and head; floats are printed by Python's json (repr, i.e.
    shortest round-trip, full float64 precision).  Indexing: P[layer][head].
    """
    d, n, layers, batch = 2, 3, 2, 4
    torch.manual_seed(0)
    P, Q = init_params(d, layers, heads, std=0.3)
    Z, target = sample_batch(batch, d, n)
    c = 1.0 / n
    loss = loss_fn(Z, target, P, Q, n, c)
    loss.backward()
    ref = naive_loss(Z, target, P, Q, n, c).item()
    assert abs(ref - loss.item()) <= 1e-12 * max(1.0, abs(ref)), (ref, loss)

    out = {
        'check': {'d': d, 'n': n, 'layers': layers, 'heads': heads,
                  'batch': batch, 'norm': 'mean', 'seed': 0, 'init_std': 0.3},
        'Z': Z.tolist(),
        'target': target.tolist(),
        'P': [[p.detach().tolist() for p in P_l] for P_l in P],
        'Q': [[q.detach().tolist() for q in Q_l] for Q_l in Q],
        'loss': loss.item(),
        'grad_P': [[p.grad.tolist() for p in P_l] for P_l in P],
        'grad_Q': [[q.grad.tolist() for q in Q_l] for Q_l in Q],
    }
    print(json.dumps(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--d', type=int, default=10)
    ap.add_argument('--n', type=int, default=20)
    ap.add_argument('--layers', type=int, default=7)
    ap.add_argument('--heads', type=int, default=1)
    ap.add_argument('--batch', type=int, default=2048)
    ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--warmup', type=int, default=3)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--norm', choices=['mean', 'sum'], default='mean')
    ap.add_argument('--lr', type=float, default=1e-4)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--json', metavar='OUT', default=None)
    ap.add_argument('--check', action='store_true',
                    help='print loss and gradients of a tiny fixed case')
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    if args.check:
        run_check(args.heads)
        return

    torch.manual_seed(args.seed)
    d, n = args.d, args.n
    c = 1.0 / n if args.norm == 'mean' else 1.0
    P, Q = init_params(d, args.layers, args.heads)
    params = [t for lay in P + Q for t in lay]
    opt = torch.optim.Adam(params, lr=args.lr)

    step_times, sample_times, losses = [], [], []
    for it in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        Z, target = sample_batch(args.batch, d, n)      # not in the step time
        t1 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(Z, target, P, Q, n, c)
        loss.backward()
        opt.step()
        loss_value = loss.item()
        t2 = time.perf_counter()
        if it >= args.warmup:
            sample_times.append(t1 - t0)
            step_times.append(t2 - t1)
            losses.append(loss_value)

    med = statistics.median(step_times)
    built, loaded = blas_info()
    result = {
        'framework': 'pytorch',
        'torch_version': torch.__version__,
        'blas': 'BLAS_INFO=%s; loaded: %s' % (built, ', '.join(loaded) or '?'),
        'threads': torch.get_num_threads(),
        # Environment that changes the timing a lot (see the top comment).
        'env': {k: os.environ.get(k) for k in
                ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'OMP_WAIT_POLICY')},
        'd': d, 'n': n, 'layers': args.layers, 'heads': args.heads,
        'batch': args.batch, 'steps': args.steps, 'warmup': args.warmup,
        'norm': args.norm, 'dtype': 'float64',
        'seconds_per_step_median': med,
        'seconds_per_step_min': min(step_times),
        'seconds_per_step_max': max(step_times),
        'steps_per_second': 1.0 / med,
        'sample_seconds_median': statistics.median(sample_times),
        'last_loss': losses[-1],
        'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'flops_per_step_estimate': flops_per_step(d, n, args.layers,
                                                  args.heads, args.batch),
    }
    result['gflops_per_second'] = result['flops_per_step_estimate'] / med / 1e9
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        with open(args.json, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
