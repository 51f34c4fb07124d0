#!/usr/bin/env bash
# Weights measured on this machine. Prints the figures and rewrites the weight files.
#
#   scripts/benchmark.sh [pallet ...]    the pallets' FRAME benchmarks -> pallets/*/src/weights.rs
#                                        (all of them without arguments), e.g. pallet_consortium
#   scripts/benchmark.sh overhead        block and extrinsic base weights
#                                        -> runtime/src/weights/{block,extrinsic}_weights.rs
#   scripts/benchmark.sh storage DB      read and write weights of ParityDB on the state in the
#                                        node database DB (a --base-path that a load run kept:
#                                        scripts/bench-tps.sh … --keep-db DB)
#                                        -> runtime/src/weights/paritydb_weights.rs
#
# The pallet and overhead benchmarks run with frame-omni-bencher (installed from crates.io into
# ~/.cargo/bin on first use) over the runtime's wasm built with `runtime-benchmarks`, in a
# target directory of its own ($CARGO_TARGET_DIR/../bench-target) so that the node's build is
# untouched. The storage benchmark needs the node's database layer: it builds the node with
# `--features benchmark-cli`.
#
# BENCH_STEPS (default 20), BENCH_REPEAT (default 10) and BENCH_MIN_DURATION (seconds each
# benchmark repeats for at least; default 2, frame-omni-bencher's own is 10) trade precision
# for time;
# BENCH_WASM=<file> benchmarks that runtime wasm instead of building one.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

OMNI_VERSION=0.28.0
BENCH_TARGET="${BENCH_TARGET:-$(dirname "$CARGO_TARGET_DIR")/bench-target}"
WASM="$BENCH_TARGET/release/wbuild/civitas-runtime/civitas_runtime.compact.compressed.wasm"

"$CIVITAS_ROOT/scripts/setup.sh"
cd "$CIVITAS_ROOT"

omni() {
	if ! frame-omni-bencher --version 2>/dev/null | grep -q "$OMNI_VERSION"; then
		log "installing frame-omni-bencher $OMNI_VERSION (once; about half an hour on two cores)"
		CARGO_TARGET_DIR="$(dirname "$CARGO_TARGET_DIR")/omni-target" \
			cargo install --locked --version "$OMNI_VERSION" frame-omni-bencher
	fi
	frame-omni-bencher "$@"
}

# The runtime's wasm with its benchmarks. `cargo check` is enough: the wasm is built by the
# runtime's build script, which runs under `check` too, and the native library is not needed.
bench_runtime() {
	if [ -n "${BENCH_WASM:-}" ]; then
		WASM="$BENCH_WASM"
		log "benchmarking the given wasm $WASM"
		return
	fi
	log "building the runtime's wasm with runtime-benchmarks into $BENCH_TARGET"
	CARGO_TARGET_DIR="$BENCH_TARGET" cargo check --locked --release -p civitas-runtime \
		--features runtime-benchmarks
	[ -f "$WASM" ] || die "no benchmark wasm at $WASM"
}

# The CLI's overhead and storage templates name `sp_weights`, which the runtime reaches
# through frame_support only.
via_frame_support() {
	sed -i 's/\bsp_weights::/frame_support::weights::/g' "$@"
}

case "${1:-}" in
overhead)
	bench_runtime
	log "benchmarking the block and extrinsic overhead"
	omni v1 benchmark overhead --runtime "$WASM" --genesis-builder-preset development \
		--weight-path "$CIVITAS_ROOT/runtime/src/weights"
	via_frame_support "$CIVITAS_ROOT"/runtime/src/weights/{block,extrinsic}_weights.rs
	;;
storage)
	db="${2:?usage: scripts/benchmark.sh storage <node base path kept by a load run>}"
	[ -d "$db" ] || die "no node database at $db"
	# The benchmarking CLI builds a test runtime of its own from crates.io, which the wasm
	# builder cannot find in this workspace's metadata: let each runtime find its own manifest.
	WASM_BUILD_WORKSPACE_HINT="$CARGO_TARGET_DIR/benchmark-no-workspace" \
		build_node --features civitas-node/benchmark-cli
	log "benchmarking ParityDB reads and writes on the state in $db"
	# Writes in batches of 10,000 (a full block writes a few tens of thousands of keys; the
	# CLI's default, 100,000, gives a single sample on the benchmark chain's ~110,000 keys).
	"$CIVITAS_NODE_BIN" benchmark storage --chain benchmark --base-path "$db" \
		--database paritydb --state-version 1 --batch-size 10000 \
		--weight-path "$CIVITAS_ROOT/runtime/src/weights"
	via_frame_support "$CIVITAS_ROOT/runtime/src/weights/paritydb_weights.rs"
	# The template documents the struct's expression fields with `///`, which rustc warns
	# about (unused doc comment): plain comments there. And its "experimental, for brave
	# runtime engineers" note is not true of Civitas, whose nodes run ParityDB only.
	sed -i -e 's|^\(\s*\)///$|\1//|' -e 's|^\(\s*\)/// |\1// |' \
		-e 's|// `ParityDB` can be enabled with a feature flag, but is still experimental. These weights|// ParityDB, which every Civitas node runs, measured on the reference machine.|' \
		-e '/are available for brave runtime engineers/d' \
		"$CIVITAS_ROOT/runtime/src/weights/paritydb_weights.rs"
	log "the node binary now has the benchmark CLI: rebuild it with scripts/start-dev.sh or cargo build"
	;;
*)
	declare -A out=(
		[pallet_consortium]="pallets/consortium/src/weights.rs"
		[pallet_civitas_aliases]="pallets/aliases/src/weights.rs"
		[pallet_civitas_identity]="pallets/identity/src/weights.rs"
		[pallet_civitas_invoices]="pallets/invoices/src/weights.rs"
		[pallet_civitas_licenses]="pallets/licenses/src/weights.rs"
		[pallet_civitas_settlement]="pallets/settlement/src/weights.rs"
		[pallet_civitas_provident_fund]="pallets/provident-fund/src/weights.rs"
		[pallet_civitas_wage_escrow]="pallets/wage-escrow/src/weights.rs"
		[pallet_civitas_land_titles]="pallets/land-titles/src/weights.rs"
		# FRAME's own pallets and the system extensions, with the CLI's standard template.
		[frame_system]="runtime/src/weights/frame_system.rs"
		[frame_system_extensions]="runtime/src/weights/frame_system_extensions.rs"
		[pallet_balances]="runtime/src/weights/pallet_balances.rs"
		[pallet_timestamp]="runtime/src/weights/pallet_timestamp.rs"
	)
	pallets=("$@")
	[ "${#pallets[@]}" -gt 0 ] || pallets=("${!out[@]}")
	for pallet in "${pallets[@]}"; do
		[ -n "${out[$pallet]:-}" ] || die "no weights file known for $pallet"
	done
	bench_runtime
	for pallet in "${pallets[@]}"; do
		log "benchmarking $pallet -> ${out[$pallet]}"
		template=()
		case "${out[$pallet]}" in pallets/*) template=(--template "$CIVITAS_ROOT/scripts/pallet-weight-template.hbs") ;; esac
		omni v1 benchmark pallet --runtime "$WASM" --genesis-builder-preset development \
			--pallet "$pallet" --extrinsic '*' \
			--steps "${BENCH_STEPS:-20}" --repeat "${BENCH_REPEAT:-10}" \
			--min-duration "${BENCH_MIN_DURATION:-2}" \
			--wasm-execution compiled "${template[@]}" \
			--output "$CIVITAS_ROOT/${out[$pallet]}"
	done
	;;
esac
