// "Prove that your mother is your mother", end to end on the dev chain with @polkadot/api:
// the civil-affairs bureau registers mother and son and attests the relation (by the salted
// tags of its two ends: no person id goes into the call or the state); the passport
// office (public security) asks without consent and is refused; the son consents for
// "emergency contact"; the office asks again and learns yes; the son sees the access in his
// log; the consent expires and the office is refused again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { connect, startNode, submitAndWatch, waitFor } from './lib.mjs';

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

test('the mother story', { timeout: 240_000 }, async () => {
  const mother = u8aToHex(randomAsU8a(32));
  const son = u8aToHex(randomAsU8a(32));
  const motherKey = keyring.addFromMnemonic(mnemonicGenerate());
  const sonKey = keyring.addFromMnemonic(mnemonicGenerate());
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
  // The stored relation holds the two tags, and neither person's id.
  const stored = (await api.query.identity.relations(relation.data.id)).unwrap();
  assert.equal(stored.from.toHex(), motherTag);
  assert.equal(stored.to.toHex(), sonTag);
  const dump = JSON.stringify((await api.query.identity.relations.entries()).map(([k, v]) => [k.toHex(), v.toHex()]));
  for (const id of [mother, son]) assert.ok(!dump.includes(id.slice(2)), 'no person id in the relations');

  const purpose = { Text: 'emergency contact' };
  // The son shows the office both ids and salts; the office computes the tags itself.
  const question = { Relation: { kind: 'ParentOf', relative: motherTag, subject: sonTag } };
  const ask = () => submitAndWatch(api.tx.identity.verify(son, question, purpose), office);

  // Without consent: refused.
  await assert.rejects(ask(), /identity\.NoConsent/);

  // The son consents, for "emergency contact", for about 40 seconds.
  const now = (await api.query.timestamp.now()).toNumber();
  const until = now + 40_000;
  await submitAndWatch(api.tx.identity.grantConsent(son, 1, 'Relations', purpose, until, null), sonKey);

  // Asked again: yes, and traced.
  const { events: verified } = await ask();
  const [answer] = eventsOf(verified, 'Verified');
  assert.ok(answer, 'Verified event');
  assert.equal(answer.data.answer.isTrue, true);
  assert.equal(answer.data.agency.toNumber(), 1);

  // The son sees the access in his log.
  // The log is a ring of single entries, by (person, slot): the first access is in slot 0.
  const entries = await api.query.identity.accesses.entries(son);
  assert.equal(entries.length, 1);
  assert.equal(entries[0][0].args[1].toNumber(), 0);
  const log = entries.map(([, record]) => record.unwrap());
  assert.equal(log[0].agency.toNumber(), 1);
  assert.equal(log[0].scope.toString(), 'Relations');
  assert.equal(log[0].purpose.asText.toUtf8(), 'emergency contact');
  assert.equal(log[0].answer.isTrue, true);

  // The consent expires: refused again.
  await waitFor('the consent to expire', async () => (await api.query.timestamp.now()).toNumber() >= until, 90_000, 2_000);
  await assert.rejects(ask(), /identity\.NoConsent/);
  assert.equal((await api.query.identity.accessCount(son)).toNumber(), 1, 'a refused question is no access');
});
