#!/usr/bin/env bash
# Runs the fault scenarios against the real node binary (tests/faults/) and prints their
# figures; the test suite runs their short versions (tests/e2e/faults.test.mjs).
#
#   scripts/faults.sh [validators|crash|bad-input|upgrade|all] [--long]
#
#   validators  four-validator network: one SIGKILLed (finality goes on), two (it stops and
#               resumes on restart), two SIGSTOPped then SIGCONTed, one restarted from an
#               empty database; --long observes each stall for 60 s instead of 30 s
#   crash       dev node SIGKILLed under load and restarted on its base path: 3 times, 20
#               with --long; nothing finalized is lost
#   bad-input   malformed, oversized, wrongly signed, stale, replayed, unknown-call
#               extrinsics and a flood from fresh keys (1,000, or 5,000 with --long); unsafe
#               RPC methods on --rpc-external
#   upgrade     the runtime-upgrade drill: runtime/next (spec version + 1, Licences storage
#               v0 -> v1) authorized by consortium vote and applied on the four-validator
#               network; all four nodes on the new version, state unchanged but the migration
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

scenario="${1:-all}"
shift || true
"$CIVITAS_ROOT/scripts/setup.sh"
[ -x "$CIVITAS_NODE_BIN" ] || build_node
case "$scenario" in upgrade | all) build_drill_runtime ;; esac
cd "$CIVITAS_ROOT"
[ -d node_modules/@polkadot/api ] || npm ci --no-audit --no-fund --loglevel=error
cd tests
if [ "$scenario" = all ]; then
	for s in bad-input crash validators upgrade; do node faults/run.mjs "$s" "$@"; done
else
	node faults/run.mjs "$scenario" "$@"
fi
