#!/usr/bin/env bash
# Runs every test of the solution against a local cluster and prints, as its last line,
#   N passed, N failed[, N skipped]
# summed from the TRX files this run wrote. Exit code 0 only if the test command succeeded and nothing failed.
#
# Works on a fresh clone (the .NET SDK is the only prerequisite): cluster.sh installs redis-server if it is
# missing, starts the test cluster (or reuses a healthy one), and this script stops it again at the end.
#   SLOTTED_TEST_BASE_PORT  first port of the test cluster (default 7100; nodes use it .. +5 and +10000)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE_PORT="${SLOTTED_TEST_BASE_PORT:-7100}"
CLUSTER_DIR=".cluster/test-$BASE_PORT"
RESULTS_DIR="TestResults"
export SLOTTED_TEST_BASE_PORT="$BASE_PORT"

cluster() { bash scripts/cluster.sh "$1" --base-port "$BASE_PORT" --dir "$CLUSTER_DIR"; }

cluster_stopped=0
stop_cluster() {
  if [[ "$cluster_stopped" == 0 ]]; then
    cluster_stopped=1
    cluster stop || echo "test.sh: warning: stopping the test cluster failed" >&2
  fi
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sums the <Counters> of the given TRX files. xunit's skipped tests are not in "notExecuted" (which stays 0):
# they count in "total" but not in "executed", so skipped = total - executed.
summarize() {
  if (( $# == 0 )); then echo "0 passed, 0 failed"; return; fi
  grep -ho '<Counters [^>]*>' "$@" | awk '
    function attr(tag, name) {
      if (match(tag, " " name "=\"[0-9]+\"")) return substr(tag, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0
      return 0
    }
    {
      total += attr($0, "total"); executed += attr($0, "executed"); passed += attr($0, "passed")
      failed += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
      not_executed += attr($0, "notExecuted")
    }
    END {
      skipped = total - executed; if (not_executed > skipped) skipped = not_executed
      line = passed " passed, " failed " failed"
      if (skipped > 0) line = line ", " skipped " skipped"
      print line
    }'
}

# A failed start is not fatal: tests that need no server still run, and the cluster fixture reports the error.
cluster start || echo "test.sh: warning: the test cluster did not start; cluster tests will fail" >&2

mkdir -p "$RESULTS_DIR"
marker="$RESULTS_DIR/.run-started"
touch "$marker"
test_status=0
dotnet test Slotted.slnx -c Release --filter "Category!=Fault" --logger "trx" --results-directory "$RESULTS_DIR" || test_status=$?

# The fault suite (docs/reliability.md) runs after the rest, alone: it kills, pauses and reshards the nodes of its own
# cluster (SLOTTED_FAULT_BASE_PORT, default 7200) under load and checks timings that test assemblies running beside
# it on two cores would disturb. Its fixture starts that cluster and stops it again.
dotnet test tests/Slotted.FaultTests -c Release --no-build --logger "trx" --results-directory "$RESULTS_DIR" || test_status=$?

stop_cluster

trx_files=()
while IFS= read -r -d '' f; do trx_files+=( "$f" ); done < <(find "$RESULTS_DIR" -name '*.trx' -newer "$marker" -print0)
summary="$(summarize "${trx_files[@]}")"
failed="$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' <<<"$summary")"
printf '%s\n' "$summary" >"$RESULTS_DIR/summary.txt"
(( test_status == 0 )) || echo "test.sh: the test command exited with code $test_status" >&2
echo "$summary"
if (( test_status != 0 )); then exit "$test_status"; fi
if [[ "$failed" != 0 ]]; then exit 1; fi
exit 0
