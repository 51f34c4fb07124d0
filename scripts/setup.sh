#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine needs to build and test Civitas.
# Idempotent: what is already there is left alone, so it is cheap to run every time.
#
#  - system packages (protobuf compiler, clang, OpenSSL headers, Node.js and npm, Chromium);
#  - a Rust toolchain able to build the runtime's wasm: `rustup target add wasm32v1-none`
#    first; where rustup cannot download, the fallback of shared/TOOLCHAIN.md (Debian's
#    rustc-web linked as the rustup toolchain `debian-wasm`, with a wasm32v1-none sysroot
#    built from Debian's rust sources), recorded in ~/.cache/civitas/toolchain.env.
#
# CIVITAS_FORCE_WASM_FALLBACK=1 takes the fallback even where rustup works (to test it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# chromium: the web console's browser test (headless, driven by playwright-core).
apt_packages=(build-essential git clang libclang-dev pkg-config libssl-dev protobuf-compiler cmake make curl ca-certificates nodejs npm chromium)

install_system_packages() {
	local missing=()
	for p in "${apt_packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	# Node.js may come from elsewhere than Debian (e.g. nodesource); then npm is bundled.
	if command -v node >/dev/null && command -v npm >/dev/null; then
		local filtered=()
		for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
		missing=("${filtered[@]}")
	fi
	if [ "${#missing[@]}" -gt 0 ]; then
		log "installing system packages: ${missing[*]}"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

ensure_rustup() {
	if ! command -v rustup >/dev/null; then
		die "rustup is not installed: install Rust with rustup (stable) first"
	fi
	rustup toolchain list | grep -q '^stable' || rustup toolchain install stable --profile minimal
}

# The wasm toolchain: rustup's stable with the wasm32v1-none target, when rustup can get it.
rustup_wasm_ok() {
	[ "${CIVITAS_FORCE_WASM_FALLBACK:-0}" = 1 ] && return 1
	rustup target list --installed --toolchain stable 2>/dev/null | grep -qx wasm32v1-none && return 0
	log "adding the wasm32v1-none target with rustup"
	rustup target add --toolchain stable wasm32v1-none >/dev/null 2>&1 || return 1
	rustup target list --installed --toolchain stable | grep -qx wasm32v1-none
}

# The fallback of shared/TOOLCHAIN.md: Debian's Rust, linked into rustup, with a wasm sysroot.
debian_wasm_fallback() {
	local sysroot=/usr/lib/rustlib
	log "rustup cannot provide wasm32v1-none: using Debian's rustc-web as toolchain debian-wasm"
	for p in rustc-web cargo-web rust-web-src; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
			as_root apt-get update -qq
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src >/dev/null
			break
		}
	done
	rustup toolchain list | grep -q '^debian-wasm' || rustup toolchain link debian-wasm /usr

	local host_bin="$sysroot/x86_64-unknown-linux-gnu/bin"
	if [ ! -x "$host_bin/rust-lld" ]; then
		local lld
		lld="$(rustc +stable --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
		[ -x "$lld" ] || die "rustup's stable toolchain has no rust-lld at $lld"
		as_root mkdir -p "$host_bin"
		as_root ln -sf "$lld" "$host_bin/rust-lld"
	fi

	local wasm_lib="$sysroot/wasm32v1-none/lib"
	local stamp="$wasm_lib/.civitas-sysroot-$(rustc +debian-wasm --version | tr ' ()' '___')"
	if [ ! -f "$stamp" ]; then
		log "building core, alloc and compiler_builtins for wasm32v1-none (once)"
		local work
		work="$(mktemp -d)"
		mkdir -p "$work/src"
		cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"

[lib]
path = "src/lib.rs"

[profile.release]
panic = "abort"
TOML
		echo '#![no_std]' >"$work/src/lib.rs"
		(cd "$work" && RUSTFLAGS=-Cembed-bitcode=yes RUSTUP_TOOLCHAIN=debian-wasm RUSTC_BOOTSTRAP=1 \
			CARGO_TARGET_DIR="$work/target" cargo build --quiet --release --target wasm32v1-none \
			-Zbuild-std=core,alloc -Zbuild-std-features=compiler-builtins-mem)
		as_root mkdir -p "$wasm_lib"
		as_root rm -f "$wasm_lib"/lib{core,alloc,compiler_builtins}-*.rlib
		as_root cp "$work"/target/wasm32v1-none/release/deps/lib{core,alloc,compiler_builtins}-*.rlib "$wasm_lib/"
		as_root touch "$stamp"
		rm -rf "$work"
		# Stale wasm artefacts built against another sysroot fail with "can't find crate".
		rm -rf "$CARGO_TARGET_DIR"/*/wbuild
	fi
	mkdir -p "$(dirname "$CIVITAS_TOOLCHAIN_ENV")"
	echo "export WASM_BUILD_TOOLCHAIN=debian-wasm" >"$CIVITAS_TOOLCHAIN_ENV"
	export WASM_BUILD_TOOLCHAIN=debian-wasm
}

install_system_packages
ensure_rustup
if rustup_wasm_ok; then
	rm -f "$CIVITAS_TOOLCHAIN_ENV"
	unset WASM_BUILD_TOOLCHAIN
else
	debian_wasm_fallback
fi
mkdir -p "$CARGO_TARGET_DIR"
log "set-up done (build cache: $CARGO_TARGET_DIR${WASM_BUILD_TOOLCHAIN:+, wasm toolchain: $WASM_BUILD_TOOLCHAIN})"
