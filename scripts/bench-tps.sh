#!/usr/bin/env bash
# Throughput: starts a node (or, with --network, the four-validator local network), pre-signs
# transactions, floods JSON-RPC and prints per block the signed transactions, the authoring
# time (and, on the network, when every other validator had imported it), then one table: per
# mix, tx/s over the full blocks, the ratio to balance transfers of the same run, pool
# refusals, submit→finalized latency p50/p99 and the nodes' peak RSS. See tests/bench/tps.mjs
# for its options.
#
#   scripts/bench-tps.sh [mixes] [seconds] [more tps.mjs options]
#   e.g. scripts/bench-tps.sh transfers,verify,all 70 --rate 2000
#        scripts/bench-tps.sh transfers,all 60 --network
#
# Mixes: transfers (balance transfers), verify (consented `identity.verify`), all (the two, one
# after the other). Each runs on a fresh chain: the benchmark chain (`civitas-node --chain
# benchmark`: the dev chain with 512 endowed staff senders, 4,096 persons with consents to
# every founding agency and a licence type), or
# `benchmark-local` (the same on the four-validator local consortium).
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
