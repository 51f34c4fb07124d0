#!/usr/bin/env bash
# Regenerates chain-specs/local.json (plain) and chain-specs/local-raw.json (raw) from the
# runtime, and the typed client's metadata (scripts/update-client.sh). Run it after every
# runtime change; `node/tests/chain_specs.rs` and `runtime/tests/client_metadata.rs` fail
# until you do.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ "${CIVITAS_SKIP_BUILD:-0}" = 1 ] || build_node
out="$CIVITAS_ROOT/chain-specs"
mkdir -p "$out"
"$CIVITAS_NODE_BIN" export-chain-spec --chain local >"$out/local.json"
"$CIVITAS_NODE_BIN" export-chain-spec --chain local --raw >"$out/local-raw.json"
log "wrote $out/local.json and $out/local-raw.json"
# The typed client's metadata comes from the same runtime.
CIVITAS_SKIP_BUILD=1 "$CIVITAS_ROOT/scripts/update-client.sh"
