// Validators and peers are the consortium's to decide, on the four-validator local network:
// a node with an unknown peer id is kept out until a vote makes it a well-known peer; a vote
// adds a fifth validator, which authors blocks after the session change; a vote removes one,
// whose node then stops, and finality goes on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ROOT, connect, finalizedNumber, freePort, nodeBin, startProcess, submitAndWatch, tempDir, waitFor } from './lib.mjs';

let net;
let netExited;
let nodes;
let api;
let eveNode;
let eveApi;
let sr;
let ed;

before(async () => {
  await cryptoWaitReady();
  sr = new Keyring({ type: 'sr25519' });
  ed = new Keyring({ type: 'ed25519' });
  net = spawn('bash', [join(ROOT, 'scripts', 'local-network.sh'), '--no-build'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  net.stdout.on('data', (d) => { out += d; });
  net.stderr.on('data', () => {});
  netExited = new Promise((ok) => net.on('exit', (code, signal) => ok({ code, signal })));
  nodes = await waitFor('the four nodes to be listed', () => {
    const lines = out.split('\n').filter((l) => l.startsWith('node '));
    return lines.length === 4 && lines.map((l) => Object.fromEntries(l.split(' ').slice(1).map((kv) => kv.split('='))));
  }, 60_000);
  api = await connect(nodes[0].rpc);
  // Addresses in the chain's own format (its SS58 prefix), as the chain prints them.
  sr.setSS58Format(api.registry.chainSS58);
  await waitFor('finality on the local network', async () => (await finalizedNumber(api)) >= 2, 180_000, 1_000);
});

after(async () => {
  for (const a of [api, eveApi]) if (a) await a.disconnect().catch(() => {});
  if (eveNode) await eveNode.stop();
  if (net && net.exitCode === null) {
    net.kill('SIGINT');
    await netExited;
  }
});

/** Puts `call` to the vote: Alice proposes, Bob, Charlie, Dave and One vote aye (five of the
 * eight founding agencies); resolves when executed. */
async function carry(call) {
  const alice = sr.addFromUri('//Alice');
  const { events } = await submitAndWatch(api.tx.consortium.propose(call), alice);
  const index = events.find(({ event }) => event.method === 'Proposed').event.data.index.toNumber();
  for (const voter of ['//Bob', '//Charlie', '//Dave']) await submitAndWatch(api.tx.consortium.vote(index, true), sr.addFromUri(voter));
  const { events: last } = await submitAndWatch(api.tx.consortium.vote(index, true), sr.addFromUri('//One'));
  const executed = last.find(({ event }) => event.method === 'ProposalExecuted');
  assert.ok(executed, 'the fifth vote carries the proposal');
  assert.equal(executed.event.data.result.isOk, true, `result ${executed.event.data.result}`);
}

const validators = async () => (await api.query.session.validators()).map((v) => v.toString());

test('a fifth node joins only as a well-known peer, and becomes a validator by vote', { timeout: 900_000 }, async () => {
  const eve = sr.addFromUri('//Eve');
  const eveGran = ed.addFromUri('//Eve');

  // Eve's node, with a node key that no vote has made well-known yet.
  const dir = tempDir('eve');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const key = '0000000000000000000000000000000000000000000000000000000000000005';
  eveNode = startProcess(nodeBin(), [
    '--chain', join(ROOT, 'chain-specs', 'local-raw.json'), '--eve', '--validator',
    '--base-path', join(dir, 'data'), '--node-key', key,
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`, '--rpc-port', String(rpcPort),
    '--bootnodes', `/ip4/127.0.0.1/tcp/${nodes[0].p2p}/p2p/${nodes[0].peer}`,
    '--no-mdns', '--no-prometheus', '--no-telemetry',
  ], join(dir, 'eve.log'));
  eveApi = await connect(`ws://127.0.0.1:${rpcPort}`);

  // Kept out: the validators serve only well-known peers, so Eve's node does not sync.
  await new Promise((r) => setTimeout(r, 20_000));
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const eveBest = (await eveApi.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best >= 3 && eveBest === 0, `an unknown peer must not sync (network at ${best}, Eve at ${eveBest})`);

  // Eve becomes staff of the civil-affairs bureau (no vote needed). Until a vote makes her a
  // validator she may not set session keys: refused in the pool.
  await submitAndWatch(api.tx.consortium.addStaff(eve.address, 'Officer'), sr.addFromUri('//Alice'));
  const keys = u8aConcat(eve.publicKey, eveGran.publicKey);
  const statement = u8aConcat(stringToU8a('POP_'), eve.publicKey);
  const proof = u8aConcat(eve.sign(statement), eveGran.sign(statement));
  const setKeys = () => api.tx.session.setKeys(u8aToHex(keys), u8aToHex(proof));
  await assert.rejects(submitAndWatch(setKeys(), eve), /Custom error: 3/);

  // A vote makes her node a well-known peer: it connects and syncs.
  const peerId = (await eveApi.rpc.system.localPeerId()).toString();
  const { base58Decode } = await import('@polkadot/util-crypto');
  await carry(api.tx.nodeAuthorization.addWellKnownNode(u8aToHex(base58Decode(peerId)), eve.address));
  await waitFor('Eve\'s node to sync', async () => {
    const [a, b] = await Promise.all([api.rpc.chain.getHeader(), eveApi.rpc.chain.getHeader()]);
    return b.number.toNumber() >= a.number.toNumber() - 1 && b.number.toNumber() > 0;
  }, 180_000, 2_000);

  // A vote adds her as a validator; she then sets her keys, and after the session change she
  // authors blocks.
  await carry(api.tx.consortium.addValidator(eve.address));
  await submitAndWatch(setKeys(), eve);
  await waitFor('Eve in the session validators', async () => (await validators()).includes(eve.address), 300_000, 3_000);
  await waitFor('a block authored by Eve', async () => {
    const header = await api.derive.chain.getHeader(await api.rpc.chain.getBlockHash());
    return header?.author?.toString() === eve.address;
  }, 120_000, 3_000);
});

test('a vote removes a validator; its node stops and finality goes on', { timeout: 600_000 }, async () => {
  const dave = sr.addFromUri('//Dave');
  await carry(api.tx.consortium.removeValidator(dave.address));
  await waitFor('Dave out of the session validators', async () => !(await validators()).includes(dave.address), 300_000, 3_000);
  // GRANDPA's set changes with the session: wait until Dave is out of it too.
  await waitFor('Dave out of the GRANDPA set', async () => {
    const set = await api.call.grandpaApi.grandpaAuthorities();
    return set.length === 4;
  }, 120_000, 3_000);

  process.kill(Number(nodes[3].pid), 'SIGINT');
  const before = await finalizedNumber(api);
  await waitFor('finality to go on without Dave', async () => (await finalizedNumber(api)) >= before + 3, 120_000, 2_000);
});
