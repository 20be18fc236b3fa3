#!/usr/bin/env bash
# Runs Slotted side by side with StackExchange.Redis on a local 6-node cluster and prints the table of
# medians (ratio Slotted / StackExchange.Redis for every figure).
#
#   scripts/bench.sh [--base-port N] [--dir DIR] [compare options]
#
#   --base-port N   first port of the benchmark cluster (default 7000: nodes on N..N+5)
#   --dir DIR       where the cluster's nodes live (default <repo>/.cluster/<base-port>)
#   compare options are passed on: --quick, --rounds N, --json FILE, --svg FILE, --markdown FILE,
#                   --only abcd, --client slotted|stackexchange, --seconds S
#
# The cluster is started with scripts/cluster.sh (which installs redis-server if it is missing). A cluster
# that was already healthy is used and left running; one started here is stopped at the end.
# Exit code: that of the harness (0 when every workload ran; targets missed do not fail the run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE_PORT=7000
DIR=""
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base-port) [[ $# -ge 2 ]] || { echo "bench: --base-port needs a number" >&2; exit 2; }; BASE_PORT="$2"; shift 2 ;;
    --dir) [[ $# -ge 2 ]] || { echo "bench: --dir needs a path" >&2; exit 2; }; DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
[[ -n "$DIR" ]] || DIR=".cluster/$BASE_PORT"
cluster() { bash scripts/cluster.sh "$1" --base-port "$BASE_PORT" --dir "$DIR"; }

started_here=0
if ! cluster status >/dev/null 2>&1; then
  started_here=1
  cluster start
fi
stop_cluster() { if [[ "$started_here" == 1 ]]; then cluster stop >/dev/null || echo "bench: warning: stopping the cluster failed" >&2; fi; }
trap stop_cluster EXIT

if ! command -v redis-benchmark >/dev/null 2>&1; then
  echo "bench: redis-benchmark not found; the server ceiling will be reported as n/a" >&2
fi

dotnet run -c Release --project bench/Slotted.Benchmarks -- compare --nodes "127.0.0.1:$BASE_PORT" ${PASS[@]+"${PASS[@]}"}
