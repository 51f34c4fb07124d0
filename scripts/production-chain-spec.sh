#!/usr/bin/env bash
# Makes a production chain spec from a consortium's description (see docs/operators.md → A
# production consortium, and chain-specs/consortium.example.json):
#
#   scripts/production-chain-spec.sh <consortium.json> [out-dir]
#
# writes <out-dir>/<id>.json (plain: review it) and <out-dir>/<id>-raw.json (raw: what the
# nodes start with), out-dir defaulting to the current directory. The runtime code and the
# chain properties come from this node's runtime; the state holds only what the description
# says: no development key, no endowment. Refuses a description that uses a well-known
# development key, repeats a key, or lacks a field, naming the field.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

desc="${1:?usage: scripts/production-chain-spec.sh <consortium.json> [out-dir]}"
out="${2:-.}"
[ -f "$desc" ] || die "no description at $desc"
[ -x "$CIVITAS_NODE_BIN" ] || build_node
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$CIVITAS_NODE_BIN" export-chain-spec --chain local >"$tmp/template.json"
node "$CIVITAS_ROOT/scripts/production-chain-spec.mjs" "$desc" "$tmp/template.json" >"$tmp/plain.json"
id="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$tmp/plain.json")"
cp "$tmp/plain.json" "$out/$id.json"
"$CIVITAS_NODE_BIN" export-chain-spec --chain "$out/$id.json" --raw >"$out/$id-raw.json"
log "wrote $out/$id.json (plain) and $out/$id-raw.json (raw), sha256 $(sha256sum "$out/$id-raw.json" | cut -c1-16)…: every agency builds it and compares"
