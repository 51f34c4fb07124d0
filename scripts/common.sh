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

# The node binary that `cargo build --release -p civitas-node` produces.
export CIVITAS_NODE_BIN="${CIVITAS_NODE_BIN:-$CARGO_TARGET_DIR/release/civitas-node}"

log() { printf '\033[1m[civitas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[civitas] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root to run: $* (install sudo or run as root)"
	fi
}

build_node() {
	log "building civitas-node (release) into $CARGO_TARGET_DIR"
	cargo build --locked --release -p civitas-node "$@"
}
