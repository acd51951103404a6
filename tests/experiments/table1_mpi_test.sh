#!/usr/bin/env bash
# `mpirun -n 2 ltv reproduce table1 ...` merges the same table as one process with the same seed
# (CSV, Markdown and every cell of the JSON but the timings), with both ranks doing work; a
# different seed gives a different table, so the comparison can fail. Then the same with kills: one
# process, and one rank of `mpirun`, killed with SIGKILL once a job has finished; rerunning the
# command keeps the finished jobs, trains only the others, and merges the table of the run that was
# never interrupted, byte for byte. And a command that does not split its work (ltv check) refuses
# to run on two ranks.
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
# A command that does not split its work refuses more than one rank: exit 2, naming the ones that do.
status=0
mpirun --allow-run-as-root --oversubscribe -n 2 "$ltv" check --only A23.L1 --json ranks.json > ranks.log 2>&1 || status=$?
check test "$status" -ne 0
check grep -q "only \`ltv reproduce\` and \`ltv experiment\` split their work across MPI ranks" ranks.log
check test ! -e ranks.json

# Long enough jobs (a few seconds each) that a kill lands while jobs are still to do.
long=(reproduce table1 --columns '5,{1,3}' --layers 1,2 --families DIAG,GD++ --steps 3000 --batch 32
      --eval-sequences 400 --tuning-sequences 200)
"$ltv" "${long[@]}" --jobs 2 --out straight > straight.log 2>&1
trained() { grep -c "seed 0 done" "$1" || true; }
first_job() {  # OUT PID: waits until a trained job of OUT has been kept, for as long as PID runs
  # (no limit of its own: under the sanitizers on a loaded machine the first job took over a minute)
  while kill -0 "$2" 2>/dev/null; do compgen -G "$1/jobs/trained_*" > /dev/null && return 0; sleep 0.1; done
  compgen -G "$1/jobs/trained_*" > /dev/null
}
# The rank-R process of the mpirun whose output goes to OUT.
rank_pid() {
  for p in $(pgrep -f -- "--out $2\$"); do
    grep -qz "^OMPI_COMM_WORLD_RANK=$1$" "/proc/$p/environ" 2>/dev/null && { echo "$p"; return; }
  done
}
kill_and_resume() {  # OUT LAUNCHER...: run, kill after a kept job, rerun; check what was kept and redone
  local out=$1; shift
  "$@" "$ltv" "${long[@]}" --out "$out" > "$out.killed.log" 2>&1 &
  local launcher=$!
  check first_job "$out" "$launcher"
  local victim=$launcher
  [ "$1" = mpirun ] && victim=$(rank_pid 1 "$out")
  check test -n "$victim"
  kill -9 "$victim"
  wait "$launcher" && echo "FAIL the killed run finished" && fail=1
  local kept=$(ls "$out"/jobs/trained_* | wc -l)
  "$@" "$ltv" "${long[@]}" --out "$out" > "$out.resumed.log" 2>&1
  echo "$out: $kept of 4 trained jobs kept, $(trained "$out.resumed.log") trained again"
  check test "$kept" -ge 1 -a "$kept" -lt 4
  check test "$(trained "$out.resumed.log")" -eq $((4 - kept))
  check cmp straight/table1.csv "$out/table1.csv"
  check cmp straight/table1.md "$out/table1.md"
}
kill_and_resume killed env
kill_and_resume mkilled mpirun --allow-run-as-root --oversubscribe -n 2
exit $fail
