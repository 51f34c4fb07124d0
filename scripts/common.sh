# Shared settings of the Civitas scripts. Source it; do not run it.
# shellcheck shell=bash

CIVITAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CIVITAS_ROOT

# The build cache lives outside the work tree, so a fresh checkout reuses it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/civitas/target}"
# What set-up found out about the wasm toolchain (see scripts/setup.sh).
CIVITAS_TOOLCHAIN_ENV="${CIVITAS_TOOLCHAIN_ENV:-$HOME/.cache/civitas/toolchain.env}"
if [ -f "$CIVITAS_TOOLCHAIN_ENV" ]; then
	# shellcheck disable=SC1090
	. "$CIVITAS_TOOLCHAIN_ENV"
fi
[ -d "$HOME/.cargo/bin" ] && case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac

# The node binary that `build_node` (and `scripts/test.sh`) produce.
export CIVITAS_NODE_BIN="${CIVITAS_NODE_BIN:-$CARGO_TARGET_DIR/release/civitas-node}"

log() { printf '\033[1m[civitas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[civitas] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root to run: $* (install sudo or run as root)"
	fi
}

# Builds the node as `cargo test --workspace` (scripts/test.sh) builds it: selecting the whole
# workspace turns on every member's default features, so a `-p civitas-node` build would
# compile the pallets, the runtime and the node a second time with another feature set (and
# the tests after it a third). With the same selection, whichever runs second finds the
# node fresh. (The drill runtime is excluded: it is the runtime built with `upgrade-test`.)
build_node() {
	log "building civitas-node (release) into $CARGO_TARGET_DIR"
	cargo build --locked --release --workspace --exclude civitas-runtime-next "$@"
}

# The runtime-upgrade drill's runtime (`runtime/next`: the runtime's own sources built with
# the `upgrade-test` feature, spec version + 1 and a versioned migration); its wasm lands in
# $CARGO_TARGET_DIR/release/wbuild/civitas-runtime-next/. Its wasm project compiles the same
# dependencies as the runtime's, so on a cold cache it starts from a copy of those.
# FORCE_WASM_BUILD (a hash of the sources) reruns its build script when the runtime's or the
# pallets' sources change: they lie outside its package, where cargo does not look.
build_drill_runtime() {
	local wbuild="$CARGO_TARGET_DIR/release/wbuild" sources
	if [ -d "$wbuild/civitas-runtime/target" ] && [ ! -d "$wbuild/civitas-runtime-next/target" ]; then
		mkdir -p "$wbuild/civitas-runtime-next"
		cp -a "$wbuild/civitas-runtime/target" "$wbuild/civitas-runtime-next/target"
	fi
	sources="$(cd "$CIVITAS_ROOT" && find runtime pallets Cargo.lock Cargo.toml -type f \
		\( -name '*.rs' -o -name '*.toml' -o -name Cargo.lock \) -not -path '*/target/*' -print0 |
		sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
	log "building the upgrade drill's runtime (civitas-runtime-next)"
	FORCE_WASM_BUILD="$sources" cargo build --locked --release -p civitas-runtime-next
}
