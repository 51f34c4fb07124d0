#!/usr/bin/env bash
# Runs the FRAME benchmarks of Civitas' pallets and writes their weights.rs files; prints the
# figures. Builds the node with `--features runtime-benchmarks` (a larger build: the
# benchmarking CLI is never part of the normal node).
#
#   scripts/benchmark.sh [pallet ...]     e.g. scripts/benchmark.sh pallet_consortium
#
# BENCH_STEPS (default 20) and BENCH_REPEAT (default 10) trade precision for time.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$CIVITAS_ROOT/scripts/setup.sh"
# The benchmarking CLI builds a test runtime of its own from crates.io, which the wasm
# builder cannot find in this workspace's metadata: let each runtime find its own manifest
# (ours then resolves its wasm dependencies afresh, for this build only).
WASM_BUILD_WORKSPACE_HINT="$CARGO_TARGET_DIR/benchmark-no-workspace" build_node --features civitas-node/runtime-benchmarks

declare -A out=(
	[pallet_consortium]="pallets/consortium/src/weights.rs"
	[pallet_civitas_identity]="pallets/identity/src/weights.rs"
	[pallet_civitas_invoices]="pallets/invoices/src/weights.rs"
	[pallet_civitas_licenses]="pallets/licenses/src/weights.rs"
	[pallet_civitas_settlement]="pallets/settlement/src/weights.rs"
	[pallet_civitas_provident_fund]="pallets/provident-fund/src/weights.rs"
	[pallet_civitas_wage_escrow]="pallets/wage-escrow/src/weights.rs"
	[pallet_civitas_land_titles]="pallets/land-titles/src/weights.rs"
)
pallets=("$@")
[ "${#pallets[@]}" -gt 0 ] || pallets=("${!out[@]}")

for pallet in "${pallets[@]}"; do
	file="${out[$pallet]:-}"
	[ -n "$file" ] || die "no weights file known for $pallet"
	log "benchmarking $pallet -> $file"
	"$CIVITAS_NODE_BIN" benchmark pallet \
		--chain dev \
		--pallet "$pallet" --extrinsic '*' \
		--steps "${BENCH_STEPS:-20}" --repeat "${BENCH_REPEAT:-10}" \
		--wasm-execution compiled \
		--template "$CIVITAS_ROOT/scripts/pallet-weight-template.hbs" \
		--output "$CIVITAS_ROOT/$file"
done
log "the node binary now has the benchmarks compiled in: rebuild it with scripts/start-dev.sh or cargo build"
