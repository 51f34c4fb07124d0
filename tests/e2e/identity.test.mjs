// "Prove that your mother is your mother", end to end on the dev chain with @polkadot/api:
// the civil-affairs bureau registers mother and son and attests the relation (by the salted
// tags of its two ends: no person id goes into the call or the state), and hands each end a
// key; the mother binds her identity alias; the passport office (public security) asks,
// under the alias and with her end key's proof, without consent and is refused; her alias
// consents for "emergency contact"; the office asks again and learns yes; she sees the access
// in her alias's log, and nothing is kept under her id; the consent expires and the office is
// refused again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { bindAlias, connect, newWallet, startNode, submitAll, submitAndWatch, waitFor } from './lib.mjs';

let node;
let api;
let bureau;
let office;
const keyring = new Keyring({ type: 'sr25519' });

before(async () => {
  await cryptoWaitReady();
  bureau = keyring.addFromUri('//Alice'); // admin of the Civil Affairs Bureau (agency 0)
  office = keyring.addFromUri('//Bob'); // admin of the Public Security Bureau (agency 1), which issues passports
  node = await startNode(['--dev'], 'identity');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

// The tag of one end of a relation, as the chain computes it (civitas_primitives::relation_tag).
const relationTag = (person, salt) => blake2AsHex(u8aConcat(stringToU8a('civitas/relation-end'), hexToU8a(person), salt), 256);

const eventsOf = (events, method) => events.filter(({ event }) => event.section === 'identity' && event.method === method).map(({ event }) => event);

// What the holder of a relation end signs to prove that `alias` is that end
// (civitas_primitives::relation_end_message: the context, the relation id, the alias).
const relationEndMessage = (api, relation, alias) => u8aConcat(stringToU8a('civitas/relation-proof'), api.createType('u64', relation).toU8a(), hexToU8a(alias));

test('the mother story', { timeout: 300_000 }, async () => {
  const mother = u8aToHex(randomAsU8a(32));
  const son = u8aToHex(randomAsU8a(32));
  const motherKey = keyring.addFromMnemonic(mnemonicGenerate());
  const sonKey = keyring.addFromMnemonic(mnemonicGenerate());
  const wallet = newWallet();
  const identityAccount = keyring.addFromMnemonic(mnemonicGenerate());
  // Salted hashes of the off-chain records and of the birth certificate (salts stay off chain).
  const record = () => u8aToHex(randomAsU8a(32));

  await submitAndWatch(api.tx.identity.registerPerson(mother, 'Citizen', motherKey.address, record(), false), bureau);
  const { events } = await submitAndWatch(api.tx.identity.registerPerson(son, 'Citizen', sonKey.address, record(), false), bureau);
  assert.equal(eventsOf(events, 'PersonRegistered').length, 1);
  assert.ok((await api.query.consortium.accounts(sonKey.address)).isSome, 'registering enrolled the son\'s key');
  // The bureau draws a salt for each end and hands it over with the birth certificate.
  const motherSalt = randomAsU8a(32);
  const sonSalt = randomAsU8a(32);
  const motherTag = relationTag(mother, motherSalt);
  const sonTag = relationTag(son, sonSalt);
  const { events: attested } = await submitAndWatch(api.tx.identity.attestRelation('ParentOf', motherTag, sonTag, false, record(), 0, null), bureau);
  const [relation] = eventsOf(attested, 'RelationAttested');
  assert.ok(relation, 'RelationAttested event');
  const id = relation.data.id.toNumber();
  // The stored relation holds the two tags, and neither person's id.
  const stored = (await api.query.identity.relations(id)).unwrap();
  assert.equal(stored.from.toHex(), motherTag);
  assert.equal(stored.to.toHex(), sonTag);
  const dump = JSON.stringify((await api.query.identity.relations.entries()).map(([k, v]) => [k.toHex(), v.toHex()]));
  for (const p of [mother, son]) assert.ok(!dump.includes(p.slice(2)), 'no person id in the relations');
  // With the certificate, a key for each end; the mother's wallet's member key is recorded.
  const motherEnd = keyring.addFromMnemonic(mnemonicGenerate());
  const sonEnd = keyring.addFromMnemonic(mnemonicGenerate());
  await submitAll(api, bureau, [
    api.tx.identity.setEndKeys(id, motherEnd.publicKey, sonEnd.publicKey),
    api.tx.identity.setMemberKey(mother, wallet.member),
  ]);
  const alias = await bindAlias(api, wallet, 'identity', identityAccount);

  const purpose = { Text: 'emergency contact' };
  // The mother shows the office her identity alias and signs, with her end's key, that it is
  // the relation's parent end; the office asks with no person id.
  const proof = u8aToHex(motherEnd.sign(relationEndMessage(api, id, alias)));
  const ask = (signature = proof) => submitAndWatch(api.tx.identity.verify(alias, { Relation: { relation: id, kind: 'ParentOf', custody: false, proof: signature } }, purpose), office);

  // Without consent: refused.
  await assert.rejects(ask(), /identity\.NoConsent/);

  // Her alias consents, for "emergency contact", for about 40 seconds.
  const now = (await api.query.timestamp.now()).toNumber();
  const until = now + 40_000;
  await submitAndWatch(api.tx.identity.grantAliasConsent('Identity', 1, 'Relations', purpose, until), identityAccount);

  // Asked again: yes, and traced; the son's end key proves nothing for her alias.
  const { events: verified } = await ask();
  const [answer] = eventsOf(verified, 'Verified');
  assert.ok(answer, 'Verified event');
  assert.equal(answer.data.answer.isTrue, true);
  assert.equal(answer.data.agency.toNumber(), 1);
  const { events: wrong } = await ask(u8aToHex(sonEnd.sign(relationEndMessage(api, id, alias))));
  assert.equal(eventsOf(wrong, 'Verified')[0].data.answer.isTrue, false);

  // She sees the accesses in her alias's log: a ring of single entries, by (alias, slot).
  const entries = await api.query.identity.accesses.entries(alias);
  assert.equal(entries.length, 2);
  const log = entries.map(([key, r]) => [key.args[1].toNumber(), r.unwrap()]).sort((x, y) => x[0] - y[0]).map(([, r]) => r);
  assert.equal(log[0].agency.toNumber(), 1);
  assert.equal(log[0].scope.toString(), 'Relations');
  assert.equal(log[0].purpose.asText.toUtf8(), 'emergency contact');
  assert.equal(log[0].answer.isTrue, true);
  // Nothing under either person's id.
  for (const p of [mother, son]) {
    assert.equal((await api.query.identity.accessCount(p)).toNumber(), 0);
    assert.equal((await api.query.identity.consentCount(p)).toNumber(), 0);
  }

  // The consent expires: refused again.
  await waitFor('the consent to expire', async () => (await api.query.timestamp.now()).toNumber() >= until, 90_000, 2_000);
  await assert.rejects(ask(), /identity\.NoConsent/);
  assert.equal((await api.query.identity.accessCount(alias)).toNumber(), 2, 'a refused question is no access');
});
