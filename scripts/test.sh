#!/usr/bin/env bash
# Sets up the machine, builds everything and runs every test:
#   1. cargo tests of the workspace (pallets, runtime, node; release profile, the same build
#      the node runs with, so nothing is compiled twice);
#   2. the end-to-end tests under tests/e2e: the real node binary driven by @polkadot/api and
#      by the typed client (clients/, polkadot-api) (dev chain, and the four-validator local
#      network), with the short versions of the fault scenarios and the runtime-upgrade drill
#      (whose second runtime is built first).
# CIVITAS_SKIP_E2E=1 runs only the cargo tests. At the end, and on a failure, it prints how long
# each phase took (issue 34: a change that costs minutes shows where).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

phase_name=''
phase_start=$SECONDS
phase_times=()
# Starts phase "$1" (and ends the one before).
phase() {
	[ -z "$phase_name" ] || phase_times+=("$(printf '%-30s %5d s' "$phase_name" $((SECONDS - phase_start)))")
	phase_name="$1"
	phase_start=$SECONDS
	[ -z "$1" ] || log "$1"
}
report_phases() {
	local status=$?
	phase ''
	log "phases ($( [ "$status" = 0 ] && echo passed || echo "failed, exit $status"), $((SECONDS / 60)) min in all):"
	printf '  %s\n' "${phase_times[@]}" >&2
}
trap report_phases EXIT

phase "set-up"
"$CIVITAS_ROOT/scripts/setup.sh"

phase "cargo tests (workspace, release)"
# Building the node's test targets also builds the node binary that the e2e tests start.
# (The upgrade drill's runtime is the runtime's own sources again: its wasm is built below.)
cargo test --locked --release --workspace --exclude civitas-runtime-next

if [ "${CIVITAS_SKIP_E2E:-0}" = 1 ]; then
	log "skipping end-to-end tests (CIVITAS_SKIP_E2E=1)"
	exit 0
fi

# The node binary: the cargo tests above built it with the same features, so this finds it
# fresh (it rebuilds one that another build, `scripts/benchmark.sh` say, replaced).
phase "node build"
build_node
phase "drill runtime"
build_drill_runtime
phase "JavaScript install and builds"
log "end-to-end tests (@polkadot/api and the typed client against $CIVITAS_NODE_BIN)"
# One install for the JavaScript workspaces (clients/, console/, tests/), then the typed client's
# descriptors, generated from the committed metadata.
cd "$CIVITAS_ROOT"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent -w clients generate
# The web console, which e2e/console.test.mjs drives in headless Chromium.
npm run --silent -w console build
cd "$CIVITAS_ROOT/tests"
# The stories on a dev chain, each file on its own dev node, five files at a time (their
# nodes take the ports the system gives them and report them in their logs, so parallel files
# never share a node); then, one at a time, the tests that run several nodes or load one: the
# throughput tool's smoke run (its load would starve the stories' nodes as they start), the
# local network, validator changes, the fault scenarios and the upgrade drill.
serial=(e2e/bench-smoke.test.mjs e2e/local-network.test.mjs e2e/validators.test.mjs e2e/faults.test.mjs)
stories=()
for f in e2e/*.test.mjs; do
	case " ${serial[*]} " in *" $f "*) ;; *) stories+=("$f") ;; esac
done
phase "e2e stories (five at a time)"
node --test --test-concurrency=5 --test-reporter=spec "${stories[@]}"
phase "e2e serial"
node --test --test-concurrency=1 --test-reporter=spec "${serial[@]}"
