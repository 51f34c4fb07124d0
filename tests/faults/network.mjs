// The four-validator local network (Alice, Bob, Charlie, Dave on chain-specs/local-raw.json),
// started node by node so that a fault scenario can kill, hang, resume, restart or wipe any
// one of them. Same arguments as scripts/local-network.sh, on free loopback ports.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, connect, freePort, nodeBin, startProcess, tempDir, waitFor } from '../e2e/lib.mjs';

export const NAMES = ['alice', 'bob', 'charlie', 'dave'];

export class Network {
  constructor(chain = join(ROOT, 'chain-specs', 'local-raw.json')) {
    this.chain = chain;
    this.dir = tempDir('faults-net');
    this.nodes = [];
    this.starts = 0;
  }

  /** Starts the four validators and connects a client to each. */
  async start() {
    for (let i = 0; i < 4; i++) {
      const key = join(this.dir, `node-${i}.key`);
      writeFileSync(key, (i + 1).toString(16).padStart(64, '0'));
      const peer = execFileSync(nodeBin(), ['key', 'inspect-node-key', '--file', key]).toString().trim();
      this.nodes.push({ name: NAMES[i], key, peer, p2p: await freePort(), rpc: await freePort(), proc: null, api: null });
    }
    for (let i = 0; i < 4; i++) this.launch(i);
    for (let i = 0; i < 4; i++) this.nodes[i].api = await connect(`ws://127.0.0.1:${this.nodes[i].rpc}`);
  }

  launch(i) {
    const n = this.nodes[i];
    const boot = this.nodes.filter((_, j) => j !== i).map((m) => `/ip4/127.0.0.1/tcp/${m.p2p}/p2p/${m.peer}`);
    const args = [
      '--chain', this.chain, `--${n.name}`, '--validator',
      '--base-path', join(this.dir, 'data', n.name), '--node-key-file', n.key,
      '--listen-addr', `/ip4/127.0.0.1/tcp/${n.p2p}`, '--rpc-port', String(n.rpc),
      '--no-mdns', '--no-prometheus', '--no-telemetry', '--bootnodes', ...boot,
    ];
    this.starts += 1;
    n.proc = startProcess(nodeBin(), args, join(this.dir, `${n.name}-${this.starts}.log`));
  }

  /** SIGKILL: the node dies at once, as on a power cut. */
  async kill(i) {
    const n = this.nodes[i];
    await n.api?.disconnect().catch(() => {});
    n.api = null;
    n.proc.child.kill('SIGKILL');
    await n.proc.exited;
  }

  /** SIGSTOP / SIGCONT: the node hangs (its sockets stay open), then resumes. */
  pause(i) { this.nodes[i].proc.child.kill('SIGSTOP'); }
  resume(i) { this.nodes[i].proc.child.kill('SIGCONT'); }

  /** Restarts a killed node on its base path (or on an empty one with `wipe`). */
  async restart(i, { wipe = false } = {}) {
    if (wipe) rmSync(join(this.dir, 'data', this.nodes[i].name), { recursive: true, force: true });
    this.launch(i);
    this.nodes[i].api = await connect(`ws://127.0.0.1:${this.nodes[i].rpc}`);
  }

  live() { return this.nodes.filter((n) => n.api); }

  /** Each live node's finalized head: { name, number, hash }. */
  async finalized(nodes = this.live()) {
    return Promise.all(nodes.map(async (n) => {
      const hash = await n.api.rpc.chain.getFinalizedHead();
      const header = await n.api.rpc.chain.getHeader(hash);
      return { name: n.name, number: header.number.toNumber(), hash: hash.toHex() };
    }));
  }

  async best(i) {
    return (await this.nodes[i].api.rpc.chain.getHeader()).number.toNumber();
  }

  /** Waits until every live node has finalized at least `height`; returns the heads. */
  async finalizedAtLeast(height, timeoutMs, nodes = this.live()) {
    return waitFor(`finality to reach #${height} on ${nodes.map((n) => n.name)}`, async () => {
      const heads = await this.finalized(nodes);
      return heads.every((h) => h.number >= height) && heads;
    }, timeoutMs, 500);
  }

  /** Waits until every live node reports the same finalized hash at the same height. */
  async agree(timeoutMs) {
    return waitFor('every node to report the same finalized head', async () => {
      const heads = await this.finalized();
      return heads.every((h) => h.hash === heads[0].hash && h.number === heads[0].number) && heads[0];
    }, timeoutMs, 250);
  }

  /** The hash each live node has at `height` on its finalized chain. */
  async hashesAt(height) {
    return Promise.all(this.live().map(async (n) => (await n.api.rpc.chain.getBlockHash(height)).toHex()));
  }

  async stop() {
    for (const n of this.nodes) {
      await n.api?.disconnect().catch(() => {});
      n.api = null;
      if (n.proc) {
        n.proc.child.kill('SIGCONT');
        await n.proc.stop(10_000);
      }
    }
    rmSync(join(this.dir, 'data'), { recursive: true, force: true });
  }
}
