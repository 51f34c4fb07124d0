#!/usr/bin/env bash
# Runs the four-validator local consortium network (Alice, Bob, Charlie, Dave) on loopback.
#
#   scripts/local-network.sh [--base-port N] [--chain SPEC] [--no-build] [--prometheus]
#                            [--node-args "ARGS"]
#
# Node i (0..3) listens for peers on BASE+i and serves JSON-RPC on BASE+10+i (and Prometheus
# on BASE+20+i with --prometheus; ARGS go to every node, e.g. pool limits). Without
# --base-port the first free block of ports from 30333 upwards (in steps of 30) is taken, so
# two networks on one machine do not clash. The chain is chain-specs/local-raw.json unless
# --chain is given. Data and logs go to a temporary directory, printed at start; Ctrl-C
# stops every node and removes the data (the logs are kept). A node that exits on its own
# leaves the others running.
#
# Each node's identity on the network comes from a fixed development node key, so that
# peer ids are known in advance: these keys are public and for local testing only.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

base_port=""
chain="$CIVITAS_ROOT/chain-specs/local-raw.json"
build=1
prometheus=0
node_args=""
while [ $# -gt 0 ]; do
	case "$1" in
	--base-port) base_port="$2"; shift 2 ;;
	--chain) chain="$2"; shift 2 ;;
	--no-build) build=0; shift ;;
	--prometheus) prometheus=1; shift ;;
	--node-args) node_args="$2"; shift 2 ;;
	-h | --help) sed -n '2,16p' "$0"; exit 0 ;;
	*) die "unknown argument: $1 (see --help)" ;;
	esac
done

if [ "$build" = 1 ]; then
	"$CIVITAS_ROOT/scripts/setup.sh"
	build_node
fi
[ -x "$CIVITAS_NODE_BIN" ] || die "no node binary at $CIVITAS_NODE_BIN"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
block_free() {
	local b=$1 i
	for i in 0 1 2 3; do
		port_free $((b + i)) && port_free $((b + 10 + i)) && port_free $((b + 20 + i)) || return 1
	done
}
if [ -z "$base_port" ]; then
	base_port=30333
	until block_free "$base_port"; do
		base_port=$((base_port + 30))
		[ "$base_port" -lt 60000 ] || die "no free block of ports found"
	done
fi

names=(alice bob charlie dave)
work="$(mktemp -d -t civitas-local-XXXXXX)"
mkdir -p "$work/logs"
log "network directory: $work (logs in $work/logs)"

pids=()
stop() {
	trap - INT TERM EXIT
	log "stopping ${#pids[@]} nodes"
	for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"/data
	log "stopped; logs kept in $work/logs"
}
trap stop INT TERM EXIT

peer_ids=()
for i in 0 1 2 3; do
	printf '%064x' $((i + 1)) >"$work/node-$i.key"
	peer_ids+=("$("$CIVITAS_NODE_BIN" key inspect-node-key --file "$work/node-$i.key")")
done
bootnode="/ip4/127.0.0.1/tcp/$base_port/p2p/${peer_ids[0]}"

for i in 0 1 2 3; do
	name="${names[$i]}"
	p2p=$((base_port + i))
	rpc=$((base_port + 10 + i))
	args=(
		--chain "$chain" --"$name" --validator
		--base-path "$work/data/$name" --node-key-file "$work/node-$i.key"
		--listen-addr "/ip4/127.0.0.1/tcp/$p2p" --rpc-port "$rpc" --rpc-cors all
		--no-mdns --no-telemetry
	)
	metrics=""
	if [ "$prometheus" = 1 ]; then
		args+=(--prometheus-port $((base_port + 20 + i)))
		metrics=" metrics=http://127.0.0.1:$((base_port + 20 + i))/metrics"
	else
		args+=(--no-prometheus)
	fi
	[ "$i" -gt 0 ] && args+=(--bootnodes "$bootnode")
	# shellcheck disable=SC2206 # the extra arguments are words
	[ -n "$node_args" ] && args+=($node_args)
	"$CIVITAS_NODE_BIN" "${args[@]}" >"$work/logs/$name.log" 2>&1 &
	pids+=($!)
	echo "node $name peer=${peer_ids[$i]} p2p=$p2p rpc=ws://127.0.0.1:$rpc pid=$! log=$work/logs/$name.log$metrics"
done
log "network running; Ctrl-C stops it"
# A node that stops (or is stopped) leaves the others running; the script ends with the last.
while :; do
	live=()
	for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && live+=("$pid"); done
	[ "${#live[@]}" -gt 0 ] || break
	wait -n "${live[@]}" 2>/dev/null || true
	still=0
	for pid in "${live[@]}"; do kill -0 "$pid" 2>/dev/null && still=$((still + 1)); done
	[ "$still" -lt "${#live[@]}" ] && [ "$still" -gt 0 ] && log "a node exited; $still still running (logs in $work/logs)"
done
