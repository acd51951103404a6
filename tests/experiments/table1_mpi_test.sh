#!/usr/bin/env bash
# `mpirun -n 2 ltv reproduce table1 ...` merges the same table as one process with the same seed
# (CSV, Markdown and every cell of the JSON but the timings), with both ranks doing work; a
# different seed gives a different table, so the comparison can fail.
# Usage: table1_mpi_test.sh LTV WORKDIR
set -euo pipefail
ltv=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
args=(reproduce table1 --columns '5,{1,3}' --layers 1,2 --families DIAG,GD++ --steps 10 --batch 32
      --eval-sequences 400 --tuning-sequences 200)
"$ltv" "${args[@]}" --jobs 2 --out one > one.log 2>&1
mpirun --allow-run-as-root --oversubscribe -n 2 "$ltv" "${args[@]}" --out two > two.log 2>&1
"$ltv" "${args[@]}" --seed 2 --out other > other.log 2>&1

fail=0
check() { if "$@"; then echo "ok   $*"; else echo "FAIL $*"; fail=1; fi; }
check grep -q "^rank 1: 4 of 9 jobs" two.log
check grep -q "^rank 0: 5 of 9 jobs" two.log
check cmp one/table1.csv two/table1.csv
check cmp one/table1.md two/table1.md
check python3 -c '
import json, sys
def cells(path):
    doc = json.load(open(path))
    doc.pop("compute_seconds")
    return doc
sys.exit(0 if cells("one/table1.json") == cells("two/table1.json") else 1)'
differ() { ! cmp -s "$1" "$2"; }
check differ one/table1.csv other/table1.csv
exit $fail
