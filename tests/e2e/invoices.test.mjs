// E-invoices and fines, end to end on the dev chain with @polkadot/api, under aliases: each
// person's wallet binds an invoices alias (and the citizen a fines alias) with a ring-VRF proof;
// a shop's alias account issues an invoice to the citizen's alias, which receives it, two
// employers' alias accounts race to reimburse it in the same block and only one succeeds, a
// credit note then fails because it would go below the reimbursed amount. A fine is issued for a
// claim key (the police hands the citizen its secret with the notice): one issued overdue, or
// with less than the week's notice, is refused; the citizen claims its bills into its fines
// alias with the claim key's signature; one paid within the notice carries no surcharge; an
// appealed and cancelled fine is refunded from the treasury's account to the alias account.
// Nothing of the invoices pallet's state names a person id or a main account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { bindAlias, carryAll, connect, freeBalance, newWallet, startNode, submitAll, submitAndWatch, viewFunction } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });
const UNITS = 100n;
const DAY = 86_400_000;

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'invoices');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

/** Signs and submits; resolves once in a block with the block hash and the dispatch error, if any. */
function submitForOutcome(tx, signer) {
  return new Promise((ok, fail) => {
    let unsub;
    tx.signAndSend(signer, ({ status, dispatchError }) => {
      if (status.isInBlock) {
        if (unsub) unsub();
        let error = null;
        if (dispatchError?.isModule) {
          const { section, name } = dispatchError.registry.findMetaError(dispatchError.asModule);
          error = `${section}.${name}`;
        } else if (dispatchError) error = dispatchError.toString();
        ok({ blockHash: status.asInBlock.toHex(), error });
      } else if (status.isInvalid || status.isDropped) {
        if (unsub) unsub();
        fail(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, fail);
  });
}

const id = () => u8aToHex(randomAsU8a(32));
const fresh = () => keyring.addFromMnemonic(mnemonicGenerate());

/** What a bill's claim key signs to claim it into `alias`: the tag, the bill (u64 LE), the alias. */
const claimMessage = (bill, alias) => u8aConcat(stringToU8a('civitas/fine-claim'), bnToU8a(bill, { bitLength: 64 }), hexToU8a(alias));
const free = (who) => freeBalance(api, who);

test('an invoice is reimbursed once, fines give notice, are claimed by key and refunded on appeal', { timeout: 420_000 }, async () => {
  const registrar = keyring.addFromUri('//Alice'); // Civil Affairs Bureau
  const bureau = keyring.addFromUri('//Bob'); // Public Security Bureau: tax, police and court here
  const treasury = keyring.addFromUri('//Dave'); // Municipal Treasury

  await carryAll(api, keyring, ['IssueInvoices', 'IssueFines', 'DecideAppeals'].map((c) => api.tx.consortium.grantCapability(1, c)));

  // Persons: a shop, a citizen, two employers; each controlled by a fresh key, each with a
  // wallet whose member key the registrar records, each binding its invoices alias to a fresh
  // account (`inv`); the citizen also binds its fines alias (`fines`).
  const persons = {};
  const kinds = [['shop', 'Company'], ['citizen', 'Citizen'], ['employerA', 'Company'], ['employerB', 'Company']];
  for (const [name] of kinds) persons[name] = { id: id(), key: fresh(), wallet: newWallet(), inv: fresh() };
  await submitAll(api, registrar, [
    ...kinds.map(([name, kind]) => api.tx.identity.registerPerson(persons[name].id, kind, persons[name].key.address, id(), false)),
    ...kinds.map(([name]) => api.tx.identity.setMemberKey(persons[name].id, persons[name].wallet.member)),
  ]);
  const { shop, citizen, employerA, employerB } = persons;
  await Promise.all(kinds.map(async ([name]) => { persons[name].alias = await bindAlias(api, persons[name].wallet, 'invoices', persons[name].inv); }));
  citizen.fines = fresh();
  citizen.finesAlias = await bindAlias(api, citizen.wallet, 'fines', citizen.fines);
  assert.equal(citizen.finesAlias, citizen.wallet.aliases.fines);
  assert.notEqual(citizen.finesAlias, citizen.alias, 'one alias per domain');

  await submitAll(api, bureau, [api.tx.invoices.setRates([1300, 600]), api.tx.invoices.registerTaxpayer(shop.alias, 100, 1_000_000n * UNITS)]);

  // 1 000.00 at 13 %.
  const invoice = { number: 20261125001n, buyer: { Alias: citizen.alias }, amount: 1_000n * UNITS, tax: 130n * UNITS, rate: 1300, items: id() };
  await submitAndWatch(api.tx.invoices.issue(invoice), shop.inv);
  await submitAndWatch(api.tx.invoices.receive(shop.alias, invoice.number), citizen.inv);

  // The citizen authorises both employers (say, a former and a new one); both claim it all.
  const until = (await api.query.timestamp.now()).toNumber() + DAY;
  await submitAll(api, citizen.inv, [api.tx.invoices.authorisePayer(employerA.alias, until), api.tx.invoices.authorisePayer(employerB.alias, until)]);
  const claim = () => api.tx.invoices.claim(shop.alias, invoice.number, invoice.amount, { Code: 1 });
  const [a, b] = await Promise.all([submitForOutcome(claim(), employerA.inv), submitForOutcome(claim(), employerB.inv)]);
  assert.equal(a.blockHash, b.blockHash, 'both claims in one block');
  const outcomes = [a.error, b.error].sort();
  assert.deepEqual(outcomes, [null, 'invoices.FullyReimbursed'].sort());
  const [status, net, claimed, remaining] = (await viewFunction(api, 'Invoices', 'invoice', [shop.alias, invoice.number])).unwrap();
  assert.equal(status.toString(), 'Received');
  assert.equal(net.toBigInt(), invoice.amount);
  assert.equal(claimed.toBigInt(), invoice.amount);
  assert.equal(remaining.toBigInt(), 0n);

  // A credit note would bring it below what was reimbursed.
  await assert.rejects(
    submitAndWatch(api.tx.invoices.issueCreditNote(invoice.number, invoice.number + 1n, 100n * UNITS, 13n * UNITS), shop.inv),
    /invoices\.BelowReimbursed/,
  );
  const month = await viewFunction(api, 'Invoices', 'month_totals', [shop.alias, Number(new Date().toISOString().slice(0, 7).replace('-', ''))]);
  assert.equal(month.issued.toBigInt(), invoice.amount);

  // Fines: the treasury mints the citizen's fines alias account 1 000.00 (a fiat deposit) to
  // pay with.
  await submitAndWatch(api.tx.settlement.mint({ Account: citizen.fines.address }, 1_000n * UNITS, id()), treasury);
  const treasuryAccount = (await viewFunction(api, 'Settlement', 'agency_account_of', [3])).toString();
  const treasuryBefore = await free(treasuryAccount);
  const now = (await api.query.timestamp.now()).toNumber();
  /** A fine for a fresh claim key: the bill and the key (its secret goes to the citizen with the notice). */
  const fine = async (due) => {
    const key = fresh();
    const { events } = await submitAndWatch(api.tx.invoices.issueFine(key.publicKey, 1301, 200n * UNITS, id(), 4401, due), bureau);
    return { bill: events.find(({ event }) => event.method === 'FineIssued').event.data.bill.toBigInt(), key };
  };
  const claimFine = ({ bill, key }) => submitAndWatch(api.tx.invoices.claimFine(bill, key.sign(claimMessage(bill, citizen.finesAlias))), citizen.fines);

  // A fine issued already overdue (due forty days ago: the full surcharge at once, and no time
  // to appeal) or with less than the notice period is refused.
  const notice = api.consts.invoices.fineNotice.toNumber();
  assert.equal(notice, 7 * DAY);
  await assert.rejects(fine(now - 40 * DAY), /invoices\.BadDueDate/);
  await assert.rejects(fine(now + notice - 60_000), /invoices\.BadDueDate/);
  // The bill names nobody until claimed; a signature by another key claims nothing.
  const onTime = await fine(now + 15 * DAY);
  assert.ok((await api.query.invoices.bills(onTime.bill)).unwrap().holder.isNone);
  await assert.rejects(claimFine({ bill: onTime.bill, key: fresh() }), /invoices\.BadClaimSignature/);
  await assert.rejects(submitAndWatch(api.tx.invoices.payFine(onTime.bill), citizen.fines), /invoices\.NotClaimed/);
  await claimFine(onTime);
  // Paid within the notice: no surcharge, once.
  const { events: paid } = await submitAndWatch(api.tx.invoices.payFine(onTime.bill), citizen.fines);
  const finePaid = paid.find(({ event }) => event.method === 'FinePaid').event.data;
  assert.equal(finePaid.holder.toHex(), citizen.finesAlias);
  assert.equal(finePaid.fine.toBigInt(), 200n * UNITS);
  assert.equal(finePaid.surcharge.toBigInt(), 0n);
  await assert.rejects(submitAndWatch(api.tx.invoices.payFine(onTime.bill), citizen.fines), /invoices\.AlreadyPaid/);

  // Paid on time, appealed, cancelled: refunded from the treasury's account to the alias account.
  const appealed = await fine(now + 15 * DAY);
  await claimFine(appealed);
  await submitAndWatch(api.tx.invoices.payFine(appealed.bill), citizen.fines);
  const beforeRefund = await free(citizen.fines.address);
  await submitAndWatch(api.tx.invoices.appealFine(appealed.bill), citizen.fines);
  const { events: cancelled } = await submitAndWatch(api.tx.invoices.cancelFine(appealed.bill), bureau);
  assert.equal(cancelled.find(({ event }) => event.method === 'FineCancelled').event.data.refunded.toBigInt(), 200n * UNITS);
  assert.equal(await free(citizen.fines.address), beforeRefund + 200n * UNITS);
  assert.equal(await free(treasuryAccount), treasuryBefore + 200n * UNITS);
  assert.equal(await free(citizen.fines.address), 1_000n * UNITS - 200n * UNITS);

  // Nothing of the invoices pallet names a person id or a main account: its whole state, read
  // as any RPC client reads it.
  const handles = Object.values(persons).flatMap((x) => [x.id, u8aToHex(x.key.publicKey)]).map((h) => h.slice(2));
  const keys = await api.rpc.state.getKeysPaged(xxhashAsHex('Invoices', 128), 1000);
  assert.ok(keys.length > 10, 'the invoices pallet has state');
  for (const key of keys) {
    const value = (await api.rpc.state.getStorage(key))?.toHex() ?? '';
    for (const h of handles) assert.ok(!key.toHex().includes(h) && !value.includes(h), `${key.toHex()} names a person`);
  }
});
