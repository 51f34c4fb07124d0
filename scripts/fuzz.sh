#!/usr/bin/env bash
# Fuzzes the real runtime (runtime/tests/fuzz.rs): random calls with random arguments from
# random origins, block by block, checking every pallet's invariants, total issuance against
# the balance events and the block weight limits after every block. Deterministic per seed.
#
#   scripts/fuzz.sh [blocks per seed] [first seed] [seeds]     default: 20000 1 4
#
# The test suite (scripts/test.sh) runs 1,000 blocks of seed 1. A failure prints the seed,
# the block and the call; re-run that seed alone to reproduce it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

blocks="${1:-20000}"
first="${2:-1}"
seeds="${3:-4}"

"$CIVITAS_ROOT/scripts/setup.sh"
cd "$CIVITAS_ROOT"
log "building the fuzzer (native runtime, release)"
SKIP_WASM_BUILD=1 cargo test --locked --release -p civitas-runtime --test fuzz --no-run
for ((seed = first; seed < first + seeds; seed++)); do
	log "seed $seed, $blocks blocks"
	if ! CIVITAS_FUZZ_SEED="$seed" CIVITAS_FUZZ_BLOCKS="$blocks" SKIP_WASM_BUILD=1 \
		cargo test --locked --release -p civitas-runtime --test fuzz -- --nocapture 2>&1 |
		sed -n '/^fuzz:/,/^test /p; /panicked/,/^test /p'; then
		die "seed $seed failed (above)"
	fi
done
