#!/usr/bin/env bash
# Sets up the machine, builds everything and runs every test:
#   1. cargo tests of the workspace (pallets, runtime, node; release profile, the same build
#      the node runs with, so nothing is compiled twice);
#   2. the end-to-end tests under tests/e2e: the real node binary driven by @polkadot/api
#      (dev chain, and the four-validator local network).
# CIVITAS_SKIP_E2E=1 runs only the cargo tests.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$CIVITAS_ROOT/scripts/setup.sh"

log "cargo tests (workspace, release)"
# Building the node's test targets also builds the node binary that the e2e tests start.
cargo test --locked --release --workspace

if [ "${CIVITAS_SKIP_E2E:-0}" = 1 ]; then
	log "skipping end-to-end tests (CIVITAS_SKIP_E2E=1)"
	exit 0
fi

[ -x "$CIVITAS_NODE_BIN" ] || build_node
log "end-to-end tests (@polkadot/api against $CIVITAS_NODE_BIN)"
cd "$CIVITAS_ROOT/tests"
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 --test-reporter=spec e2e/
