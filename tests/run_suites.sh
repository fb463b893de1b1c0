#!/usr/bin/env bash
# `make test`'s runner: every suite runs, even after one fails, and the run ends with the total.
#
# Two suites at a time, for a machine of two cores, the longest first so the two lanes end together: the images
# (built and run, and docker-compose.yml started with them), the cross-service tests (the rest of tests/: the
# platform under gunicorn, most of their time spent waiting on it), then the package suites. "venvs" is no suite:
# the package suites' virtualenvs, made while the suites before it run, and before any suite after it starts. Each
# suite's output is kept in var/test-output/<suite>.txt and shown when it ends; var/test-output.txt has them all.
# Usage: tests/run_suites.sh "<suites, longest first>" (run from the repository's root by make).
set -uo pipefail
suites=$1
lanes=2
out=var/test-output
rm -rf "$out" && mkdir -p "$out"

run_suite() {
  make --no-print-directory "test-$1" >"$out/$1.txt" 2>&1
  echo $? >"$out/$1.rc"
}

# Each suite in a process group of its own (set -m), which a Ctrl-C to the terminal does not reach: the trap passes
# it on, as an interrupt, so pytest still stops the platform it started.
declare -A running=()
stop_all() {
  for pid in "${!running[@]}"; do kill -INT -- "-$pid" 2>/dev/null; done
  wait
  exit 130
}
trap stop_all INT TERM

show_finished() {
  for pid in "${!running[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      echo "=== ${running[$pid]}"
      cat "$out/${running[$pid]}.txt"
      unset "running[$pid]"
    fi
  done
}

for suite in $suites; do
  if [ "$suite" = venvs ]; then
    if ! make --no-print-directory test-venvs; then
      echo "the package suites' virtualenvs could not be made"
      for pid in "${!running[@]}"; do kill -INT -- "-$pid" 2>/dev/null; done
      wait
      exit 1
    fi
    continue
  fi
  while [ "${#running[@]}" -ge "$lanes" ]; do
    wait -n
    show_finished
  done
  set -m
  run_suite "$suite" &
  running[$!]=$suite
  set +m
  echo "=== $suite (started; its output comes when it ends)"
done
while [ "${#running[@]}" -gt 0 ]; do
  wait -n
  show_finished
done

failed=""
: >var/test-output.txt
for suite in ${suites/venvs/}; do
  cat "$out/$suite.txt" >>var/test-output.txt
  [ "$(cat "$out/$suite.rc" 2>/dev/null)" = 0 ] || failed="$failed $suite"
done
# pytest's closing lines only, not log lines that happen to say "N failed".
summaries=$(grep -E '^=* ?[0-9]+ (passed|failed|errors?|skipped)[^=]* in [0-9.]+s' var/test-output.txt)
passed=$(grep -oE '[0-9]+ passed' <<<"$summaries" | awk '{n += $1} END {print n + 0}')
broken=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$summaries" | awk '{n += $1} END {print n + 0}')
echo "total: $passed passed, $broken failed"
if [ -n "$failed" ]; then
  echo "FAILED suites:$failed"
  exit 1
fi
