// Runtime upgrade by consortium vote, end to end, on the four-validator network: the drill's
// runtime (runtime/next: the same sources with `upgrade-test`, spec version + 1, the
// Licences v1 → v2 migration) is authorized by `system.authorizeUpgrade(hash)` carried by
// five agencies' votes, then submitted by anyone, unsigned, with
// `system.applyAuthorizedUpgrade(code)`. All four nodes must run the new version, finality
// must go on, the migration must have run once (Licences storage version 1 → 2, the count of
// licence types unchanged), and every other pallet's storage must be byte for byte what it
// was, except the consortium's own records of the vote.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex, xxhashAsU8a } from '@polkadot/util-crypto';
import { carryAll, submitAndWatch, targetDir, waitFor } from '../e2e/lib.mjs';
import { Network } from './network.mjs';

/** The drill's runtime, built by `cargo build --release -p civitas-runtime-next`. */
export function nextRuntimePath() {
  return join(targetDir(), 'release', 'wbuild', 'civitas-runtime-next', 'civitas_runtime_next.compact.compressed.wasm');
}

const prefix = (pallet) => u8aToHex(xxhashAsU8a(stringToU8a(pallet), 128));
const storageVersionKey = (pallet) =>
  u8aToHex(u8aConcat(xxhashAsU8a(stringToU8a(pallet), 128), xxhashAsU8a(stringToU8a(':__STORAGE_VERSION__:'), 128)));

/** Every key and value under the pallets' prefixes at block `at`. */
async function snapshot(api, pallets, at) {
  const out = new Map();
  for (const pallet of pallets) {
    let start;
    for (;;) {
      const keys = await api.rpc.state.getKeysPaged(prefix(pallet), 1000, start, at);
      if (keys.length === 0) break;
      const values = await api.rpc.state.queryStorageAt(keys, at);
      keys.forEach((k, i) => out.set(k.toHex(), values[i].toHex()));
      if (keys.length < 1000) break;
      start = keys[keys.length - 1];
    }
  }
  return out;
}

export async function runtimeUpgrade({ log = console.log } = {}) {
  const path = nextRuntimePath();
  assert.ok(existsSync(path), `no drill runtime at ${path}: cargo build --release -p civitas-runtime-next`);
  const code = readFileSync(path);
  const net = new Network();
  const figures = {};
  try {
    await net.start();
    await net.finalizedAtLeast(2, 180_000);
    const api = net.nodes[0].api;
    const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
    const keyring = new Keyring({ type: 'sr25519' });

    // Some licence types, so that the migration has something to count.
    await carryAll(api, keyring, [1, 2, 3].map((id) =>
      api.tx.licences.registerLicenceType(id, `Drill ${id}`, 86_400_000, true, [])));
    const count = (await api.query.licences.licenceTypeCount()).toNumber();

    const pallets = ['Identity', 'Licences', 'Invoices', 'ProvidentFund', 'WageEscrow', 'LandTitles',
      'Settlement', 'Balances', 'NodeAuthorization'];
    const hash = blake2AsHex(code, 256);
    const t0 = Date.now();
    await carryAll(api, keyring, [api.tx.system.authorizeUpgrade(hash)]);
    figures.authorizedMs = Date.now() - t0;
    const lastBefore = await api.rpc.chain.getHeader();
    const state = await snapshot(api, pallets, lastBefore.hash);
    assert.equal((await api.rpc.state.getStorage(storageVersionKey('Licences'))).toHex(), '0x0100');

    // Anyone may submit the authorized code, without a signature (it is 0.7 MB).
    const t1 = Date.now();
    const applied = await new Promise((ok, fail) => {
      api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)).send(({ status, events, dispatchError }) => {
        if (status.isInBlock) {
          if (dispatchError) fail(new Error(`applyAuthorizedUpgrade failed: ${dispatchError}`));
          else ok({ block: status.asInBlock, events });
        } else if (status.isInvalid || status.isDropped) fail(new Error(`upgrade ${status.type}`));
      }).catch(fail);
    });
    // The events handed to the status callback are decoded while @polkadot/api swaps to the
    // new runtime's metadata, and can come back empty ("Unable to decode storage
    // system.events"). Nor does `api.at(block)` decode them: the block set the new code, so it
    // is decorated with the new runtime's metadata, while its events were written by the old
    // runtime, which executed it. Read them raw at the block and decode them with the metadata
    // of its parent.
    let events = applied.events;
    if (!events.some(({ event }) => event.method === 'CodeUpdated')) {
      const { parentHash } = await api.rpc.chain.getHeader(applied.block);
      const old = await api.at(parentHash);
      const raw = await api.rpc.state.getStorage.raw(old.query.system.events.key(), applied.block);
      events = old.registry.createType('Vec<EventRecord>', raw);
    }
    const names = events.map(({ event }) => `${event.section}.${event.method}${event.method === 'RejectedInvalidAuthorizedUpgrade' ? JSON.stringify(event.data.toHuman()) : ''}`);
    assert.ok(events.some(({ event }) => event.method === 'CodeUpdated'), `CodeUpdated emitted (events: ${names.join(', ')})`);

    // Every node runs the new version, and finalizes with it.
    await waitFor(`spec version ${before + 1} on all four nodes`, async () => {
      const versions = await Promise.all(net.nodes.map(async (n) =>
        (await n.api.rpc.state.getRuntimeVersion()).specVersion.toNumber()));
      return versions.every((v) => v === before + 1);
    }, 120_000, 500);
    figures.upgradeToNewVersionMs = Date.now() - t1;
    const header = await api.rpc.chain.getHeader(applied.block);
    await net.finalizedAtLeast(header.number.toNumber() + 2, 120_000);
    const agreed = await net.agree(60_000);
    figures.finalizedWithNewRuntimeMs = Date.now() - t1;
    for (const n of net.nodes) {
      const finalizedVersion = (await n.api.rpc.state.getRuntimeVersion(agreed.hash)).specVersion.toNumber();
      assert.equal(finalizedVersion, before + 1, `${n.name}'s finalized head runs ${finalizedVersion}`);
    }

    // The migration ran: Licences storage version 2, the count unchanged; nothing else moved.
    const at = (await api.rpc.chain.getFinalizedHead()).toHex();
    const after = await snapshot(api, pallets, at);
    const changed = [...new Set([...state.keys(), ...after.keys()])].filter((k) => state.get(k) !== after.get(k));
    assert.deepEqual(changed, [storageVersionKey('Licences')], 'only the Licences storage version changed');
    assert.equal(after.get(storageVersionKey('Licences')), '0x0200');
    assert.equal((await api.query.licences.licenceTypeCount.at(at)).toNumber(), count);
    const last = await api.query.system.lastRuntimeUpgrade.at(at);
    assert.equal(last.unwrap().specVersion.toNumber(), before + 1);

    // The chain works on the new runtime: a signed transaction, as before.
    const alice = keyring.addFromUri('//Alice');
    await submitAndWatch(api.tx.system.remarkWithEvent('after the upgrade'), alice);
    figures.specVersion = `${before} → ${before + 1}`;
    figures.storageKeysCompared = state.size;
    log(`upgrade ${figures.specVersion}: authorized by vote in ${figures.authorizedMs} ms; all four on the new ` +
      `version ${figures.upgradeToNewVersionMs} ms after submission, finalized at #${agreed.number}; ` +
      `${state.size} storage entries of ${pallets.length} pallets unchanged but the Licences storage version (1 → 2)`);
    return figures;
  } catch (e) {
    throw new Error(`${e.message ?? e} (node logs in ${net.dir})`, { cause: e });
  } finally {
    await net.stop();
  }
}
