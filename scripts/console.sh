#!/usr/bin/env bash
# Builds the web console (console/) and serves it on loopback, against any node:
#
#   scripts/console.sh [ws://node:9944]      then open the printed address
#
# CIVITAS_CONSOLE_PORT (default 8080) sets the port. The console is static files
# (console/dist/): any web server can serve them, and `?rpc=wss://…` in the address picks the
# node. On a development chain it offers the development keys; elsewhere it signs with a
# browser wallet (Polkadot.js extension, Talisman, SubWallet…).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

rpc="${1:-ws://127.0.0.1:9944}"
port="${CIVITAS_CONSOLE_PORT:-8080}"
cd "$CIVITAS_ROOT"
command -v npm >/dev/null || "$CIVITAS_ROOT/scripts/setup.sh"
[ -d node_modules/vite ] || npm ci --no-audit --no-fund --loglevel=error
[ -d clients/.papi/descriptors/dist ] || npm run --silent -w clients generate
npm run --silent -w console build
log "console: http://127.0.0.1:$port/?rpc=$rpc"
exec npx --no-install -w console vite preview --port "$port" --strictPort --host 127.0.0.1
