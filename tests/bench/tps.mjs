// The throughput tool (issue 14): starts a node, pre-signs transactions from many senders,
// submits them over JSON-RPC as fast as the node takes them, and reports per block and in one
// table: included transactions, authoring time, sustained tx/s over the full blocks, the ratio
// to balance transfers measured in the same run, pool refusals, submit→finalized latency
// (p50/p99), the node's peak RSS and the processor time the nodes and the tool spent per
// transaction.
//
//   node bench/tps.mjs [--mix transfers,verify,all] [--seconds 60] [--rate 3000]
//                      [--chain benchmark|dev] [--senders //Alice,…] [--per-sender N]
//                      [--connections 4] [--pool-ahead 24000] [--node-args='--flag …'] [--keep-db DIR]
//
// scripts/bench-tps.sh runs it. Each mix runs on a fresh node. On the benchmark chain
// (`civitas-node --chain benchmark`) 512 staff accounts send, each within its quota (1,000
// transactions per 100-block window), and 4,096 persons with consents under identity aliases
// and a licence type are in place from genesis; on the dev chain the eight founding admins send transfers only. It
// pre-signs --rate × --seconds transactions per mix (kept in ~/.cache/civitas/bench-tps/ for the
// next run on the same runtime) and submits for at most --seconds.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { WebSocket } from 'ws';
import { ROOT, connect, startNode } from '../e2e/lib.mjs';

// `--name value`, `--name=value` (for a value that starts with `--`, as --node-args does) or
// `--name` alone.
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (!a.startsWith('--')) return acc;
  const eq = a.indexOf('=');
  if (eq > 0) return [...acc, [a.slice(2, eq), a.slice(eq + 1)]];
  return [...acc, [a.slice(2), all[i + 1] === undefined || all[i + 1].startsWith('--') ? true : all[i + 1]]];
}, []));
const MIX_NAMES = (args.mix ?? 'transfers').split(',');
const SECONDS = Number(args.seconds ?? 60);
const CHAIN = args.chain ?? ('network' in args ? 'benchmark-local' : 'benchmark');
const FOUNDERS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//One', '//Two', '//Eve//stash', '//Ferdie//stash'];
// The benchmark chain's senders: the founding admins and 63 more admins of each agency,
// `//bench//<agency>//<i>` (node/src/chain_spec.rs); the dev chain has the founders only.
const BENCH = FOUNDERS.flatMap((f, a) => [f, ...Array.from({ length: 63 }, (_, i) => `//bench//${a}//${i + 1}`)]);
const SENDERS = args.senders ? args.senders.split(',') : CHAIN.startsWith('benchmark') ? BENCH : FOUNDERS;
// How many to pre-sign: enough for --rate tx/s over --seconds, within each sender's quota.
const RATE = Number(args.rate ?? 3000);
const PER_SENDER = Number(args['per-sender'] ?? Math.min(1000, Math.ceil((RATE * SECONDS) / SENDERS.length)));
const CONNECTIONS = Number(args.connections ?? 4);
// About two full blocks: the pool never runs dry between blocks, nor holds a backlog that only
// adds to latency.
const POOL_AHEAD = Number(args['pool-ahead'] ?? 24_000);
// --network: the four-validator local network (scripts/local-network.sh on the
// `benchmark-local` chain) instead of one node.
const NETWORK = 'network' in args;
// The benchmark chain's set-up (node/src/chain_spec.rs): persons 0..4095 with id i + 1, each
// consenting to every founding agency over its identity for purpose code 1; licence type 1.
const PERSONS = 4096;
const personId = (i) => u8aConcat(new Uint8Array(24), bnToU8a(BigInt(i % PERSONS) + 1n, { bitLength: 64, isLe: false }));
// The identity alias a benchmark person's consents are under (node/src/chain_spec.rs, bench_alias).
const aliasId = (i) => u8aConcat([0xa1], personId(i).subarray(1));

const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
const log = (...a) => console.error('[bench-tps]', ...a);
const u32 = (n) => bnToU8a(n, { bitLength: 32 });

/**
 * Mixes: each gives, for global transaction number `g` of the run (sender-major), the call
 * both as SCALE bytes (encoded here, fast, from the call indices in `ctx.idx`) and as
 * @polkadot/api builds it (to check the bytes on the first transactions).
 */
const MIXES = {
  // Balance transfers among the senders (`ctx.recipients`: their public keys).
  transfers: (ctx, g) => {
    const to = ctx.recipients[g % ctx.recipients.length];
    const amount = 1n + BigInt(g % 97);
    return {
      bytes: u8aConcat(ctx.idx.transfer, [0x00], to, compactToU8a(amount)),
      api: (api) => api.tx.balances.transferKeepAlive(to, amount),
    };
  },
  // Consented questions: does identity alias g still stand for a registered, living person?
  // (`Question::Status`, purpose code 1; the benchmark chain binds no alias, so it answers no,
  // after the same reads.)
  verify: (ctx, g) => ({
    bytes: u8aConcat(ctx.idx.verify, aliasId(g), [0x01], [0x00], u32(1)),
    api: (api) => api.tx.identity.verify(aliasId(g), 'Status', { Code: 1 }),
  }),
  // (No licence mix: a licence names its holder's licences alias, and the benchmark chain binds
  // no alias yet: every issue would fail with `UnknownAlias`.)
};
// The hot calls as they land: one after the other.
const ALL = ['transfers', 'verify'];
MIXES.all = (ctx, g) => MIXES[ALL[g % ALL.length]](ctx, Math.floor(g / ALL.length));

/** What signing needs from the chain, as plain data (for the signing threads). */
function chainContext(api, senders) {
  const names = api.registry.signedExtensions.join(',');
  const expected = 'CheckNonZeroSender,CheckSpecVersion,CheckTxVersion,CheckGenesis,CheckMortality,CheckNonce,CheckWeight,CheckMetadataHash';
  if (names !== expected) throw new Error(`the runtime's extensions changed (${names}): update tps.mjs's signer`);
  const genesis = api.genesisHash.toU8a();
  return {
    implicit: u8aConcat(u32(api.runtimeVersion.specVersion.toNumber()), u32(api.runtimeVersion.transactionVersion.toNumber()), genesis, genesis, [0x00]),
    idx: { transfer: api.tx.balances.transferKeepAlive.callIndex, verify: api.tx.identity.verify.callIndex },
    recipients: senders.map((s) => s.publicKey),
  };
}

/**
 * Signs a call as a version-4 extrinsic of this runtime: the explicit extension data (immortal
 * era, nonce, metadata-hash mode off), the implicit data (spec and transaction versions,
 * genesis twice, no metadata hash), sr25519. Several times faster than @polkadot/api's `sign`;
 * the node's acceptance of every transaction checks it.
 */
function sign(ctx, pair, call, nonce) {
  const extra = u8aConcat([0x00], compactToU8a(nonce), [0x00]);
  let payload = u8aConcat(call, extra, ctx.implicit);
  if (payload.length > 256) payload = blake2AsU8a(payload, 256);
  const body = u8aConcat([0x84, 0x00], pair.publicKey, [0x01], pair.sign(payload), extra, call);
  const xt = u8aConcat(compactToU8a(body.length), body);
  return { hex: u8aToHex(xt), hash: u8aToHex(blake2AsU8a(xt, 256)) };
}

/** Pre-signs senders `from..to` (indices into SENDERS) of `mix`, from their first nonces. */
async function presign({ mix, ctx, from, to, nonces }) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const txs = [];
  for (let k = from; k < to; k += 1) {
    const pair = keyring.addFromUri(SENDERS[k]);
    for (let i = 0; i < PER_SENDER; i += 1) {
      const g = k * PER_SENDER + i;
      txs.push({ ...sign(ctx, pair, MIXES[mix](ctx, g).bytes, nonces[k] + i), sender: k, nonce: nonces[k] + i });
    }
  }
  return txs;
}

/** Pre-signs on every core, in worker threads running this file. */
async function presignParallel(mix, ctx, nonces) {
  const threads = Math.max(1, availableParallelism());
  const per = Math.ceil(SENDERS.length / threads);
  const parts = await Promise.all(Array.from({ length: threads }, (_, t) => new Promise((ok, fail) => {
    const w = new Worker(new URL(import.meta.url), { argv: process.argv.slice(2), workerData: { mix, ctx, from: t * per, to: Math.min(SENDERS.length, (t + 1) * per), nonces } });
    w.on('message', ok);
    w.on('error', fail);
  })));
  return parts.flat();
}

/**
 * Pre-signed transactions are kept in `~/.cache/civitas/bench-tps/` (or $CIVITAS_BENCH_CACHE),
 * one file per chain and runtime (genesis, spec and transaction versions), mix, senders and
 * first nonces: a second run of the same mix on the same runtime signs nothing. Signatures
 * depend on nothing else (immortal era), and the node checks every one on submission.
 */
function presignCache(mix, ctx, nonces) {
  const dir = process.env.CIVITAS_BENCH_CACHE ?? join(homedir(), '.cache', 'civitas', 'bench-tps');
  const key = createHash('sha256').update(JSON.stringify({ mix, implicit: u8aToHex(ctx.implicit), idx: Object.values(ctx.idx).map((i) => u8aToHex(i)), senders: SENDERS, per: PER_SENDER, nonces })).digest('hex').slice(0, 24);
  return join(dir, `${mix}-${key}.json`);
}

async function presignCached(mix, ctx, nonces) {
  const file = presignCache(mix, ctx, nonces);
  if (existsSync(file)) return { txs: JSON.parse(readFileSync(file, 'utf8')), cached: true };
  const txs = await presignParallel(mix, ctx, nonces);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(txs));
  renameSync(`${file}.tmp`, file);
  return { txs, cached: false };
}

/** A JSON-RPC connection that sends many requests and matches the answers. */
class Rpc {
  constructor(url) {
    this.ws = new WebSocket(url, { maxPayload: 64 << 20 });
    this.next = 1;
    this.waiting = new Map();
    this.ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error) w.fail(msg.error);
      else w.ok(msg.result);
    });
    this.open = new Promise((ok, fail) => { this.ws.on('open', ok); this.ws.on('error', fail); });
  }

  call(method, params) {
    const id = this.next++;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  close() { this.ws.close(); }
}

/** One node on the benchmark chain, Alice validating. */
async function startSingle(mix, pool) {
  // --keep-db DIR keeps the node's database (for `scripts/benchmark.sh storage DIR`).
  const db = args['keep-db'] ? ['--base-path', args['keep-db']] : ['--tmp'];
  const node = await startNode([...(CHAIN === 'dev' ? ['--dev'] : ['--chain', CHAIN, '--alice', '--validator', ...db, '--node-key', '0'.repeat(63) + '1']), '--detailed-log-output', ...pool, ...(args['node-args'] ? args['node-args'].split(' ') : [])], `bench-tps-${mix}`, { prometheus: true });
  return { urls: [node.url], metricsUrls: [node.metricsUrl], pids: [node.child.pid], logFiles: [node.logFile], stop: () => node.stop() };
}

/** The four-validator local network on the benchmark-local chain. */
async function startNetwork(mix, pool) {
  const net = spawn('bash', [join(ROOT, 'scripts', 'local-network.sh'), '--no-build', '--prometheus', '--chain', CHAIN, '--node-args', ['--detailed-log-output', ...pool, ...(args['node-args'] ? [args['node-args']] : [])].join(' ')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const nodes = [];
  let out = '';
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`local-network.sh did not start: ${out}`)), 60_000);
    net.stdout.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^node (\w+) .* rpc=(\S+) pid=(\d+) log=(\S+) metrics=(\S+)$/gm)) {
        if (!nodes.some((n) => n.name === m[1])) nodes.push({ name: m[1], url: m[2], pid: Number(m[3]), log: m[4], metrics: m[5] });
      }
      if (nodes.length === 4) { clearTimeout(timer); ok(); }
    });
    net.on('exit', (code) => fail(new Error(`local-network.sh exited ${code}: ${out}`)));
  });
  log(`${mix}: four validators: ${nodes.map((n) => n.url).join(' ')}`);
  const exited = new Promise((ok) => net.on('exit', ok));
  return {
    urls: nodes.map((n) => n.url),
    metricsUrls: nodes.map((n) => n.metrics),
    pids: nodes.map((n) => n.pid),
    logFiles: nodes.map((n) => n.log),
    stop: async () => { net.kill('SIGINT'); await exited; },
  };
}

/** A block hash as the node's import log shortens it: `0x640b…48b9`. */
const shortHash = (hash) => `${hash.slice(0, 6)}…${hash.slice(-4)}`;

/**
 * Reads the nodes' logs (`--detailed-log-output`: millisecond timestamps): per block hash, its
 * authoring time (the proposer's own figure), and the time from its sealing by its author
 * until the last of the other nodes imported it. Blocks are matched by hash, not number, so
 * that two blocks of one height (a fork) keep their own figures.
 */
function readLogs(files) {
  const preparedMs = new Map(); // pre-seal hash -> authoring ms
  const authoringOf = new Map(); // sealed hash -> authoring ms
  const sealedAt = new Map(); // short sealed hash -> time
  const importedAt = new Map(); // short hash -> latest import time on a node that did not author it
  const ts = (line) => Date.parse(line.slice(0, 23).replace(' ', 'T'));
  for (const file of files) {
    const authored = new Set();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      let m = line.match(/Prepared block for proposing at \d+ \((\d+) ms\) hash: (0x[0-9a-f]+)/);
      if (m) { preparedMs.set(m[2], Number(m[1])); continue; }
      m = line.match(/Pre-sealed block for proposal at \d+\. Hash now (0x[0-9a-f]+), previously (0x[0-9a-f]+)/);
      if (m) {
        if (preparedMs.has(m[2])) authoringOf.set(m[1], preparedMs.get(m[2]));
        sealedAt.set(shortHash(m[1]), ts(line));
        authored.add(shortHash(m[1]));
        continue;
      }
      m = line.match(/Imported #\d+ \(\S+ → (\S+)\)/);
      if (m && !authored.has(m[1])) importedAt.set(m[1], Math.max(importedAt.get(m[1]) ?? 0, ts(line)));
    }
  }
  const importOf = new Map([...importedAt].filter(([h]) => sealedAt.has(h)).map(([h, t]) => [h, t - sealedAt.get(h)]));
  // Proposals prepared but never sealed: Aura discards one that took longer than its share of
  // the slot, and the slot passes without a block.
  const discarded = preparedMs.size - authoringOf.size;
  return { authoringOf, importOf: { get: (hash) => importOf.get(shortHash(hash)) }, discarded };
}

/**
 * Processor time (user and system, in ms) spent so far by the processes `pids` together, from
 * /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux).
 */
function cpuMs(pids) {
  return pids.reduce((sum, pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) * 10;
  }, 0);
}

/** Whether an extrinsic (hex) is signed: the version byte after its compact length. */
function isSigned(bytes) {
  const prefix = [1, 2, 4][bytes[0] & 3] ?? 5;
  return (bytes[prefix] & 0x80) !== 0;
}

/** Runs one mix on a fresh node; returns its row of the table. */
async function runMix(mix) {
  const build = MIXES[mix];
  if (!build) throw new Error(`unknown mix ${mix}: ${Object.keys(MIXES).join(', ')}`);
  // The pool holds what a run pre-signs (its default, 8,192 transactions, is two blocks).
  const pool = ['--pool-limit', String(Math.max(8192, SENDERS.length * PER_SENDER)), '--pool-kbytes', String(Math.max(20480, SENDERS.length * PER_SENDER / 4))];
  const node = NETWORK ? await startNetwork(mix, pool) : await startSingle(mix, pool);
  const started = Date.now();
  try {
    const api = await connect(node.urls[0]);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const senders = SENDERS.map((s) => keyring.addFromUri(s));
    const ctx = chainContext(api, senders);

    // Pre-sign: every sender's transactions with consecutive nonces, immortal, at genesis, in
    // worker threads. The run's first three calls (one of each kind in the `all` mix) are
    // checked against @polkadot/api's encoding.
    for (let g = 0; g < 3; g += 1) {
      const call = build(ctx, g);
      const expected = call.api(api).method.toHex();
      if (u8aToHex(call.bytes) !== expected) throw new Error(`mix ${mix}: the call's bytes differ from @polkadot/api's: ${u8aToHex(call.bytes)} vs ${expected}`);
    }
    const t0 = Date.now();
    const nonces = await Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
    const { txs: signed, cached } = await presignCached(mix, ctx, nonces);
    const txs = signed.map((tx) => ({ ...tx, sender: senders[tx.sender].address }));
    // Interleave senders so each block can take every sender's next nonces.
    txs.sort((a, b) => a.nonce - b.nonce);
    log(`${mix}: pre-signed ${txs.length} from ${senders.length} senders in ${Date.now() - t0} ms${cached ? ' (from the cache)' : ''}`);

    // Blocks: per block, its signed extrinsics and when it was seen; finality times. Blocks
    // are read as raw JSON-RPC (hex extrinsics, hashed here): decoding 15,000 extrinsics per
    // block with @polkadot/api would hold back the submitting.
    const reader = new Rpc(node.urls[0]);
    await reader.open;
    const blocks = [];
    const includedAt = new Map();
    const finalizedAt = new Map();
    const unsubNew = await api.rpc.chain.subscribeNewHeads(async (header) => {
      const seen = Date.now();
      // The processor time of the nodes and of this tool (its signing is done) when the
      // block arrived: from the first block with transactions to the last, what each
      // transaction cost the machine.
      const cpu = { nodes: cpuMs(node.pids), tool: process.cpuUsage() };
      const number = header.number.toNumber();
      const hash = header.hash.toHex();
      const { block } = await reader.call('chain_getBlock', [hash]);
      let signed = 0;
      for (const x of block.extrinsics) {
        const bytes = hexToU8a(x);
        if (!isSigned(bytes)) continue;
        signed += 1;
        const xtHash = u8aToHex(blake2AsU8a(bytes, 256));
        if (!includedAt.has(xtHash)) includedAt.set(xtHash, { at: seen, number });
      }
      blocks.push({ number, hash, seen, signed, cpu });
    });
    const unsubFin = await api.rpc.chain.subscribeFinalizedHeads(async (header) => {
      finalizedAt.set(header.number.toNumber(), Date.now());
    });

    // Submit over several connections. Each sender's transactions go in nonce order, the
    // next once the pool has answered the previous: a nonce that arrives before its
    // predecessor waits in the pool's small future queue, and what overflows it is dropped
    // without a word. All senders submit at once.
    // On a network, the connections go to every node in turn.
    const conns = Array.from({ length: CONNECTIONS }, (_, i) => new Rpc(node.urls[i % node.urls.length]));
    await Promise.all(conns.map((c) => c.open));
    const submittedAt = new Map();
    const refusals = {};
    const deadline = Date.now() + SECONDS * 1000;
    const submitStart = Date.now();
    const bySender = new Map(senders.map((s) => [s.address, []]));
    for (const tx of txs) bySender.get(tx.sender).push(tx);
    await Promise.all([...bySender.values()].map(async (queue, i) => {
      const c = conns[i % conns.length];
      for (const tx of queue) {
        if (Date.now() >= deadline) break;
        // Keep the pool a few blocks ahead of the chain, not more: the fork-aware pool drops
        // transactions of a larger burst without a word (measured: 17,498 of 40,448).
        while (submittedAt.size - includedAt.size > POOL_AHEAD && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        submittedAt.set(tx.hash, Date.now());
        try {
          await c.call('author_submitExtrinsic', [tx.hex]);
        } catch (e) {
          const reason = `${e.code}: ${(e.data ?? e.message ?? '').toString().slice(0, 60)}`;
          refusals[reason] = (refusals[reason] ?? 0) + 1;
          submittedAt.delete(tx.hash);
          break; // its later nonces would only wait in the future queue
        }
      }
    }));
    const submitMs = Date.now() - submitStart;
    log(`${mix}: submitted ${submittedAt.size} accepted, ${Object.values(refusals).reduce((a, b) => a + b, 0)} refused in ${submitMs} ms`);

    // Wait until everything accepted is included and final, or 60 s without progress.
    let lastCount = -1;
    let still = 0;
    while (still < 10) {
      await new Promise((r) => setTimeout(r, 6000));
      const done = [...submittedAt.keys()].filter((h) => includedAt.has(h)).length;
      const maxFinal = Math.max(0, ...finalizedAt.keys());
      const allFinal = done === submittedAt.size && [...submittedAt.keys()].every((h) => includedAt.get(h).number <= maxFinal);
      if (allFinal) break;
      still = done === lastCount ? still + 1 : 0;
      lastCount = done;
    }
    unsubNew();
    unsubFin();
    conns.forEach((c) => c.close());
    // The canonical chain: a head of a fork that lost (on a network) does not count.
    const canonical = new Set(await Promise.all([...new Set(blocks.map((b) => b.number))].map((n) => reader.call('chain_getBlockHash', [n]))));
    reader.close();

    // Figures. Failed dispatches are counted by the node itself, from the finalized blocks'
    // events (its Prometheus counter `civitas_extrinsics_total{result="failed",chain="…"}`;
    // no line until one failed).
    const metrics = await (await fetch(node.metricsUrls[0])).text();
    const failed = Number(metrics.match(/^civitas_extrinsics_total\{[^}]*\bresult="failed"[^}]*\} (\d+)/m)?.[1] ?? 0);
    // How often the (first) node's pool ran `validate_transaction` per transaction it was sent:
    // once, plus one for each block's inherent, unless the pool validates work already done
    // (vendor/README.md, sc-transaction-pool).
    const counter = (name) => Number(metrics.match(new RegExp(`^substrate_sub_txpool_${name}\\{[^}]*\\} (\\d+)`, 'm'))?.[1] ?? NaN);
    const poolValidations = counter('validations_scheduled');
    const poolSubmitted = counter('submitted_transactions');
    const loadBlocks = blocks.filter((b) => b.signed > 0 && canonical.has(b.hash)).sort((a, b) => a.number - b.number);
    const full = loadBlocks.slice(1, -1); // the first and last are partial
    const perBlock = full.map((b) => b.signed);
    // Over the wall time from the block before the first full one to the last full one, as
    // the tool saw them arrive: empty blocks (a session rotation) and slots without a block
    // (a proposal that took too long and was discarded) count.
    const span = full.length ? full[full.length - 1].number - full[0].number + 1 : 0;
    const spanMs = full.length ? full[full.length - 1].seen - loadBlocks[0].seen : 0;
    const sustained = spanMs > 0 ? perBlock.reduce((a, b) => a + b, 0) / (spanMs / 1000) : NaN;
    // Processor time from the first block with transactions to the last: the nodes'
    // together, and this tool's (submitting and reading blocks), in cores, and the nodes' in µs
    // per transaction included after the first block (each was validated, gossiped, authored
    // and imported within that time). Over the whole load rather than the full blocks: under a
    // backlog the nodes validate more than the full blocks include.
    const afterFirst = loadBlocks.slice(1).reduce((a, b) => a + b.signed, 0);
    const [first, last] = loadBlocks.length > 1 ? [loadBlocks[0], loadBlocks[loadBlocks.length - 1]] : [null, null];
    const cpuSpanMs = last ? last.seen - first.seen : NaN;
    const nodesCpuMs = last ? last.cpu.nodes - first.cpu.nodes : NaN;
    const toolCpuMs = last ? (last.cpu.tool.user + last.cpu.tool.system - first.cpu.tool.user - first.cpu.tool.system) / 1000 : NaN;
    const finalOf = (n) => Math.min(...[...finalizedAt.entries()].filter(([f]) => f >= n).map(([, t]) => t));
    const latencies = [...submittedAt.entries()].filter(([h]) => includedAt.has(h)).map(([h, t]) => finalOf(includedAt.get(h).number) - t).filter(Number.isFinite);
    // From the nodes' logs (millisecond timestamps): each block's authoring time, and when
    // every other node had imported it after its author sealed it.
    const { authoringOf, importOf, discarded } = readLogs(node.logFiles);
    const peakRss = Math.max(...node.pids.map((pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024));
    const authoringMs = full.map((b) => authoringOf.get(b.hash)).filter(Number.isFinite);

    console.log(`\n${mix}\nblock  signed  authoring_ms  imported_by_all_ms`);
    for (const b of loadBlocks) console.log(`#${String(b.number).padEnd(5)} ${String(b.signed).padStart(6)}  ${String(authoringOf.get(b.hash) ?? '—').padStart(12)}  ${String(importOf.get(b.hash) ?? '—').padStart(18)}`);
    const importMs = full.map((b) => importOf.get(b.hash)).filter(Number.isFinite);
    const row = {
      mix,
      chain: CHAIN,
      senders: senders.length,
      presigned: txs.length,
      accepted: submittedAt.size,
      included: latencies.length,
      failed,
      full_blocks: full.length,
      empty_blocks_between: span - full.length,
      proposals_discarded: discarded,
      blocks_per_minute: spanMs > 0 ? Number((full.length / (spanMs / 60000)).toFixed(1)) : null,
      per_block_max: Math.max(0, ...perBlock),
      tx_per_s: Math.round(sustained),
      authoring_ms_max: Math.max(0, ...authoringMs),
      imported_by_all_ms_max: importMs.length ? Math.max(...importMs) : null,
      nodes_cpu_cores: Number((nodesCpuMs / cpuSpanMs).toFixed(2)),
      tool_cpu_cores: Number((toolCpuMs / cpuSpanMs).toFixed(2)),
      nodes_cpu_us_per_tx: Math.round((nodesCpuMs * 1000) / afterFirst),
      validators: node.pids.length,
      pool_refusals: refusals,
      pool_submitted: poolSubmitted,
      pool_validations: poolValidations,
      finalized_latency_ms_p50: pct(latencies, 0.5),
      finalized_latency_ms_p99: pct(latencies, 0.99),
      node_peak_rss_mib: Math.round(peakRss),
      run_s: Math.round((Date.now() - started) / 1000),
    };
    console.log(`${JSON.stringify(row)}`);
    await api.disconnect();
    return row;
  } finally {
    await node.stop();
  }
}

async function main() {
  if (!isMainThread) {
    parentPort.postMessage(await presign(workerData));
    return;
  }
  await cryptoWaitReady();
  const rows = [];
  for (const mix of MIX_NAMES) rows.push(await runMix(mix));
  // One table; each mix's ratio to the balance transfers of this run, if it ran them.
  const transfers = rows.find((r) => r.mix === 'transfers');
  const fmt = (x) => (Number.isFinite(x) ? x : '—');
  console.log('\n| mix | full blocks | tx/s | per block (max) | ratio to transfers | authoring max (ms) | proposals discarded | pool refusals | finalized p50 / p99 (s) | peak RSS (MiB) | CPU cores: nodes + tool | CPU of the nodes per tx (µs) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = transfers ? (r.tx_per_s / transfers.tx_per_s).toFixed(2) : '—';
    const refused = Object.values(r.pool_refusals).reduce((a, b) => a + b, 0);
    console.log(`| ${r.mix} | ${r.full_blocks}${r.empty_blocks_between ? ` (+${r.empty_blocks_between} empty)` : ''} | ${fmt(r.tx_per_s)} | ${r.per_block_max} | ${ratio} | ${r.authoring_ms_max} | ${r.proposals_discarded} | ${refused} | ${(r.finalized_latency_ms_p50 / 1000).toFixed(1)} / ${(r.finalized_latency_ms_p99 / 1000).toFixed(1)} | ${r.node_peak_rss_mib} | ${fmt(r.nodes_cpu_cores)} + ${fmt(r.tool_cpu_cores)} | ${fmt(r.nodes_cpu_us_per_tx)} |`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
