// The throughput tool (issue 14, first part): starts a node, pre-signs transactions from
// many senders, submits them over JSON-RPC as fast as the node takes them, and reports per
// block and in one table: included transactions, authoring time, sustained tx/s over the
// full blocks, pool refusals, submit→finalized latency (p50/p99) and the node's peak RSS.
//
//   node bench/tps.mjs [--mix transfers] [--seconds 60] [--rate 3000] [--chain benchmark|dev]
//                      [--senders //Alice,…] [--per-sender N] [--connections 4] [--pool-ahead 12000]
//
// scripts/bench-tps.sh runs it. On the benchmark chain (`civitas-node --chain benchmark`) 512
// staff accounts send, each within its quota (1,000 transactions per 100-block window); on
// the dev chain the eight founding admins do. It pre-signs --rate × --seconds transactions
// and submits for at most --seconds.
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { WebSocket } from 'ws';
import { connect, startNode } from '../e2e/lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const MIX = args.mix ?? 'transfers';
const SECONDS = Number(args.seconds ?? 60);
const CHAIN = args.chain ?? 'benchmark';
const FOUNDERS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//One', '//Two', '//Eve//stash', '//Ferdie//stash'];
// The benchmark chain's senders: the founding admins and 63 more admins of each agency,
// `//bench//<agency>//<i>` (node/src/chain_spec.rs); the dev chain has the founders only.
const BENCH = FOUNDERS.flatMap((f, a) => [f, ...Array.from({ length: 63 }, (_, i) => `//bench//${a}//${i + 1}`)]);
const SENDERS = args.senders ? args.senders.split(',') : CHAIN === 'benchmark' ? BENCH : FOUNDERS;
// How many to pre-sign: enough for --rate tx/s over --seconds, within each sender's quota.
const RATE = Number(args.rate ?? 3000);
const PER_SENDER = Number(args['per-sender'] ?? Math.min(1000, Math.ceil((RATE * SECONDS) / SENDERS.length)));
const CONNECTIONS = Number(args.connections ?? 4);
const POOL_AHEAD = Number(args['pool-ahead'] ?? 12_000);

const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
const log = (...a) => console.error('[bench-tps]', ...a);

/** Mixes: each builds the call a sender sends as its `i`-th transaction. */
const MIXES = {
  transfers: (api, _sender, i, recipients) => api.tx.balances.transferKeepAlive(recipients[i % recipients.length], 1n + BigInt(i % 97)),
};

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

async function main() {
  await cryptoWaitReady();
  // The pool holds what a run pre-signs (its default, 8,192 transactions, is two blocks).
  const pool = ['--pool-limit', String(Math.max(8192, SENDERS.length * PER_SENDER)), '--pool-kbytes', String(Math.max(20480, SENDERS.length * PER_SENDER / 4))];
  const node = await startNode([...(CHAIN === 'dev' ? ['--dev'] : ['--chain', CHAIN, '--alice', '--validator', '--tmp', '--node-key', '0'.repeat(63) + '1']), ...pool, ...(args['node-args'] ? args['node-args'].split(' ') : [])], 'bench-tps', { prometheus: true });
  const started = Date.now();
  try {
    const api = await connect(node.url);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    const senders = SENDERS.map((s) => keyring.addFromUri(s));
    const recipients = senders.map((s) => s.address);
    const build = MIXES[MIX];
    if (!build) throw new Error(`unknown mix ${MIX}: ${Object.keys(MIXES).join(', ')}`);

    // Pre-sign: every sender's transactions with consecutive nonces, immortal, at genesis.
    const genesisHash = api.genesisHash;
    const t0 = Date.now();
    const txs = [];
    for (const s of senders) {
      const nonce = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
      for (let i = 0; i < PER_SENDER; i += 1) {
        const tx = build(api, s, i, recipients).sign(s, { nonce: nonce + i, era: 0, blockHash: genesisHash, genesisHash, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions });
        txs.push({ hex: tx.toHex(), hash: tx.hash.toHex(), sender: s.address, nonce: nonce + i });
      }
    }
    // Interleave senders so each block can take every sender's next nonces.
    txs.sort((a, b) => a.nonce - b.nonce);
    log(`pre-signed ${txs.length} ${MIX} from ${senders.length} senders in ${Date.now() - t0} ms`);

    // Blocks: per block, its extrinsics and when it was seen; finality times.
    const blocks = [];
    const includedAt = new Map();
    const finalizedAt = new Map();
    const unsubNew = await api.rpc.chain.subscribeNewHeads(async (header) => {
      const seen = Date.now();
      const hash = header.hash.toHex();
      const block = await api.rpc.chain.getBlock(hash);
      const xts = block.block.extrinsics.filter((x) => x.isSigned);
      for (const x of xts) if (!includedAt.has(x.hash.toHex())) includedAt.set(x.hash.toHex(), { at: seen, number: header.number.toNumber() });
      blocks.push({ number: header.number.toNumber(), seen, signed: xts.length });
    });
    const unsubFin = await api.rpc.chain.subscribeFinalizedHeads(async (header) => {
      const seen = Date.now();
      const n = header.number.toNumber();
      finalizedAt.set(n, seen);
    });

    // Submit over several connections. Each sender's transactions go in nonce order, the
    // next once the pool has answered the previous: a nonce that arrives before its
    // predecessor waits in the pool's small future queue, and what overflows it is dropped
    // without a word. All senders submit at once.
    const conns = Array.from({ length: CONNECTIONS }, () => new Rpc(node.url));
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
    log(`submitted ${submittedAt.size} accepted, ${Object.values(refusals).reduce((a, b) => a + b, 0)} refused in ${submitMs} ms`);

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

    // Figures.
    const loadBlocks = blocks.filter((b) => b.signed > 0).sort((a, b) => a.number - b.number);
    const full = loadBlocks.slice(1, -1); // the first and last are partial
    const perBlock = full.map((b) => b.signed);
    const slotMs = Number((await api.call.auraApi.slotDuration()).toString());
    const sustained = full.length ? perBlock.reduce((a, b) => a + b, 0) / (full.length * slotMs / 1000) : NaN;
    const finalOf = (n) => Math.min(...[...finalizedAt.entries()].filter(([f]) => f >= n).map(([, t]) => t));
    const latencies = [...submittedAt.entries()].filter(([h]) => includedAt.has(h)).map(([h, t]) => finalOf(includedAt.get(h).number) - t).filter(Number.isFinite);
    const authoring = [...readFileSync(node.logFile, 'utf8').matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const authoringOf = new Map(authoring);
    const status = readFileSync(`/proc/${node.child.pid}/status`, 'utf8');
    const peakRss = Number(status.match(/VmHWM:\s+(\d+)/)[1]) / 1024;

    console.log(`\nblock  signed  authoring_ms`);
    for (const b of loadBlocks) console.log(`#${String(b.number).padEnd(5)} ${String(b.signed).padStart(6)}  ${String(authoringOf.get(b.number) ?? '—').padStart(12)}`);
    const row = {
      mix: MIX,
      chain: CHAIN,
      senders: senders.length,
      presigned: txs.length,
      accepted: submittedAt.size,
      included: latencies.length,
      full_blocks: full.length,
      per_block_max: Math.max(0, ...perBlock),
      tx_per_s: Math.round(sustained),
      pool_refusals: refusals,
      finalized_latency_ms_p50: pct(latencies, 0.5),
      finalized_latency_ms_p99: pct(latencies, 0.99),
      node_peak_rss_mib: Math.round(peakRss),
      run_s: Math.round((Date.now() - started) / 1000),
    };
    console.log(`\n${JSON.stringify(row)}`);
    await api.disconnect();
  } finally {
    await node.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
