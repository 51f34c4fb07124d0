// The housing provident fund, end to end on the dev chain with @polkadot/api, under fund
// aliases: the registrar records each person's member key; each binds a fund alias to a fresh
// account with a ring-VRF proof (`civitas-node alias prove`, a bare transaction); the genesis
// fund centres of Nanjing (agency 4) and Beijing (agency 5); an employer in city A employs the
// worker, the worker accepts, the employer pays three months; paying a month twice is refused
// with nothing moved; the worker moves to city B and the account arrives there with its
// balance and history; city B's employer pays the next month into it. The money sits held on
// the alias's fund purse throughout, and no call, event or storage entry of the fund names a
// person id or a person's main account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { bindAlias, connect, freeBalance, newWallet, startNode, submitAll, submitAndWatch, viewFunction } from './lib.mjs';

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

/** A fund alias's purse: `modl` ‖ `cvt/fund` ‖ the first 20 bytes of the alias. */
const purseOf = (person) => keyring.encodeAddress(u8aConcat(stringToU8a('modl'), stringToU8a('cvt/fund'), hexToU8a(person).subarray(0, 20)));

/** What is held on a fund alias's purse for the fund. */
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

  // Three persons, each with a wallet whose member key the registrar records.
  const persons = {};
  const kinds = [['worker', 'Citizen'], ['firmA', 'Company'], ['firmB', 'Company']];
  for (const [name] of kinds) persons[name] = { id: id(), key: keyring.addFromMnemonic(mnemonicGenerate()), wallet: newWallet(), fund: keyring.addFromMnemonic(mnemonicGenerate()) };
  await submitAll(api, registrar, [
    ...kinds.map(([name, kind]) => api.tx.identity.registerPerson(persons[name].id, kind, persons[name].key.address, id(), false)),
    ...kinds.map(([name]) => api.tx.identity.setMemberKey(persons[name].id, persons[name].wallet.member)),
  ]);
  // Each binds its fund alias to a fresh account; the firms fund theirs from their own.
  await Promise.all(kinds.map(async ([name]) => { persons[name].alias = await bindAlias(api, persons[name].wallet, 'fund', persons[name].fund); }));
  const { worker, firmA, firmB } = persons;
  assert.equal(worker.alias, worker.wallet.aliases.fund, 'the proof names the wallet\'s alias');
  await submitAll(api, registrar, [
    api.tx.balances.transferKeepAlive(firmA.fund.address, 100_000n * UNITS),
    api.tx.balances.transferKeepAlive(firmB.fund.address, 100_000n * UNITS),
  ]);

  // City A: an account for the worker's alias, the firm registered; the firm employs the
  // worker and the worker accepts.
  const [m1, m2, m3, m4] = monthsBack(3);
  // The worker's alias account asks city A's centre for an account: a centre opens only the
  // accounts it was asked for (city B's centre cannot capture it).
  await submitAndWatch(api.tx.providentFund.requestAccount(4), worker.fund);
  await assert.rejects(submitAndWatch(api.tx.providentFund.openAccount(worker.alias), centreB), /providentFund\.NotRequested/);
  await submitAll(api, centreA, [api.tx.providentFund.openAccount(worker.alias), api.tx.providentFund.registerEmployer(firmA.alias)]);
  await submitAndWatch(api.tx.providentFund.declareEmployee(4, worker.alias, m1), firmA.fund);
  const line = { employee: worker.alias, base: 10_000n * UNITS, employeeRate: 1000, employerRate: 1000 };
  await submitAndWatch(api.tx.providentFund.acceptEmployment(firmA.alias), worker.fund);

  // Three months at 10 % each side of 10 000.00: 2 000.00 a month.
  const firmBefore = await freeBalance(api, firmA.fund.address);
  for (const m of [m1, m2, m3]) await submitAndWatch(api.tx.providentFund.contribute(m, [line]), firmA.fund);
  assert.equal(await held(worker.alias), 6_000n * UNITS);
  assert.equal(firmBefore - (await freeBalance(api, firmA.fund.address)), 6_000n * UNITS);
  const accountA = (await api.query.providentFund.openAccount(worker.alias)).unwrap().toNumber();

  // A month paid twice: refused, nothing moves.
  await assert.rejects(submitAndWatch(api.tx.providentFund.contribute(m3, [line]), firmA.fund), /providentFund\.LineAlreadyPaid/);
  assert.equal(await held(worker.alias), 6_000n * UNITS);
  assert.equal(firmBefore - (await freeBalance(api, firmA.fund.address)), 6_000n * UNITS);

  // The worker moves to city B: asks, and city A approves.
  await submitAndWatch(api.tx.providentFund.requestTransfer(worker.alias, accountA, 5, null), worker.fund);
  const { events } = await submitAndWatch(api.tx.providentFund.approveTransfer(worker.alias), centreA);
  const moved = events.find(({ event }) => event.method === 'AccountTransferred').event.data;
  assert.equal(moved.amount.toBigInt(), 6_000n * UNITS);
  const accountB = moved.to.toNumber();
  const moved2 = (await api.query.providentFund.accounts(accountB)).unwrap();
  assert.equal(moved2.centre.toNumber(), 5);
  assert.equal(moved2.balance.toBigInt(), 6_000n * UNITS);
  assert.equal(moved2.months.toNumber(), 3);
  assert.ok((await api.query.providentFund.accounts(accountA)).unwrap().status.isTransferredOut);
  const history = await api.query.providentFund.contributions.entries(worker.alias);
  assert.equal(history.length, 3, 'the month-by-month history follows the worker');
  assert.equal(await held(worker.alias), 6_000n * UNITS, 'the money never left the purse');

  // City B: the new employer pays this month into the moved account.
  await submitAndWatch(api.tx.providentFund.registerEmployer(firmB.alias), centreB);
  await submitAndWatch(api.tx.providentFund.declareEmployee(5, worker.alias, m4), firmB.fund);
  await submitAndWatch(api.tx.providentFund.acceptEmployment(firmB.alias), worker.fund);
  await submitAndWatch(api.tx.providentFund.contribute(m4, [line]), firmB.fund);
  assert.equal((await api.query.providentFund.accounts(accountB)).unwrap().balance.toBigInt(), 8_000n * UNITS);
  assert.equal(await held(worker.alias), 8_000n * UNITS);

  // The centres' totals, through their view function.
  const [, totalsA] = (await viewFunction(api, 'ProvidentFund', 'centre', [4])).unwrap();
  const [, totalsB] = (await viewFunction(api, 'ProvidentFund', 'centre', [5])).unwrap();
  assert.equal(totalsA.held.toBigInt(), 0n);
  assert.equal(totalsA.transferredOut.toBigInt(), 6_000n * UNITS);
  assert.equal(totalsB.held.toBigInt(), 8_000n * UNITS);

  // Nothing of the fund names a person id or a main account: its whole state, read as any
  // RPC client reads it.
  const handles = Object.values(persons).flatMap((p) => [p.id, u8aToHex(p.key.publicKey)]).map((h) => h.slice(2));
  const prefix = xxhashAsHex('ProvidentFund', 128);
  const keys = await api.rpc.state.getKeysPaged(prefix, 1000);
  assert.ok(keys.length > 10, 'the fund has state');
  for (const key of keys) {
    const value = (await api.rpc.state.getStorage(key))?.toHex() ?? '';
    for (const h of handles) assert.ok(!key.toHex().includes(h) && !value.includes(h), `${key.toHex()} names a person`);
  }
});
