// E-licences, end to end on the dev chain with @polkadot/api, under licences aliases (the
// company's wallet binds one with a ring-VRF proof): a business licence requires a legal
// person and a valid fire-safety certificate, issued by two different agencies; it is refused
// until both hold. Licence types and capabilities come by vote. Nothing of the licences
// pallet's state names the company's id or its main account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { bindAlias, carryAll, connect, newWallet, startNode, submitAll, submitAndWatch, waitFor } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const FIRE_SAFETY = 1;
const BUSINESS = 2;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'licences');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('a business licence is refused until its holder is a live legal person\'s licences alias with a valid fire-safety certificate', { timeout: 300_000 }, async () => {
  const alice = keyring.addFromUri('//Alice'); // Civil Affairs Bureau: registers persons
  const bob = keyring.addFromUri('//Bob'); // Public Security Bureau: will issue fire-safety certificates
  const ferdie = keyring.addFromUri('//Ferdie'); // admin of the Market Regulation Bureau, admitted below

  await carryAll(api, keyring, [
    api.tx.licences.registerLicenceType(FIRE_SAFETY, 'Fire-safety certificate', 365 * 86_400_000, true, ['LegalPerson']),
    api.tx.licences.registerLicenceType(BUSINESS, 'Business licence', 5 * 365 * 86_400_000, true, ['LegalPerson', { Licence: FIRE_SAFETY }]),
    api.tx.consortium.grantCapability(1, { IssueLicence: FIRE_SAFETY }),
    api.tx.consortium.admitAgency('Market Regulation Bureau', 'MarketRegulation', 320100, [ferdie.address], [{ IssueLicence: BUSINESS }]),
  ]);

  const shop = { id: u8aToHex(randomAsU8a(32)), key: keyring.addFromMnemonic(mnemonicGenerate()), wallet: newWallet(), l: keyring.addFromMnemonic(mnemonicGenerate()) };
  // The licence number and the document go on chain as salted hashes only.
  const issueTo = (holder, who, type) => submitAndWatch(api.tx.licences.issue(type, holder, u8aToHex(randomAsU8a(32)), u8aToHex(randomAsU8a(32)), null, []), who);

  // No live licences alias: refused.
  await assert.rejects(issueTo(u8aToHex(randomAsU8a(32)), ferdie, BUSINESS), /licences\.UnknownAlias/);

  // Registered as a company with its wallet's member key, it binds its licences alias to a
  // fresh account; no fire-safety certificate yet.
  await submitAll(api, alice, [
    api.tx.identity.registerPerson(shop.id, 'Company', shop.key.address, u8aToHex(randomAsU8a(32)), false),
    api.tx.identity.setMemberKey(shop.id, shop.wallet.member),
  ]);
  shop.alias = await bindAlias(api, shop.wallet, 'licences', shop.l);
  const issue = (who, type) => issueTo(shop.alias, who, type);
  await assert.rejects(issue(ferdie, BUSINESS), /licences\.MissingLicence/);

  // The market regulator cannot issue the certificate itself: another agency must.
  await assert.rejects(issue(ferdie, FIRE_SAFETY), /consortium\.MissingCapability/);
  const { events: cert } = await issue(bob, FIRE_SAFETY);
  const certificate = cert.find(({ event }) => event.method === 'LicenceIssued').event.data;
  assert.equal(certificate.issuer.toNumber(), 1);

  // Both hold: issued.
  const { events } = await issue(ferdie, BUSINESS);
  const issued = events.find(({ event }) => event.method === 'LicenceIssued').event.data;
  assert.equal(issued.licenceType.toNumber(), BUSINESS);
  const licence = (await api.query.licences.licences(issued.id)).unwrap();
  assert.equal(licence.status.toString(), 'Active');
  assert.notEqual(licence.issuer.toNumber(), certificate.issuer.toNumber(), 'two different agencies');

  // A public licence is open to any agency: Charlie's bureau verifies it without consent.
  const { events: v } = await submitAndWatch(api.tx.licences.verifyLicence(issued.id, { Code: 1 }), keyring.addFromUri('//Charlie'));
  assert.equal(v.find(({ event }) => event.method === 'LicenceVerified').event.data.valid.isTrue, true);

  // The certificate is revoked: the business licence issued on it no longer verifies valid,
  // and the verification says why.
  const certId = certificate.id;
  await submitAndWatch(api.tx.licences.revoke(certId, 7), bob);
  const { events: again } = await submitAndWatch(api.tx.licences.verifyLicence(issued.id, { Code: 1 }), keyring.addFromUri('//Charlie'));
  const verdict = again.find(({ event }) => event.method === 'LicenceVerified').event.data;
  assert.equal(verdict.valid.isTrue, false);
  assert.equal(verdict.prerequisiteLapsed.isTrue, true);

  await waitFor('finality of the licence', async () => {
    const fin = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    return (await api.at(fin.hash)).query.licences.licences(issued.id).then((l) => l.isSome);
  }, 60_000, 2_000);

  // The licences name the alias; nothing of the pallet names the company's id or main
  // account: its whole state, read as any RPC client reads it.
  assert.equal((await api.query.licences.licences(issued.id)).unwrap().holder.toHex(), shop.alias);
  const handles = [shop.id, u8aToHex(shop.key.publicKey)].map((h) => h.slice(2));
  const keys = await api.rpc.state.getKeysPaged(xxhashAsHex('Licences', 128), 1000);
  assert.ok(keys.length > 5, 'the licences pallet has state');
  for (const key of keys) {
    const value = (await api.rpc.state.getStorage(key))?.toHex() ?? '';
    for (const h of handles) assert.ok(!key.toHex().includes(h) && !value.includes(h), `${key.toHex()} names the company`);
  }
});
