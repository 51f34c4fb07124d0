#!/usr/bin/env bash
# Throughput: starts a node, pre-signs transactions, floods its JSON-RPC and prints per-block
# counts and one summary line (tx/s over the full blocks, pool refusals, submit→finalized
# latency p50/p99, node peak RSS). See tests/bench/tps.mjs for its options.
#
#   scripts/bench-tps.sh [mix] [seconds] [more tps.mjs options]    e.g. scripts/bench-tps.sh transfers 60 --rate 700
#
# It runs the benchmark chain (`civitas-node --chain benchmark`: the dev chain with 512 endowed
# staff senders). Today: mix `transfers`; the domain mixes and the four-validator run are the
# rest of issue 14.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

mix="${1:-transfers}"
seconds="${2:-60}"
shift 2 || shift $#
[ -x "$CIVITAS_NODE_BIN" ] || build_node
cd "$CIVITAS_ROOT"
[ -d node_modules/@polkadot/api ] || npm ci --no-audit --no-fund --loglevel=error
cd tests
exec node bench/tps.mjs --mix "$mix" --seconds "$seconds" "$@"
