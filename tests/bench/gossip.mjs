// A probe of transaction gossip to a peer that joins late (a measurement, not a test: its
// figures depend on how busy the machine is). The transactions protocol sends each transaction
// to the connected peers when the pool imports it, and every 2.9 s re-broadcasts the pool's
// ready transactions a peer is not known to have, one notification each; both network
// backends close the whole connection once about 2,048 are queued for one peer (polkadot-sdk
// issue 12111).
//
// Two nodes of the benchmark-local chain, neither a validator (no blocks: the pool stays as
// submitted). A takes 4,000 ready transfers from five staff senders while alone, then B
// starts with A as its boot node: one re-broadcast sends B all 4,000 at once. A's peers are
// sampled for 25 s, then B's pool is read. Prints
// {"pooled", "peerSamples", "dropped" (samples in which A had lost B), "receivedByB"}.
//
//   cd tests && node bench/gossip.mjs [--network-backend litep2p]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { connect, freePort, nodeBin, startProcess, tempDir, waitFor } from '../e2e/lib.mjs';

const SENDERS = 5;
const PER_SENDER = 800;
const dir = tempDir('gossip');
const procs = [];
const apis = [];
const backend = process.argv.includes('--network-backend') ? ['--network-backend', process.argv[process.argv.indexOf('--network-backend') + 1]] : [];

/** A non-validating node of benchmark-local on free loopback ports, with a fixed node key. */
async function node(name, seed, bootnodes = []) {
  const key = join(dir, `${name}.key`);
  writeFileSync(key, seed.toString(16).padStart(64, '0'));
  const peer = execFileSync(nodeBin(), ['key', 'inspect-node-key', '--file', key]).toString().trim();
  const p2p = await freePort();
  const rpc = await freePort();
  const proc = startProcess(nodeBin(), [
    '--chain', 'benchmark-local', '--base-path', join(dir, name), '--node-key-file', key,
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`, '--rpc-port', String(rpc),
    '--pool-limit', String(SENDERS * PER_SENDER * 2),
    ...backend, '--no-mdns', '--no-prometheus', '--no-telemetry', ...(bootnodes.length ? ['--bootnodes', ...bootnodes] : []),
  ], join(dir, `${name}.log`));
  procs.push(proc);
  const api = await connect(`ws://127.0.0.1:${rpc}`);
  apis.push(api);
  return { api, addr: `/ip4/127.0.0.1/tcp/${p2p}/p2p/${peer}` };
}

async function main() {
  const a = await node('a', 0xa1);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: a.api.registry.chainSS58 });
  // The benchmark chains' staff senders (node/src/chain_spec.rs), within their quotas.
  const senders = Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//bench//0//${i + 1}`));
  const genesis = a.api.genesisHash;
  const txs = senders.flatMap((s, i) => Array.from({ length: PER_SENDER }, (_, nonce) => a.api.tx.balances
    .transferKeepAlive(senders[(i + 1) % SENDERS].address, 1 + nonce)
    .sign(s, { nonce, era: 0, blockHash: genesis, genesisHash: genesis, runtimeVersion: a.api.runtimeVersion, signedExtensions: a.api.registry.signedExtensions })
    .toHex()));
  for (let i = 0; i < txs.length; i += 200) {
    await Promise.all(txs.slice(i, i + 200).map((tx) => a.api.rpc.author.submitExtrinsic(tx)));
  }
  const pending = (await a.api.rpc.author.pendingExtrinsics()).length;

  const b = await node('b', 0xb2, [a.addr]);
  await waitFor('B to connect to A', async () => (await a.api.rpc.system.health()).peers.toNumber() === 1, 60_000);
  const peers = [];
  for (let t = 0; t < 100; t += 1) {
    peers.push((await a.api.rpc.system.health()).peers.toNumber());
    await new Promise((r) => setTimeout(r, 250));
  }
  const received = (await b.api.rpc.author.pendingExtrinsics()).length;
  console.log(JSON.stringify({ pooled: pending, peerSamples: peers.length, dropped: peers.filter((n) => n === 0).length, receivedByB: received }));
}

main()
  .catch((e) => { console.error(e); process.exitCode = 1; })
  .finally(async () => {
    for (const api of apis) await api.disconnect().catch(() => {});
    for (const p of procs) await p.stop();
  });
