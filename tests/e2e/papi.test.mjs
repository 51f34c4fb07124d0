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
import { newWallet, proveBinding, startNode, waitFor } from './lib.mjs';

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

/** Registers persons by the Civil Affairs Bureau (Alice): `kinds` is `{ name: 'Citizen' | 'Company' }`. */
async function registerPersons(kinds) {
  const persons = {};
  for (const name of Object.keys(kinds)) persons[name] = { id: id(), key: fresh() };
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

test('identity: a relation is answered only under consent, and the subject sees the access', { timeout: 180_000 }, async () => {
  const bureau = dev('//Alice');
  const office = dev('//Bob');
  const { mother, son } = await registerPersons({ mother: 'Citizen', son: 'Citizen' });
  const tag = (person, salt) => blake2AsHex(u8aConcat(stringToU8a('civitas/relation-end'), hexToU8a(person), salt), 256);
  const [motherTag, sonTag] = [tag(mother.id, randomAsU8a(32)), tag(son.id, randomAsU8a(32))];
  const attested = await submit(api.tx.Identity.attest_relation({ kind: E('ParentOf'), from: motherTag, to: sonTag, custody: false, evidence: id(), valid_from: 0n, valid_until: undefined }), bureau);
  assert.equal(eventsOf(attested, 'Identity', 'RelationAttested').length, 1);

  const purpose = E('Text', stringToU8a('emergency contact'));
  const ask = () => submit(api.tx.Identity.verify({ subject: son.id, question: E('Relation', { kind: E('ParentOf'), relative: motherTag, subject: sonTag }), purpose }), office);
  await assert.rejects(ask(), /Identity\.NoConsent/);

  const now = await api.query.Timestamp.Now.getValue({ at: 'best' });
  await submit(api.tx.Identity.grant_consent({ subject: son.id, agency: 1, scope: E('Relations'), purpose, until: now + 600_000n, custody: undefined }), son.key);
  const answered = await ask();
  const [verified] = eventsOf(answered, 'Identity', 'Verified');
  assert.equal(verified.answer, true);
  assert.equal(verified.agency, 1);

  const entries = await api.query.Identity.Accesses.getEntries(son.id, { at: answered.block.hash });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].keyArgs[1], 0);
  const log = entries.map((e) => e.value);
  assert.equal(log[0].agency, 1);
  assert.equal(log[0].scope.type, 'Relations');
  assert.equal(log[0].answer, true);
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
