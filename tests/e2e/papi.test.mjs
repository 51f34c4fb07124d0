// Every domain story again, through the typed client (`@civitas/client`: polkadot-api with
// descriptors generated from the runtime's metadata) instead of @polkadot/api, on one dev
// node: typed calls with named arguments, events, dispatch errors by name, storage and view
// functions, with no custom configuration of either client. One test per domain; the
// consortium's test carries the votes that the later ones need, so they run in order.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { connect, errorName, signerOf } from '@civitas/client';
import { WebSocket } from 'ws';
import { Binary } from 'polkadot-api';
import { connect as connectStock, newWallet, proveBinding, startNode, waitFor } from './lib.mjs';

let node;
let client;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const dev = (uri) => keyring.addFromUri(uri);
const fresh = () => keyring.addFromMnemonic(mnemonicGenerate());
const id = () => u8aToHex(randomAsU8a(32));
/** A unit variant, or a variant with a value, as polkadot-api writes enums. */
const E = (type, value) => ({ type, value });
const UNITS = 100n; // two decimals
const FIRE_SAFETY = 11;
const TRADE = 12;
/** The admin of the construction bureau that the consortium test admits. */
let constructionBureau;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'papi');
  ({ client, api } = connect(node.url, { WebSocket }));
  await waitFor('the typed client to see a block', async () => (await client.getFinalizedBlock()).number >= 0, 60_000);
});

after(async () => {
  if (client) client.destroy();
  if (node) await node.stop();
});

/** The next nonce of `pair` at the best block. */
const nonceOf = (pair) => api.apis.AccountNonceApi.account_nonce(pair.address, { at: 'best' });

/**
 * Signs `tx` with `pair` and submits it; resolves when a best block includes it with its
 * events, rejects with `Pallet.Error` when it failed, or with the pool's reason when invalid.
 */
function submit(tx, pair, options = {}) {
  return new Promise((resolve, reject) => {
    const sub = tx.signSubmitAndWatch(signerOf(pair), options).subscribe({
      next(ev) {
        if (ev.type === 'txBestBlocksState' && ev.found) {
          sub.unsubscribe();
          if (ev.ok) resolve(ev);
          else reject(new Error(errorName(ev.dispatchError)));
        }
      },
      error(e) { reject(e); },
    });
  });
}

/** Submits `txs` of one signer together, with consecutive nonces. */
async function submitAll(pair, txs) {
  const nonce = await nonceOf(pair);
  return Promise.all(txs.map((tx, i) => submit(tx, pair, { nonce: nonce + i })));
}

/** The events `Pallet.Name` in a result, as their values. */
const eventsOf = (result, pallet, name) => result.events.filter((e) => e.type === pallet && e.value.type === name).map((e) => e.value.value);

/** Carries `calls` by consortium vote: Alice's agency proposes, four more agencies vote aye. */
async function carry(calls) {
  const [alice, ...voters] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//One'].map(dev);
  const max = await api.constants.Consortium.MaxProposalsPerAgency();
  for (let at = 0; at < calls.length; at += max) {
    const some = calls.slice(at, at + max);
    const proposed = await submitAll(alice, some.map((c) => api.tx.Consortium.propose({ call: c.decodedCall })));
    const indexes = proposed.map((r) => eventsOf(r, 'Consortium', 'Proposed')[0].index);
    const results = (await Promise.all(voters.map((v) => submitAll(v, indexes.map((index) => api.tx.Consortium.vote({ index, aye: true })))))).flat();
    const executed = results.flatMap((r) => eventsOf(r, 'Consortium', 'ProposalExecuted'));
    assert.equal(executed.length, some.length, 'every proposal executed');
    for (const e of executed) assert.equal(e.result.success, true, `executed with ${JSON.stringify(e.result.value)}`);
  }
}

/** Every person the story registered, for the outsider's test at the end. */
const everyone = [];

/** Registers persons by the Civil Affairs Bureau (Alice): `kinds` is `{ name: 'Citizen' | 'Company' }`. */
async function registerPersons(kinds) {
  const persons = {};
  for (const name of Object.keys(kinds)) persons[name] = { id: id(), key: fresh() };
  everyone.push(...Object.values(persons));
  await submitAll(dev('//Alice'), Object.entries(kinds).map(([name, kind]) => api.tx.Identity.register_person({
    person: persons[name].id, kind: E(kind), controller: persons[name].key.address, commitment: id(), minor: false,
  })));
  return persons;
}

/**
 * Gives each person of `persons` a wallet whose member key the registrar records, and binds
 * its alias in `domain` to a fresh account (`person.alias`, `person.aliasKey`): the proof from
 * `civitas-node alias prove`, the bare `Aliases.bind` built and submitted by the typed client.
 */
async function bindAliases(persons, domain) {
  const list = Object.values(persons);
  for (const p of list) { p.wallet = newWallet(); p.aliasKey = fresh(); }
  await submitAll(dev('//Alice'), list.map((p) => api.tx.Identity.set_member_key({ person: p.id, member: p.wallet.member })));
  await Promise.all(list.map(async (p) => {
    let root;
    await waitFor('the member key in a ring root', async () => {
      const ring = await api.view.Aliases.ring_of(p.wallet.member, { at: 'best' });
      if (ring === undefined) return false;
      const current = await api.view.Aliases.current_root(ring, { at: 'best' });
      if (!current) return false;
      const keys = current[1].map((k) => (typeof k === 'string' ? k : k.asHex()));
      if (!keys.includes(p.wallet.member)) return false;
      root = { ring, revision: current[0], keys };
      return true;
    }, 120_000);
    const { alias, proof } = proveBinding(p.wallet, domain, u8aToHex(p.aliasKey.publicKey), root);
    const name = domain[0].toUpperCase() + domain.slice(1);
    const bare = await api.tx.Aliases.bind({
      domain: E(name), account: p.aliasKey.address, ring: root.ring, revision: root.revision, nonce: 0, proof: Binary.fromHex(proof),
    }).getBareTx();
    await new Promise((resolve, reject) => {
      const sub = client.submitAndWatch(typeof bare === 'string' ? hexToU8a(bare) : bare).subscribe({
        next(ev) {
          if (ev.type === 'txBestBlocksState' && ev.found) {
            sub.unsubscribe();
            if (ev.ok) resolve(); else reject(new Error(errorName(ev.dispatchError)));
          }
        },
        error: reject,
      });
    });
    p.alias = alias;
  }));
}

test('consortium: agencies by view, no fees, and calls carried by vote', { timeout: 180_000 }, async () => {
  const civil = await api.view.Consortium.agency(0);
  assert.equal(civil.kind.type, 'CivilAffairs');
  assert.equal(await api.constants.System.SS58Prefix(), 7046);

  // A transfer costs its sender exactly the amount: no fee.
  const alice = dev('//Alice');
  const ferdie = dev('//Ferdie');
  const before = (await api.query.System.Account.getValue(alice.address, { at: 'best' })).data.free;
  const r = await submit(api.tx.Balances.transfer_keep_alive({ dest: { type: 'Id', value: ferdie.address }, value: 7n * UNITS }), alice);
  assert.equal(eventsOf(r, 'Balances', 'Transfer')[0].amount, 7n * UNITS);
  const afterTransfer = (await api.query.System.Account.getValue(alice.address, { at: r.block.hash })).data.free;
  assert.equal(before - afterTransfer, 7n * UNITS);

  // A key the consortium never admitted is refused by the pool.
  await assert.rejects(submit(api.tx.System.remark({ remark: new Uint8Array([1]) }), fresh()), /Invalid|Custom/);

  // What the later stories need, carried by five agencies' votes.
  const bureau = fresh();
  await carry([
    api.tx.Licences.register_licence_type({ id: FIRE_SAFETY, name: stringToU8a('Fire-safety certificate'), default_validity: 365n * 86_400_000n, public: true, prerequisites: [E('LegalPerson')] }),
    api.tx.Licences.register_licence_type({ id: TRADE, name: stringToU8a('Trade licence'), default_validity: 365n * 86_400_000n, public: true, prerequisites: [E('LegalPerson'), E('Licence', FIRE_SAFETY)] }),
    api.tx.Consortium.grant_capability({ agency: 1, capability: E('IssueLicence', FIRE_SAFETY) }),
    api.tx.Consortium.grant_capability({ agency: 1, capability: E('IssueLicence', TRADE) }),
    api.tx.Consortium.grant_capability({ agency: 1, capability: E('IssueInvoices') }),
    api.tx.Consortium.admit_agency({ name: stringToU8a('Housing and Construction Bureau'), kind: E('Construction'), city: 320100, admins: [bureau.address], capabilities: [E('SuperviseConstruction')] }),
  ]);
  const type = await api.query.Licences.LicenceTypes.getValue(TRADE, { at: 'best' });
  assert.equal(type.prerequisites.length, 2);
  assert.equal(await api.view.Consortium.agency_has_capability(1, E('IssueLicence', TRADE), { at: 'best' }), true);
  constructionBureau = bureau;
});

test('identity: a relation is answered only under the identity alias\'s consent, on its end key\'s proof, and the alias sees the access', { timeout: 240_000 }, async () => {
  const bureau = dev('//Alice');
  const office = dev('//Bob');
  const persons = await registerPersons({ mother: 'Citizen', son: 'Citizen' });
  const { mother, son } = persons;
  const tag = (person, salt) => blake2AsHex(u8aConcat(stringToU8a('civitas/relation-end'), hexToU8a(person), salt), 256);
  const [motherTag, sonTag] = [tag(mother.id, randomAsU8a(32)), tag(son.id, randomAsU8a(32))];
  const attested = await submit(api.tx.Identity.attest_relation({ kind: E('ParentOf'), from: motherTag, to: sonTag, custody: false, evidence: id(), valid_from: 0n, valid_until: undefined }), bureau);
  const [{ id: relation }] = eventsOf(attested, 'Identity', 'RelationAttested');
  const motherEnd = fresh();
  await submit(api.tx.Identity.set_end_keys({ id: relation, from: u8aToHex(motherEnd.publicKey), to: u8aToHex(fresh().publicKey) }), bureau);
  await bindAliases({ mother }, 'identity');

  // civitas_primitives::relation_end_message: the context, the relation id (u64, little end
  // first) and the alias.
  const number = new Uint8Array(8);
  new DataView(number.buffer).setBigUint64(0, BigInt(relation), true);
  const proof = u8aToHex(motherEnd.sign(u8aConcat(stringToU8a('civitas/relation-proof'), number, hexToU8a(mother.alias))));
  const purpose = E('Text', stringToU8a('emergency contact'));
  const question = E('Relation', { relation, kind: E('ParentOf'), custody: false, proof });
  const ask = () => submit(api.tx.Identity.verify({ subject: mother.alias, question, purpose }), office);
  await assert.rejects(ask(), /Identity\.NoConsent/);

  const now = await api.query.Timestamp.Now.getValue({ at: 'best' });
  await submit(api.tx.Identity.grant_alias_consent({ domain: E('Identity'), agency: 1, scope: E('Relations'), purpose, until: now + 600_000n }), mother.aliasKey);
  const answered = await ask();
  const [verified] = eventsOf(answered, 'Identity', 'Verified');
  assert.equal(verified.answer, true);
  assert.equal(verified.agency, 1);

  const entries = await api.query.Identity.Accesses.getEntries(mother.alias, { at: answered.block.hash });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].keyArgs[1], 0);
  const log = entries.map((e) => e.value);
  assert.equal(log[0].agency, 1);
  assert.equal(log[0].scope.type, 'Relations');
  assert.equal(log[0].answer, true);
  assert.equal(await api.query.Identity.AccessCount.getValue(mother.id, { at: answered.block.hash }), 0n);
  const person = await api.view.Identity.person(son.id, { at: answered.block.hash });
  assert.equal(person.kind.type, 'Citizen');
});

test('licences: under a licences alias bound by the typed client, a trade licence needs a fire-safety certificate first; its status by view', { timeout: 180_000 }, async () => {
  const issuer = dev('//Bob');
  const persons = await registerPersons({ shop: 'Company' });
  await bindAliases(persons, 'licences');
  const { shop } = persons;
  const issue = (type) => submit(api.tx.Licences.issue({ licence_type: type, holder: shop.alias, number: id(), document: id(), valid_until: undefined, relations: [] }), issuer);
  await assert.rejects(issue(TRADE), /Licences\.MissingLicence/);
  await issue(FIRE_SAFETY);
  const r = await issue(TRADE);
  const [issued] = eventsOf(r, 'Licences', 'LicenceIssued');
  assert.equal(issued.licence_type, TRADE);
  assert.deepEqual(await api.view.Licences.licence_status(issued.id, { at: r.block.hash }), [true, 1]);
});

test('settlement: the treasury mints against a deposit once, and the totals move', { timeout: 120_000 }, async () => {
  const treasury = dev('//Dave');
  const citizen = fresh();
  await submit(api.tx.Consortium.enrol({ who: citizen.address, kind: E('Citizen') }), dev('//Alice'));
  const totals = await api.view.Settlement.totals({ at: 'best' });
  const deposit = id();
  const mint = () => submit(api.tx.Settlement.mint({ to: E('Account', citizen.address), amount: 500n * UNITS, deposit }), treasury);
  const r = await mint();
  assert.equal(eventsOf(r, 'Settlement', 'Minted')[0].amount, 500n * UNITS);
  await assert.rejects(mint(), /Settlement\.DepositReferenceUsed/);
  const after = await api.view.Settlement.totals({ at: r.block.hash });
  assert.equal(after.minted - totals.minted, 500n * UNITS);
  assert.equal((await api.query.System.Account.getValue(citizen.address, { at: r.block.hash })).data.free, 500n * UNITS);
});

test('invoices: under invoices aliases bound by the typed client, a shop issues, the buyer receives, the view tells its status', { timeout: 180_000 }, async () => {
  const bureau = dev('//Bob');
  const persons = await registerPersons({ shop: 'Company', citizen: 'Citizen' });
  await bindAliases(persons, 'invoices');
  const { shop, citizen } = persons;
  await submitAll(bureau, [api.tx.Invoices.set_rates({ rates: [1300, 600] }), api.tx.Invoices.register_taxpayer({ taxpayer: shop.alias, monthly_quota: 100, ceiling: 1_000_000n * UNITS })]);
  const number = 20261126001n;
  await submit(api.tx.Invoices.issue({ invoice: { number, buyer: E('Alias', citizen.alias), amount: 1_000n * UNITS, tax: 130n * UNITS, rate: 1300, items: id() } }), shop.aliasKey);
  const r = await submit(api.tx.Invoices.receive({ seller: shop.alias, number }), citizen.aliasKey);
  // Its status, net amount, what was reimbursed and what remains.
  const [status, net, claimed, remaining] = await api.view.Invoices.invoice(shop.alias, number, { at: r.block.hash });
  assert.equal(status.type, 'Received');
  assert.equal(net, 1_000n * UNITS);
  assert.equal(claimed, 0n);
  assert.equal(remaining, 1_000n * UNITS);
  // The same number again: refused.
  await assert.rejects(submit(api.tx.Invoices.issue({ invoice: { number, buyer: E('Alias', citizen.alias), amount: 1n, tax: 0n, rate: 0, items: id() } }), shop.aliasKey), /Invoices\./);
  // A main account acts for no invoices alias.
  await assert.rejects(submit(api.tx.Invoices.receive({ seller: shop.alias, number }), citizen.key), /Invoices\.NoAlias/);
  // What a person signs with its main key is public beside it: the outsider's test leaves
  // this deliberate mistake out.
  citizen.signedWithMainKey = true;
});

test('provident fund: under fund aliases bound by the typed client, an employer contributes a month once; the centre\'s totals by view', { timeout: 180_000 }, async () => {
  const centre = dev('//One'); // agency 4, Nanjing
  const persons = await registerPersons({ worker: 'Citizen', firm: 'Company' });
  await bindAliases(persons, 'fund');
  const { worker, firm } = persons;
  await submit(api.tx.Balances.transfer_keep_alive({ dest: E('Id', firm.aliasKey.address), value: 10_000n * UNITS }), dev('//Alice'));
  const d = new Date();
  const month = d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
  await submit(api.tx.ProvidentFund.request_account({ centre: 4 }), worker.aliasKey);
  await submitAll(centre, [api.tx.ProvidentFund.open_account({ holder: worker.alias }), api.tx.ProvidentFund.register_employer({ employer: firm.alias })]);
  await submit(api.tx.ProvidentFund.declare_employee({ centre: 4, employee: worker.alias, from: month }), firm.aliasKey);
  await submit(api.tx.ProvidentFund.accept_employment({ employer: firm.alias }), worker.aliasKey);
  const [, before] = await api.view.ProvidentFund.centre(4, { at: 'best' });
  const line = { employee: worker.alias, base: 10_000n * UNITS, employee_rate: 1000, employer_rate: 1000 };
  const r = await submit(api.tx.ProvidentFund.contribute({ month, lines: [line] }), firm.aliasKey);
  const [, after] = await api.view.ProvidentFund.centre(4, { at: r.block.hash });
  assert.equal(after.contributed - before.contributed, 2_000n * UNITS);
  assert.equal(after.held - before.held, 2_000n * UNITS);
  await assert.rejects(submit(api.tx.ProvidentFund.contribute({ month, lines: [line] }), firm.aliasKey), /ProvidentFund\.LineAlreadyPaid/);
});

test('wage escrow: a project is registered and funded; its escrow by view', { timeout: 180_000 }, async () => {
  const bureau = constructionBureau;
  assert.ok(bureau, 'the consortium test admitted the construction bureau');
  const persons = await registerPersons({ developer: 'Company', contractor: 'Company', worker: 'Citizen' });
  await bindAliases(persons, 'wages');
  const { developer, contractor, worker } = persons;
  await submit(api.tx.Balances.transfer_keep_alive({ dest: E('Id', developer.aliasKey.address), value: 100_000n * UNITS }), dev('//Alice'));
  const project = await api.query.WageEscrow.NextProjectId.getValue({ at: 'best' });
  await submit(api.tx.WageEscrow.register_project({
    developer: developer.alias, contractor: contractor.alias, budget: 500_000n * UNITS, wage_share: 20, pay_day: 1,
  }), bureau);
  await submit(api.tx.WageEscrow.add_worker({ project, worker: worker.alias }), contractor.aliasKey);
  await submit(api.tx.WageEscrow.accept_place({ project }), worker.aliasKey);
  await assert.rejects(submit(api.tx.WageEscrow.accept_place({ project }), worker.aliasKey), /WageEscrow\.AlreadyAccepted/);
  const r = await submit(api.tx.WageEscrow.deposit({ project, amount: 50_000n * UNITS }), developer.aliasKey);
  const status = await api.view.WageEscrow.project(project, { at: r.block.hash });
  assert.equal(status.books.deposited, 50_000n * UNITS);
  assert.equal(status.status.type, 'Active');
  assert.equal(status.workers, 1);
});

test('land titles: a parcel is registered to a titles alias, an overlapping one refused and named by view', { timeout: 180_000 }, async () => {
  const registry = dev('//Charlie'); // Land and Resources Bureau
  const persons = await registerPersons({ owner: 'Citizen' });
  await bindAliases(persons, 'titles');
  const { owner } = persons;
  const rect = (lat, lon, h, w) => [{ lat, lon }, { lat, lon: lon + w }, { lat: lat + h, lon: lon + w }, { lat: lat + h, lon }];
  const area = (points) => {
    let a2 = 0;
    points.forEach((p, i) => { const q = points[(i + 1) % points.length]; a2 += p.lon * q.lat - q.lon * p.lat; });
    const lats = points.map((p) => p.lat);
    const mid = (Math.min(...lats) + Math.max(...lats)) / 2 / 1e6;
    return BigInt(Math.round(Math.abs(a2) / 2 * 111_320 * 110_574 * Math.cos(mid * Math.PI / 180) / 1e12));
  };
  const register = (cadastral, boundary) => submit(api.tx.LandTitles.register_parcel({
    cadastral: stringToU8a(cadastral), boundary, land_use: E('Residential'), area: area(boundary), document: id(), owners: [{ owner: owner.alias, bps: 10_000 }],
  }), registry);
  const flat = rect(32_070_300, 118_786_900, 181, 318);
  const cadastral = `320102-papi-${Date.now()}`;
  const r = await register(cadastral, flat);
  const [registered] = eventsOf(r, 'LandTitles', 'ParcelRegistered');
  const shifted = rect(32_070_350, 118_787_000, 181, 318);
  await assert.rejects(register(`${cadastral}-b`, shifted), /LandTitles\.Overlaps/);
  assert.deepEqual(await api.view.LandTitles.overlapping(shifted, { at: 'best' }), [registered.parcel]);
});

// Issue 31, test 2: an outsider with a stock @polkadot/api client, given a person's id and main
// account, reads the whole state and every block of the story above and finds nothing of the
// person's purchases, titles, fund account, wages, licences or relatives: only its
// registration, enrolment and member key (which the registry publishes, and the rings list).
test('an outsider given a person\'s id and main account reads the whole state and every block and finds only its registration', { timeout: 300_000 }, async () => {
  const outsider = await connectStock(node.url);
  try {
    const hex = (u8a) => Buffer.from(u8a).toString('hex');
    // What a registration publishes: the person id, its main account, and its member key.
    const plumbing = new Set([
      'storage identity.persons', 'storage identity.controllerOf', 'storage identity.memberKeys',
      'storage consortium.accounts', 'storage consortium.provided', 'storage system.account (no money)',
      'storage aliases.rings', 'storage aliases.memberRing', 'storage aliases.roots', 'storage aliases.building',
      'call identity.registerPerson', 'call identity.setMemberKey',
      'event identity.PersonRegistered', 'event identity.MemberKeySet', 'event consortium.AccountEnrolled',
      'event system.NewAccount', 'event aliases.MemberJoined',
    ]);
    const items = [];
    // The state: every key, named by its storage item, with its value.
    const prefixes = [];
    for (const [section, methods] of Object.entries(outsider.query)) {
      for (const [method, q] of Object.entries(methods)) {
        if (typeof q.keyPrefix === 'function') prefixes.push([q.keyPrefix().slice(2), `${section}.${method}`]);
      }
    }
    const head = await outsider.rpc.chain.getFinalizedHead();
    let start;
    for (;;) {
      const keys = await outsider.rpc.state.getKeysPaged('0x', 1000, start, head);
      if (keys.length === 0) break;
      const values = await outsider.rpc.state.queryStorageAt(keys, head);
      keys.forEach((k, i) => {
        const key = k.toHex().slice(2);
        const value = values[i].isSome ? values[i].unwrap() : new Uint8Array();
        let name = prefixes.find(([p]) => key.startsWith(p))?.[1] ?? `raw ${key.slice(0, 32)}`;
        if (name === 'system.account') {
          const info = outsider.createType('FrameSystemAccountInfo', value);
          if (info.data.free.isZero() && info.data.reserved.isZero() && info.data.frozen.isZero()) name = 'system.account (no money)';
        }
        items.push({ what: `storage ${name}`, bytes: key + hex(value) });
      });
      if (keys.length < 1000) break;
      start = keys[keys.length - 1];
    }
    // Every block: its extrinsics (signer and arguments) and its events.
    const last = (await outsider.rpc.chain.getHeader(head)).number.toNumber();
    for (let n = 1; n <= last; n += 1) {
      const hash = await outsider.rpc.chain.getBlockHash(n);
      const { block } = await outsider.rpc.chain.getBlock(hash);
      for (const ex of block.extrinsics) items.push({ what: `call ${ex.method.section}.${ex.method.method}`, bytes: hex(ex.toU8a()) });
      const events = await (await outsider.at(hash)).query.system.events();
      for (const { event } of events) items.push({ what: `event ${event.section}.${event.method}`, bytes: hex(event.toU8a()) });
    }
    assert.ok(items.some((i) => i.what === 'call invoices.issue'), 'the walk read the story\'s blocks');

    // The walk finds what holds a handle: a registration, and the call one person signed
    // with its main key on purpose.
    const holds = (p, what) => items.some((i) => i.what === what && [p.id.slice(2), hex(p.key.publicKey)].some((h) => i.bytes.includes(h)));
    assert.ok(everyone.every((p) => holds(p, 'storage identity.persons')), 'every registration found');
    assert.ok(everyone.some((p) => p.signedWithMainKey && holds(p, 'call invoices.receive')), 'a call signed with a main key found');
    const targets = everyone.filter((p) => !p.signedWithMainKey);
    assert.ok(targets.length >= 8, `persons of every domain: ${targets.length}`);
    const found = [];
    for (const p of targets) {
      const handles = [p.id.slice(2), hex(p.key.publicKey)];
      if (p.wallet) handles.push(p.wallet.member.slice(2));
      for (const item of items) {
        if (handles.some((h) => item.bytes.includes(h)) && !plumbing.has(item.what)) found.push(item.what);
      }
      // Nor does anything it can read tie its id to one of its aliases.
      if (p.alias) assert.ok(!items.some((i) => i.bytes.includes(p.alias.slice(2)) && handles.some((h) => i.bytes.includes(h))), 'an alias beside a handle');
    }
    assert.deepEqual([...new Set(found)], [], 'items that tie a person to a fact');
  } finally {
    await outsider.disconnect();
  }
});
