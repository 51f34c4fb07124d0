// The housing provident fund, end to end on the dev chain with @polkadot/api: the genesis
// fund centres of Nanjing (agency 4) and Beijing (agency 5); an employer in city A pays three months
// for a worker; paying a month twice is refused with nothing moved; the worker moves to city
// B and the account arrives there with its balance and history; city B's employer pays the
// next month into it. The money sits held on the worker's fund purse throughout.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { connect, freeBalance, startNode, submitAll, submitAndWatch, viewFunction } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const UNITS = 100n;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'provident-fund');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const id = () => u8aToHex(randomAsU8a(32));

/** A person's fund purse: `modl` ‖ `cvt/fund` ‖ the first 20 bytes of the person id. */
const purseOf = (person) => keyring.encodeAddress(u8aConcat(stringToU8a('modl'), stringToU8a('cvt/fund'), hexToU8a(person).subarray(0, 20)));

/** What is held on a person's purse for the fund. */
async function held(person) {
  const holds = await api.query.balances.holds(purseOf(person));
  return holds.filter((h) => h.id.toString().toLowerCase().includes('providentfund')).reduce((s, h) => s + h.amount.toBigInt(), 0n);
}

/** Months as the chain counts them: year × 100 + month, from this month back. */
function monthsBack(n) {
  const d = new Date();
  const out = [];
  for (let i = n; i >= 0; i -= 1) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    out.push(m.getUTCFullYear() * 100 + m.getUTCMonth() + 1);
  }
  return out; // oldest first, this month last
}

test('contributions follow the worker to another city', { timeout: 420_000 }, async () => {
  const registrar = keyring.addFromUri('//Alice'); // Civil Affairs Bureau
  const centreA = keyring.addFromUri('//One'); // agency 4: Nanjing's fund centre
  const centreB = keyring.addFromUri('//Two'); // agency 5: Beijing's fund centre
  const [a, b] = [(await viewFunction(api, 'ProvidentFund', 'centre', [4])).unwrap(), (await viewFunction(api, 'ProvidentFund', 'centre', [5])).unwrap()];
  assert.deepEqual([a[0].city.toNumber(), b[0].city.toNumber()], [320100, 110100], 'two cities\' centres from genesis');

  const persons = {};
  const kinds = [['worker', 'Citizen'], ['firmA', 'Company'], ['firmB', 'Company']];
  for (const [name] of kinds) persons[name] = { id: id(), key: keyring.addFromMnemonic(mnemonicGenerate()) };
  await submitAll(api, registrar, [
    ...kinds.map(([name, kind]) => api.tx.identity.registerPerson(persons[name].id, kind, persons[name].key.address, id(), false)),
    api.tx.balances.transferKeepAlive(persons.firmA.key.address, 100_000n * UNITS),
    api.tx.balances.transferKeepAlive(persons.firmB.key.address, 100_000n * UNITS),
  ]);
  const { worker, firmA, firmB } = persons;

  // City A: an account for the worker, the firm registered; the firm employs the worker.
  const [m1, m2, m3, m4] = monthsBack(3);
  await submitAll(api, centreA, [api.tx.providentFund.openAccount(worker.id), api.tx.providentFund.registerEmployer(firmA.id)]);
  await submitAndWatch(api.tx.providentFund.declareEmployee(4, worker.id, m1), firmA.key);

  // Three months at 10 % each side of 10 000.00: 2 000.00 a month.
  const line = { employee: worker.id, base: 10_000n * UNITS, employeeRate: 1000, employerRate: 1000 };
  const firmBefore = await freeBalance(api, firmA.key.address);
  for (const m of [m1, m2, m3]) await submitAndWatch(api.tx.providentFund.contribute(m, [line]), firmA.key);
  assert.equal(await held(worker.id), 6_000n * UNITS);
  assert.equal(firmBefore - (await freeBalance(api, firmA.key.address)), 6_000n * UNITS);
  const accountA = (await api.query.providentFund.openAccount(worker.id)).unwrap().toNumber();

  // A month paid twice: refused, nothing moves.
  await assert.rejects(submitAndWatch(api.tx.providentFund.contribute(m3, [line]), firmA.key), /providentFund\.LineAlreadyPaid/);
  assert.equal(await held(worker.id), 6_000n * UNITS);
  assert.equal(firmBefore - (await freeBalance(api, firmA.key.address)), 6_000n * UNITS);

  // The worker moves to city B: asks, and city A approves.
  await submitAndWatch(api.tx.providentFund.requestTransfer(worker.id, accountA, 5, null), worker.key);
  const { events } = await submitAndWatch(api.tx.providentFund.approveTransfer(worker.id), centreA);
  const moved = events.find(({ event }) => event.method === 'AccountTransferred').event.data;
  assert.equal(moved.amount.toBigInt(), 6_000n * UNITS);
  const accountB = moved.to.toNumber();
  const moved2 = (await api.query.providentFund.accounts(accountB)).unwrap();
  assert.equal(moved2.centre.toNumber(), 5);
  assert.equal(moved2.balance.toBigInt(), 6_000n * UNITS);
  assert.equal(moved2.months.toNumber(), 3);
  assert.ok((await api.query.providentFund.accounts(accountA)).unwrap().status.isTransferredOut);
  const history = await api.query.providentFund.contributions.entries(worker.id);
  assert.equal(history.length, 3, 'the month-by-month history follows the worker');
  assert.equal(await held(worker.id), 6_000n * UNITS, 'the money never left the purse');

  // City B: the new employer pays this month into the moved account.
  await submitAndWatch(api.tx.providentFund.registerEmployer(firmB.id), centreB);
  await submitAndWatch(api.tx.providentFund.declareEmployee(5, worker.id, m4), firmB.key);
  await submitAndWatch(api.tx.providentFund.contribute(m4, [line]), firmB.key);
  assert.equal((await api.query.providentFund.accounts(accountB)).unwrap().balance.toBigInt(), 8_000n * UNITS);
  assert.equal(await held(worker.id), 8_000n * UNITS);

  // The centres' totals, through their view function.
  const [, totalsA] = (await viewFunction(api, 'ProvidentFund', 'centre', [4])).unwrap();
  const [, totalsB] = (await viewFunction(api, 'ProvidentFund', 'centre', [5])).unwrap();
  assert.equal(totalsA.held.toBigInt(), 0n);
  assert.equal(totalsA.transferredOut.toBigInt(), 6_000n * UNITS);
  assert.equal(totalsB.held.toBigInt(), 8_000n * UNITS);
});
