#!/usr/bin/env bash
# Sets up the machine, builds the node and starts a single-validator development chain.
#
#   scripts/start-dev.sh [extra civitas-node flags]
#
# The chain lives in a temporary directory and is gone when the node stops (Ctrl-C).
# CIVITAS_RPC_PORT (default 9944) sets the JSON-RPC port (HTTP and WebSocket).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$CIVITAS_ROOT/scripts/setup.sh"
build_node

port="${CIVITAS_RPC_PORT:-9944}"
log "dev chain: JSON-RPC at ws://127.0.0.1:$port"
log "Polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$port#/explorer"
exec "$CIVITAS_NODE_BIN" --dev --rpc-port "$port" "$@"
