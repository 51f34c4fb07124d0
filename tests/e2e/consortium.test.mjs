// The consortium layer on the dev chain, end to end with a stock @polkadot/api client:
// admission in the transaction pool, no fees, votes, and the quota.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { connect, startNode, submitAndWatch, waitFor } from './lib.mjs';

let node;
let api;
let k;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'consortium');
  api = await connect(node.url);
  // Addresses in the chain's own format (its SS58 prefix), as the chain prints them.
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  k = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'One'].map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
  k.fresh = () => keyring.addFromMnemonic(mnemonicGenerate());
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const eventsOf = (events, section, method) =>
  events.filter(({ event }) => event.section === section && event.method === method).map(({ event }) => event);

test('the founding agencies are seeded from genesis', async () => {
  assert.equal((await api.query.consortium.memberCount()).toNumber(), 8);
  const civil = (await api.query.consortium.agencies(0)).unwrap();
  assert.equal(civil.kind.toString(), 'CivilAffairs');
  const admission = (await api.query.consortium.accounts(k.alice.address)).unwrap();
  assert.equal(admission.isStaff, true);
  assert.equal((await api.query.consortium.accounts(k.eve.address)).isNone, true, 'Eve is not admitted');
});

test('a non-enrolled account is refused at submission, before any block', async () => {
  // Eve holds funds but is neither agency staff nor enrolled.
  await assert.rejects(
    api.tx.balances.transferKeepAlive(k.alice.address, 1n).signAndSend(k.eve),
    (e) => /Custom error: 1/.test(e.message) || assert.fail(`unexpected error: ${e.message}`),
  );
  assert.equal((await api.rpc.system.accountNextIndex(k.eve.address)).toNumber(), 0);
});

test('an enrolled account transacts without paying any fee', { timeout: 60_000 }, async () => {
  const citizen = k.fresh();
  const { events } = await submitAndWatch(api.tx.consortium.enrol(citizen.address, 'Citizen'), k.alice);
  const [enrolled] = eventsOf(events, 'consortium', 'AccountEnrolled');
  assert.ok(enrolled, 'AccountEnrolled');
  assert.equal(enrolled.data.by.toNumber(), 0);

  await submitAndWatch(api.tx.balances.transferKeepAlive(citizen.address, 1_000n), k.alice);
  const { events: tx } = await submitAndWatch(api.tx.balances.transferKeepAlive(k.bob.address, 300n), citizen);
  assert.equal(eventsOf(tx, 'transactionPayment', 'TransactionFeePaid').length, 0);
  const account = await api.query.system.account(citizen.address);
  assert.equal(account.data.free.toBigInt(), 700n, 'exactly the amount sent left the account');
});

test('five of eight agencies admit a ninth agency, which then acts with its capability', { timeout: 120_000 }, async () => {
  const admit = api.tx.consortium.admitAgency('Fire and Rescue', 'FireAndRescue', 320100, [k.ferdie.address], ['RegisterPersons']);
  const { events } = await submitAndWatch(api.tx.consortium.propose(admit), k.alice);
  const [proposed] = eventsOf(events, 'consortium', 'Proposed');
  const index = proposed.data.index.toNumber();

  let last;
  for (const voter of [k.bob, k.charlie, k.dave]) ({ events: last } = await submitAndWatch(api.tx.consortium.vote(index, true), voter));
  assert.equal(eventsOf(last, 'consortium', 'ProposalExecuted').length, 0, 'four of eight is no majority');
  assert.equal((await api.query.consortium.memberCount()).toNumber(), 8);

  const { events: v5 } = await submitAndWatch(api.tx.consortium.vote(index, true), k.one);
  const [executed] = eventsOf(v5, 'consortium', 'ProposalExecuted');
  assert.ok(executed, 'the fifth vote executes the proposal');
  assert.equal(executed.data.result.isOk, true, `result: ${executed.data.result}`);
  const [admitted] = eventsOf(v5, 'consortium', 'AgencyAdmitted');
  const agency = admitted.data.agency.toNumber();
  assert.equal((await api.query.consortium.memberCount()).toNumber(), 9);

  const someone = k.fresh();
  const { events: e } = await submitAndWatch(api.tx.consortium.enrol(someone.address, 'Company'), k.ferdie);
  const [enrolled] = eventsOf(e, 'consortium', 'AccountEnrolled');
  assert.equal(enrolled.data.by.toNumber(), agency);
});

test('a burst beyond the quota is cut off in the pool at exactly the quota', { timeout: 180_000 }, async () => {
  const quota = api.consts.consortium.enrolledQuota.transactions.toNumber();
  const window = api.consts.consortium.quotaWindow.toNumber();
  const burster = k.fresh();
  await submitAndWatch(api.tx.consortium.enrol(burster.address, 'Citizen'), k.alice);

  // Start well inside a quota window, so that the whole burst falls into one.
  await waitFor('room in the current quota window', async () => {
    const n = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
    return n % window < window - 10;
  }, window * 7_000, 1_000);

  // Citizens may not write remarks (free, permanent bytes): refused in the pool.
  const remark = await api.tx.system.remark('spam').signAsync(burster, { nonce: 0, era: 0 });
  await assert.rejects(api.rpc.author.submitExtrinsic(remark), /Custom error: 3/);

  const results = [];
  for (let nonce = 0; nonce <= quota; nonce++) {
    // A transfer the burster cannot pay: it fails in the block, but is included and counted.
    const call = api.tx.balances.transferKeepAlive(k.alice.address, 1 + nonce);
    const tx = await call.signAsync(burster, { nonce, era: 0 });
    results.push(await api.rpc.author.submitExtrinsic(tx).then(() => 'ok', (e) => e.message));
  }
  assert.deepEqual(results.slice(0, quota), Array(quota).fill('ok'), 'the first `quota` are accepted');
  assert.match(results[quota], /Custom error: 2/, 'the one beyond the quota is refused');

  await waitFor('the accepted burst to be included', async () =>
    (await api.query.system.account(burster.address)).nonce.toNumber() === quota, 60_000, 1_000);
});
