#!/usr/bin/env bash
# `make test`'s runner: every suite runs, even after one fails, and the run ends with the total.
#
# The cross-service suite (the longest; most of its time is spent waiting on the platform it starts) runs
# beside the isolated suites, which run one after another: two jobs at a time, for a machine of two cores.
# Each suite's output is kept in var/test-output/<suite>.txt and shown when it ends; var/test-output.txt
# has them all. Usage: tests/run_suites.sh "<isolated suites>" (run from the repository's root by make).
set -uo pipefail
isolated_suites=$1
out=var/test-output
rm -rf "$out" && mkdir -p "$out"

run_suite() {
  make --no-print-directory "test-$1" >"$out/$1.txt" 2>&1
  echo $? >"$out/$1.rc"
}

# In a process group of its own (set -m), which a Ctrl-C to the terminal does not reach: the trap passes it on,
# as an interrupt, so pytest still stops the platform it started.
set -m
run_suite platform &
platform=$!
set +m
trap 'kill -INT -- -$platform 2>/dev/null; wait $platform; exit 130' INT TERM
echo "=== platform (started; its output comes at the end)"
for suite in $isolated_suites; do
  run_suite "$suite"
  echo "=== $suite"
  cat "$out/$suite.txt"
done
wait "$platform"
echo "=== platform"
cat "$out/platform.txt"

failed=""
: >var/test-output.txt
for suite in $isolated_suites platform; do
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
