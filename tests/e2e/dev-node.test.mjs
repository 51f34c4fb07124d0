// The dev chain, end to end: the real node binary with --dev, a real client (@polkadot/api).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { connect, finalizedNumber, startNode, submitAndWatch, waitFor } from './lib.mjs';

let node;
let api;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'dev');
  api = await connect(node.url);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) {
    const { code, signal } = await node.stop();
    assert.ok(code === 0 || signal === 'SIGINT', `node exited with ${code} / ${signal}; log: ${node.logFile}`);
  }
});

test('dev chain finalizes block 3', { timeout: 120_000 }, async () => {
  const n = await waitFor('block 3 to be finalized', async () => (await finalizedNumber(api)) >= 3 && true, 110_000);
  assert.equal(n, true);
  assert.ok((await finalizedNumber(api)) >= 3);
});

test('metadata is served, in versions 14, 15 and 16', async () => {
  const metadata = await api.rpc.state.getMetadata();
  assert.ok(metadata.version >= 14, `metadata version ${metadata.version}`);
  const pallets = metadata.asLatest.pallets.map((p) => p.name.toString());
  for (const p of ['System', 'Timestamp', 'Aura', 'Grandpa', 'Balances']) {
    assert.ok(pallets.includes(p), `pallet ${p} in metadata: ${pallets}`);
  }
  const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
  for (const v of [14, 15, 16]) assert.ok(versions.includes(v), `metadata versions ${versions}`);
  const v16 = await api.call.metadata.metadataAtVersion(16);
  assert.ok(v16.isSome, 'metadata V16 is returned');
});

test('chain spec RPC (v1) names the dev chain', async () => {
  const name = await api.rpc('chainSpec_v1_chainName');
  assert.equal(name.toString(), 'Civitas Development');
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'CVU');
  // Civitas' own SS58 prefix, the same in the chain properties and in the runtime.
  assert.equal(props.ss58Format.unwrap().toNumber(), 7046);
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 7046);
});

test('a signed transfer_keep_alive from Alice is included and emits Transfer', { timeout: 60_000 }, async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const dest = keyring.addFromMnemonic(mnemonicGenerate());
  const amount = 12_345n;

  const { blockHash, events } = await submitAndWatch(api.tx.balances.transferKeepAlive(dest.address, amount), alice);
  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, `Transfer event in ${events.map(({ event }) => `${event.section}.${event.method}`)}`);
  const [from, to, value] = transfer.event.data;
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), dest.address);
  assert.equal(value.toBigInt(), amount);
  assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));

  const account = await (await api.at(blockHash)).query.system.account(dest.address);
  assert.equal(account.data.free.toBigInt(), amount);
});

test('a transaction signed with the metadata hash is accepted; one signed against other metadata is refused', { timeout: 60_000 }, async () => {
  // What an offline or hardware signer does (RFC 78): it signs the hash of the metadata it
  // decoded the call with (mode 1, `CheckMetadataHash`), computed here from the chain's own
  // V15 metadata with the chain's token symbol and decimals.
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const dest = keyring.addFromMnemonic(mnemonicGenerate());
  const v15 = await api.call.metadata.metadataAtVersion(15);
  const digest = merkleizeMetadata(v15.unwrap().toU8a(true), { decimals: 2, tokenSymbol: 'CVU' }).digest();

  const { events } = await submitAndWatch(api.tx.balances.transferKeepAlive(dest.address, 1n), alice, { mode: 1, metadataHash: u8aToHex(digest) });
  assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));

  const other = new Uint8Array(32).fill(7);
  await assert.rejects(
    submitAndWatch(api.tx.balances.transferKeepAlive(dest.address, 1n), alice, { mode: 1, metadataHash: u8aToHex(other) }),
    /bad signature/i,
  );
});
