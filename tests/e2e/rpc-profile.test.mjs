// The app-facing RPC profile (docs/privacy.md, "Defence in depth at the node"): on an interface
// that denies unsafe methods (`--rpc-methods safe`, or `auto` on a public address), a stock
// @polkadot/api client submits transactions, follows heads, reads metadata and known keys,
// and calls runtime APIs and view functions, but cannot list the keys of the state; the
// operator's interface (loopback, `auto`) still can. No interface serves the runtime's
// authoring-only batch call.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { connect, startNode, submitAndWatch, viewFunction, waitFor } from './lib.mjs';

let app;
let operator;
let appApi;
let operatorApi;

before(async () => {
  await cryptoWaitReady();
  app = await startNode(['--dev', '--rpc-methods', 'safe', '--state-pruning', 'archive', '--blocks-pruning', 'archive'], 'app-rpc');
  operator = await startNode(['--dev'], 'operator-rpc');
  [appApi, operatorApi] = await Promise.all([connect(app.url), connect(operator.url)]);
});

after(async () => {
  for (const api of [appApi, operatorApi]) if (api) await api.disconnect();
  for (const node of [app, operator]) if (node) await node.stop();
});

const REFUSED = /storage enumeration is not served on this interface/;
const agenciesPrefix = xxhashAsHex('Consortium', 128) + xxhashAsHex('Agencies', 128).slice(2);

test('an app interface serves submission, known keys, runtime APIs and view functions', { timeout: 120_000 }, async () => {
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const citizen = new Keyring({ type: 'sr25519' }).addFromUri(`//Citizen//${Date.now()}`);
  const person = u8aToHex(randomAsU8a(32));
  await submitAndWatch(appApi.tx.identity.registerPerson(person, 'Citizen', citizen.address, u8aToHex(randomAsU8a(32)), false), alice);
  assert.ok((await appApi.query.identity.persons(person)).isSome, 'a known key is read');
  const view = await viewFunction(appApi, 'Identity', 'person', [person]);
  assert.ok(view.isSome, 'a view function answers');
  assert.equal((await appApi.call.core.version()).specName.toString(), 'civitas');
  const head = await waitFor('a new head', async () => {
    const h = await appApi.rpc.chain.getHeader();
    return h.number.toNumber() > 0 && h;
  }, 60_000);
  assert.ok(head.number.toNumber() > 0);
});

test('an app interface refuses to list the keys of the state', { timeout: 60_000 }, async () => {
  await assert.rejects(appApi.rpc.state.getKeysPaged(agenciesPrefix, 10), REFUSED);
  await assert.rejects(appApi.rpc.state.getKeys(agenciesPrefix), REFUSED);
  await assert.rejects(appApi.query.consortium.agencies.entries(), REFUSED, 'a map cannot be walked');
  await assert.rejects(appApi.query.consortium.agencies.keys(), REFUSED);
  // The new JSON-RPC spec's storage queries: a value is served, a key's descendants are not.
  const hash = (await appApi.rpc.chain.getFinalizedHead()).toHex();
  const key = xxhashAsHex('Consortium', 128) + xxhashAsHex('MemberCount', 128).slice(2);
  const query = (items, events) => appApi._rpcCore.provider.subscribe(
    'archive_v1_storageEvent', 'archive_v1_storage', [hash, items, null], (error, event) => events.push(error ?? event));
  const events = [];
  await query([{ key, type: 'value' }], events);
  await waitFor('the end of the storage query', async () => events.some((e) => e.event === 'storageDone'), 20_000, 100);
  assert.ok(events.some((e) => e.event === 'storage' && e.key === key && e.value), `a known key is served: ${JSON.stringify(events)}`);
  for (const type of ['descendantsValues', 'descendantsHashes']) {
    await assert.rejects(query([{ key: agenciesPrefix, type }], []), REFUSED, type);
  }
});

test('no interface serves the authoring-only batch call', { timeout: 60_000 }, async () => {
  // One request would otherwise make the node check every signature of the batch it carries.
  for (const api of [appApi, operatorApi]) {
    await assert.rejects(
      api.rpc.state.call('BlockBuilderBatch_apply_extrinsics', '0x00'),
      /for block authoring only/,
    );
  }
  // The ordinary runtime calls stay served.
  assert.ok((await operatorApi.rpc.state.call('Core_version', '0x')).length > 0);
});

test("the operator's loopback interface still lists keys", { timeout: 60_000 }, async () => {
  const keys = await operatorApi.rpc.state.getKeysPaged(agenciesPrefix, 10);
  assert.ok(keys.length > 0, 'the genesis agencies are listed');
  assert.ok((await operatorApi.query.consortium.agencies.entries()).length > 0);
});
