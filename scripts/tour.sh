#!/usr/bin/env bash
# Starts the local cluster on 127.0.0.1:7000-7005 (installing redis-server if needed) and runs `slotted tour`
# against it. The cluster keeps running afterwards; stop it with: bash scripts/cluster.sh stop
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/cluster.sh start --base-port 7000
dotnet run --project tools/Slotted.Cli -c Release -- tour "$@"
