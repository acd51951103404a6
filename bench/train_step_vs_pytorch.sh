#!/usr/bin/env bash
# The training-step benchmark of issue 5: ltv against PyTorch on the same model and step (FULL,
# d = 10, n = 20, L = 7, batch 2048, float64, 2 threads; forward, backward, Adam), measured in the
# same run, interleaved (the machine alternates between fast and slow phases), medians of medians.
#
#   bash bench/train_step_vs_pytorch.sh [rounds] [steps]      (defaults 3 rounds of 10 timed steps)
#   LTV_BUILD_DIR=build-native bash bench/...                   (the benchmarks of another build; default build)
#
# Needs $LTV_BUILD_DIR/bin/ltv_bench_train_step (portable, what ltv runs) and, when the build has it
# (the native preset), $LTV_BUILD_DIR/bin/ltv_bench_train_step_native (-march=native), and Debian's python3-torch with OpenBLAS
# (apt-get install python3-torch libopenblas0-pthread). PyTorch runs twice per round, with the
# default OpenMP wait policy and with OMP_WAIT_POLICY=PASSIVE; the faster is the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LTV_BUILD_DIR:-build}/bin
rounds=${1:-3}
steps=${2:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=(--d 10 --n 20 --layers 7 --batch 2048 --threads 2 --steps "$steps" --warmup 2)
for r in $(seq 1 "$rounds"); do
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_step.py "${args[@]}" --json "$out/torch_$r.json" >/dev/null
  "$bin/ltv_bench_train_step" "${args[@]}" --json "$out/ltv_$r.json" >/dev/null
  if [ -x "$bin/ltv_bench_train_step_native" ]; then
    "$bin/ltv_bench_train_step_native" "${args[@]}" --json "$out/native_$r.json" >/dev/null
  fi
  OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_step.py "${args[@]}" \
    --json "$out/torchp_$r.json" >/dev/null
  echo "round $r of $rounds done" >&2
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda p: json.load(open(os.path.join(out, p)))
ltv = [load(f"ltv_{r}.json") for r in range(1, rounds + 1)]
torch_default = [load(f"torch_{r}.json") for r in range(1, rounds + 1)]
torch_passive = [load(f"torchp_{r}.json") for r in range(1, rounds + 1)]
med = lambda runs, key: statistics.median(x[key] for x in runs)
ltv_sps = med(ltv, "steps_per_second")
torch_sps = max(med(torch_default, "steps_per_second"), med(torch_passive, "steps_per_second"))
peak = None
try:  # theoretical peak: cores x GHz x flops/cycle (AVX2+FMA: 2 FMA units x 4 doubles x 2)
    flags = open("/proc/cpuinfo").read()
    ghz = float([l for l in flags.splitlines() if l.startswith("cpu MHz")][0].split(":")[1]) / 1000
    per_cycle = 16 if (" avx2" in flags and " fma" in flags) else 4
    peak = 2 * ghz * per_cycle
except Exception:
    pass
native = [load(f"native_{r}.json") for r in range(1, rounds + 1) if os.path.exists(os.path.join(out, f"native_{r}.json"))]
result = {
    "ltv_steps_per_second": ltv_sps,
    "ltv_native_steps_per_second": med(native, "steps_per_second") if native else None,
    "native_ratio_vs_faster_pytorch": med(native, "steps_per_second") / torch_sps if native else None,
    "ltv_native_gflops_per_second": med(native, "gflops_per_second") if native else None,
    "pytorch_steps_per_second_default_omp": med(torch_default, "steps_per_second"),
    "pytorch_steps_per_second_passive_omp": med(torch_passive, "steps_per_second"),
    "ratio_vs_faster_pytorch": ltv_sps / torch_sps,
    "ltv_gflops_per_second": med(ltv, "gflops_per_second"),
    "machine_peak_gflops_2_cores": peak,
    "ltv_fraction_of_peak": (med(ltv, "gflops_per_second") / peak) if peak else None,
    "ltv_peak_rss_mb": max(x["peak_rss_mb"] for x in ltv),
    "pytorch_peak_rss_mb": max(x["peak_rss_mb"] for x in torch_default + torch_passive),
    "torch_version": torch_default[0].get("torch_version"),
    "rounds": rounds,
}
print(json.dumps(result, indent=2))
PY
