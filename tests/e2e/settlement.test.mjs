// The settlement unit, end to end on the dev chain with @polkadot/api: the treasury (Dave's
// agency) mints to a new citizen against a fiat deposit reference, the citizen pays another
// account, asks to redeem part, the treasury settles it with its payout reference; total
// issuance moves by exactly minted − burned, and no fee is taken anywhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { connect, freeBalance, startNode, submitAndWatch, viewFunction } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const UNITS = 100n; // two decimals: one unit is 100 cents

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'settlement');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const eventOf = (events, method) => events.find(({ event }) => event.section === 'settlement' && event.method === method)?.event;
const free = (who) => freeBalance(api, who);

test('mint, pay, redeem, settle: issuance moves by minted minus burned', { timeout: 240_000 }, async () => {
  const registrar = keyring.addFromUri('//Alice'); // Civil Affairs Bureau: enrols accounts
  const treasury = keyring.addFromUri('//Dave'); // Municipal Treasury: MintSettlement
  const ferdie = keyring.addFromUri('//Ferdie');
  const citizen = keyring.addFromMnemonic(mnemonicGenerate());

  await submitAndWatch(api.tx.consortium.enrol(citizen.address, 'Citizen'), registrar);
  assert.equal(await free(citizen.address), 0n);
  const issuanceBefore = (await api.query.balances.totalIssuance()).toBigInt();
  const totalsBefore = await viewFunction(api, 'Settlement', 'totals');

  // 500.00 against a fiat deposit (the hash of the bank's statement line).
  const deposit = u8aToHex(randomAsU8a(32));
  const { events: minted } = await submitAndWatch(api.tx.settlement.mint({ Account: citizen.address }, 500n * UNITS, deposit), treasury);
  const m = eventOf(minted, 'Minted');
  assert.ok(m, 'Minted event');
  assert.equal(m.data.to.toString(), citizen.address);
  assert.equal(m.data.amount.toBigInt(), 500n * UNITS);
  assert.equal(m.data.deposit.toHex(), deposit);
  assert.equal(await free(citizen.address), 500n * UNITS);

  // The same deposit is minted once only.
  await assert.rejects(
    submitAndWatch(api.tx.settlement.mint({ Account: citizen.address }, 500n * UNITS, deposit), treasury),
    /settlement\.DepositReferenceUsed/,
  );

  // The citizen, who held nothing before, pays 120.00 to Ferdie: no fee is taken.
  const ferdieBefore = await free(ferdie.address);
  await submitAndWatch(api.tx.balances.transferKeepAlive(ferdie.address, 120n * UNITS), citizen);
  assert.equal(await free(citizen.address), 380n * UNITS);
  assert.equal(await free(ferdie.address), ferdieBefore + 120n * UNITS);

  // Asks to redeem 200.00: held, not spendable, listed as pending.
  const { events: requested } = await submitAndWatch(api.tx.settlement.requestRedemption(200n * UNITS), citizen);
  const id = eventOf(requested, 'RedemptionRequested').data.id.toBigInt();
  assert.equal(await free(citizen.address), 180n * UNITS);
  const account = await api.query.system.account(citizen.address);
  assert.equal(account.data.reserved.toBigInt(), 200n * UNITS, 'held');
  const holds = await api.query.balances.holds(citizen.address);
  assert.equal(holds.length, 1);
  assert.deepEqual(holds[0].id.toJSON(), { settlement: 'Redemption' });
  const pending = await viewFunction(api, 'Settlement', 'pending_redemptions', [citizen.address]);
  assert.equal(pending.length, 1);
  assert.equal(pending[0][0].toBigInt(), id);
  assert.equal(pending[0][1].amount.toBigInt(), 200n * UNITS);
  await assert.rejects(
    submitAndWatch(api.tx.balances.transferKeepAlive(ferdie.address, 181n * UNITS), citizen),
    /dispatch error/,
  );

  // The treasury pays 200.00 out in fiat and settles: the held amount is burned.
  const payout = u8aToHex(randomAsU8a(32));
  const { events: settled } = await submitAndWatch(api.tx.settlement.settleRedemption(id, 200n * UNITS, payout), treasury);
  const s = eventOf(settled, 'RedemptionSettled');
  assert.equal(s.data.burned.toBigInt(), 200n * UNITS);
  assert.equal(s.data.payout.toHex(), payout);
  assert.equal((await api.query.system.account(citizen.address)).data.reserved.toBigInt(), 0n);
  assert.equal((await viewFunction(api, 'Settlement', 'pending_redemptions', [citizen.address])).length, 0);

  const issuanceAfter = (await api.query.balances.totalIssuance()).toBigInt();
  assert.equal(issuanceAfter - issuanceBefore, 500n * UNITS - 200n * UNITS);
  const totals = await viewFunction(api, 'Settlement', 'totals');
  assert.equal(totals.minted.toBigInt() - totalsBefore.minted.toBigInt(), 500n * UNITS);
  assert.equal(totals.burned.toBigInt() - totalsBefore.burned.toBigInt(), 200n * UNITS);
  assert.equal(totals.pending.toBigInt(), 0n);
  assert.equal(totals.genesis.toBigInt() + totals.minted.toBigInt() - totals.burned.toBigInt(), issuanceAfter);
});
