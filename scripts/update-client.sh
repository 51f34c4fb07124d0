#!/usr/bin/env bash
# Refreshes the typed client (clients/, polkadot-api) from the runtime: copies the runtime's
# metadata into clients/.papi/metadata/civitas.scale and regenerates the descriptors. Run it
# after a runtime change (scripts/export-chain-specs.sh runs it); `runtime/tests/
# client_metadata.rs` fails until the committed metadata is the runtime's.
#
# CIVITAS_SKIP_BUILD=1 uses the runtime wasm already built.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ "${CIVITAS_SKIP_BUILD:-0}" = 1 ] || build_node
wasm="$CARGO_TARGET_DIR/release/wbuild/civitas-runtime/civitas_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || die "no runtime wasm at $wasm: build the node first"
cd "$CIVITAS_ROOT"
[ -d node_modules/polkadot-api ] || npm ci --no-audit --no-fund --loglevel=error
cd clients
# polkadot-api reads the metadata out of the wasm (version 16) and keeps it in .papi/.
npx --no-install papi add civitas --wasm "$wasm" --skip-codegen
rm -f .papi/descriptors/generated.json
npm run --silent generate
log "clients/.papi/metadata/civitas.scale now holds the metadata of $wasm; descriptors regenerated"
