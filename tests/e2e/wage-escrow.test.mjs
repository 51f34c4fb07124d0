// Construction wages, end to end on the dev chain with @polkadot/api, under wages aliases: the
// registrar records each person's member key; developers, contractors and workers each bind a
// wages alias to a fresh account with a ring-VRF proof (`civitas-node alias prove`); a
// construction bureau is admitted by vote; project A's developer deposits from its alias
// account, a milestone keeps its wage share back, the contractor offers the workers places
// (each accepts from its alias account), its payroll for last month is approved, and in a
// later block that carries no transaction but the timestamp every worker's alias account rises
// by exactly its wage. Project B's reserve is short: its payroll, approved by itself when the
// review (cut to 12 s by vote) ends, raises ArrearsDetected, its next milestone is refused, and
// the developer's top-up has it paid in full at the next block. No call, event or storage
// entry of the wage escrow names a person id or a person's main account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { bindAlias, carryAll, connect, freeBalance, newWallet, startNode, submitAll, submitAndWatch, viewFunction, waitFor } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const UNITS = 100n;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'wage-escrow');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const id = () => u8aToHex(randomAsU8a(32));
const fresh = () => keyring.addFromMnemonic(mnemonicGenerate());

/** A project's account: `modl` ‖ `cvt/wage` ‖ the project id (u32 LE), zero-padded. */
const projectAccount = (project) => keyring.encodeAddress(u8aConcat(stringToU8a('modl'), stringToU8a('cvt/wage'), bnToU8a(project, { bitLength: 32 }), new Uint8Array(16)));

/** What is held on a project's account for the escrow. */
async function held(project) {
  const holds = await api.query.balances.holds(projectAccount(project));
  return holds.filter((h) => h.id.toString().toLowerCase().includes('wageescrow')).reduce((s, h) => s + h.amount.toBigInt(), 0n);
}

/** Last month, as the chain counts months: year × 100 + month. */
function lastMonth() {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return m.getUTCFullYear() * 100 + m.getUTCMonth() + 1;
}

/** The first block from `from` on whose events satisfy `pred`: its number, hash and events. */
async function blockWith(from, pred, timeoutMs = 60_000) {
  let n = from;
  return waitFor(`a block from #${from} with the expected events`, async () => {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; n <= best; n += 1) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const events = await api.query.system.events.at(hash);
      if (events.some(pred)) return { n, hash, events };
    }
    return null;
  }, timeoutMs);
}

const numberOf = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
const is = (method) => ({ event }) => event.section === 'wageEscrow' && event.method === method;

test('wages are paid on pay day with no transaction; a short reserve raises arrears until the top-up', { timeout: 600_000 }, async () => {
  const alice = keyring.addFromUri('//Alice'); // Civil Affairs: registers persons, funds the developers
  const bureau = fresh(); // the Housing and Construction Bureau's officer, admitted below
  await carryAll(api, keyring, [
    api.tx.consortium.admitAgency('Housing and Construction Bureau', 'Construction', 320100, [bureau.address], ['SuperviseConstruction']),
    api.tx.wageEscrow.setReviewPeriod(12_000),
  ]);

  // Seven persons, each with a wallet whose member key the registrar records; each binds its
  // wages alias to a fresh account (`wages`), which acts for it here.
  const p = {};
  const kinds = [['devA', 'Company'], ['conA', 'Company'], ['devB', 'Company'], ['conB', 'Company'], ['w1', 'Citizen'], ['w2', 'Citizen'], ['w3', 'Citizen']];
  for (const [name] of kinds) p[name] = { id: id(), key: fresh(), wallet: newWallet(), wages: fresh() };
  await submitAll(api, alice, [
    ...kinds.map(([name, kind]) => api.tx.identity.registerPerson(p[name].id, kind, p[name].key.address, id(), false)),
    ...kinds.map(([name]) => api.tx.identity.setMemberKey(p[name].id, p[name].wallet.member)),
  ]);
  await Promise.all(kinds.map(async ([name]) => { p[name].alias = await bindAlias(api, p[name].wallet, 'wages', p[name].wages); }));
  assert.equal(p.w1.alias, p.w1.wallet.aliases.wages, 'the proof names the wallet\'s alias');
  await submitAll(api, alice, [
    api.tx.balances.transferKeepAlive(p.devA.wages.address, 400_000n * UNITS),
    api.tx.balances.transferKeepAlive(p.devB.wages.address, 100_000n * UNITS),
  ]);

  // Two projects: wage share 20 %, pay day 1 (last month's payroll is due).
  const first = (await api.query.wageEscrow.nextProjectId()).toNumber();
  const [A, B] = [first, first + 1];
  await submitAll(api, bureau, [
    api.tx.wageEscrow.registerProject(p.devA.alias, p.conA.alias, 500_000n * UNITS, 20, 1),
    api.tx.wageEscrow.registerProject(p.devB.alias, p.conB.alias, 500_000n * UNITS, 20, 1),
  ]);
  // The contractors offer places; a payroll cannot name a place not yet accepted.
  await submitAll(api, p.conA.wages, [p.w1, p.w2, p.w3].map((w) => api.tx.wageEscrow.addWorker(A, w.alias)));
  await submitAndWatch(api.tx.wageEscrow.addWorker(B, p.w1.alias), p.conB.wages);
  await assert.rejects(submitAndWatch(api.tx.wageEscrow.submitPayroll(B, lastMonth(), [{ worker: p.w1.alias, days: 1, amount: 1n * UNITS }]), p.conB.wages), /wageEscrow\.LineNotAccepted/);
  for (const w of [p.w1, p.w2, p.w3]) await submitAndWatch(api.tx.wageEscrow.acceptPlace(A), w.wages);
  await submitAndWatch(api.tx.wageEscrow.acceptPlace(B), p.w1.wages);

  // Project A: 300 000.00 deposited, held on the project account; a milestone of 100 000.00
  // pays the contractor's alias account 80 000.00 and keeps 20 000.00 back for wages.
  await submitAndWatch(api.tx.wageEscrow.deposit(A, 300_000n * UNITS), p.devA.wages);
  assert.equal(await held(A), 300_000n * UNITS);
  await submitAndWatch(api.tx.wageEscrow.releaseMilestone(A, 100_000n * UNITS, id()), bureau);
  assert.equal(await freeBalance(api, p.conA.wages.address), 80_000n * UNITS);

  const month = lastMonth();
  const wages = [[p.w1, 6_000n], [p.w2, 5_500n], [p.w3, 4_200n]].map(([w, amount]) => [w, amount * UNITS]);
  await submitAndWatch(api.tx.wageEscrow.submitPayroll(A, month, wages.map(([w, amount]) => ({ worker: w.alias, days: 21, amount }))), p.conA.wages);
  const before = await Promise.all(wages.map(([w]) => freeBalance(api, w.wages.address)));
  const { blockHash } = await submitAndWatch(api.tx.wageEscrow.approvePayroll(A, month), bureau);

  // The chain pays in a later block, at its start: nobody sends anything.
  const paid = await blockWith((await numberOf(blockHash)) + 1, is('PayrollPaid'));
  const block = await api.rpc.chain.getBlock(paid.hash);
  const calls = block.block.extrinsics.map((x) => `${x.method.section}.${x.method.method}`);
  assert.deepEqual(calls, ['timestamp.set'], 'the paying block carries no transaction');
  const wagePaid = paid.events.filter(is('WagePaid')).map(({ event }) => [event.data.worker.toHex(), event.data.amount.toBigInt()]);
  assert.deepEqual(wagePaid, wages.map(([w, amount]) => [w.alias, amount]), 'one payment per worker, in order');
  for (const [i, [w, amount]] of wages.entries()) {
    assert.equal(await freeBalance(api, w.wages.address), before[i] + amount, 'exactly the wage');
    const payment = await api.query.wageEscrow.payments(w.alias, [A, month]);
    assert.equal(payment.unwrap().amount.toBigInt(), amount, 'the worker sees the payment');
  }
  const status = (await viewFunction(api, 'WageEscrow', 'project', [A])).unwrap();
  assert.equal(status.books.paid.toBigInt(), 15_700n * UNITS);
  assert.equal(status.books.reserve.toBigInt(), 20_000n * UNITS - 15_700n * UNITS);
  assert.equal(status.arrears.isNone, true);
  assert.equal(await held(A), 300_000n * UNITS - 80_000n * UNITS - 15_700n * UNITS);

  // Project B: a milestone of 10 000.00 keeps 2 000.00 back; the payroll asks 3 000.00.
  await submitAndWatch(api.tx.wageEscrow.deposit(B, 10_000n * UNITS), p.devB.wages);
  await submitAndWatch(api.tx.wageEscrow.releaseMilestone(B, 10_000n * UNITS, id()), bureau);
  const { blockHash: submitted } = await submitAndWatch(api.tx.wageEscrow.submitPayroll(B, month, [{ worker: p.w1.alias, days: 20, amount: 3_000n * UNITS }]), p.conB.wages);
  const w1 = await freeBalance(api, p.w1.wages.address);
  // Nobody approves: the review ends, the chain approves it and finds the reserve short.
  const arrears = await blockWith((await numberOf(submitted)) + 1, is('ArrearsDetected'));
  assert.ok(arrears.events.some(is('PayrollApproved')), 'approved by itself in the same block');
  const detected = arrears.events.find(is('ArrearsDetected')).event.data;
  assert.deepEqual([detected.project.toNumber(), detected.month.toNumber(), detected.shortfall.toBigInt()], [B, month, 1_000n * UNITS]);
  assert.equal(await freeBalance(api, p.w1.wages.address), w1, 'nothing partial');
  const list = await viewFunction(api, 'WageEscrow', 'projects_in_arrears', [status.bureau]);
  assert.deepEqual(list.map(([project, m, short]) => [project.toNumber(), m.toNumber(), short.toBigInt()]), [[B, month, 1_000n * UNITS]]);

  // The next milestone is refused until the developer tops up.
  await assert.rejects(submitAndWatch(api.tx.wageEscrow.releaseMilestone(B, 1n * UNITS, id()), bureau), /wageEscrow\.InArrears/);
  const { blockHash: toppedUp, events } = await submitAndWatch(api.tx.wageEscrow.deposit(B, 5_000n * UNITS), p.devB.wages);
  assert.ok(events.some(is('ArrearsCleared')));
  await blockWith((await numberOf(toppedUp)) + 1, is('PayrollPaid'));
  assert.equal(await freeBalance(api, p.w1.wages.address), w1 + 3_000n * UNITS, 'paid in full');
  await submitAndWatch(api.tx.wageEscrow.releaseMilestone(B, 1_000n * UNITS, id()), bureau);

  // Nothing of the wage escrow names a person id or a main account: its whole state, read as
  // any RPC client reads it.
  const handles = Object.values(p).flatMap((x) => [x.id, u8aToHex(x.key.publicKey)]).map((h) => h.slice(2));
  const keys = await api.rpc.state.getKeysPaged(xxhashAsHex('WageEscrow', 128), 1000);
  assert.ok(keys.length > 10, 'the wage escrow has state');
  for (const key of keys) {
    const value = (await api.rpc.state.getStorage(key))?.toHex() ?? '';
    for (const h of handles) assert.ok(!key.toHex().includes(h) && !value.includes(h), `${key.toHex()} names a person`);
  }
});
