#!/usr/bin/env bash
# `mpirun -n 2 ltv experiment a24 ...` decides the same document as one process with the same seed,
# byte for byte (the document holds no timings), with both ranks doing work (the covariate study:
# the sphere and setting 3, whose own six claims come with it, 10 claims); a different seed gives
# a different document, so the comparison can fail. Then a rerun of the finished command keeps every
# job and writes the same document again. (Kills mid-run are tested on the same job runner by
# table1_mpi_test.sh.)
# Usage: a24_mpi_test.sh LTV WORKDIR
set -euo pipefail
ltv=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
args=(experiment a24 --study covariates --steps 1250 --seeds 2 --batch 8 --noise-minibatches 100)
"$ltv" "${args[@]}" --jobs 2 --out one --results one.json > one.log 2>&1
mpirun --allow-run-as-root --oversubscribe -n 2 "$ltv" "${args[@]}" --out two --results two.json > two.log 2>&1
"$ltv" "${args[@]}" --seed 2 --out other --results other.json > other.log 2>&1

fail=0
check() { if "$@"; then echo "ok   $*"; else echo "FAIL $*"; fail=1; fi; }
check grep -q "^rank 0: 5 of 10 jobs" two.log
check grep -q "^rank 1: 5 of 10 jobs" two.log
check cmp one/a24.json two/a24.json
differ() { ! cmp -s "$1" "$2"; }
check differ one/a24.json other/a24.json
check python3 -c '
import json, sys
doc = json.load(open("one.json"))["experiments"]["a24"]
ids = [c["id"] for c in doc["claims"]]
sys.exit(0 if len(ids) == 10 and all(c["verdict"] in ("REPRODUCED", "NOT-REPRODUCED", "INCONCLUSIVE") for c in doc["claims"]) else 1)'
cp one/a24.json first.json
"$ltv" "${args[@]}" --jobs 2 --out one --results one.json > again.log 2>&1
check test "$(grep -c '(kept)' again.log)" -eq 10
check cmp first.json one/a24.json
exit $fail
