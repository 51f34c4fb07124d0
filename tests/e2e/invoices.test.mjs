// E-invoices and fines, end to end on the dev chain with @polkadot/api: a shop issues an
// invoice to a citizen, the citizen receives it, two employers race to reimburse it in the
// same block and only one succeeds, a credit note then fails because it would go below the
// reimbursed amount. A fine issued overdue, or with less than the week's notice, is refused; one
// paid within the notice carries no surcharge; an appealed and cancelled fine is refunded from
// the treasury's account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { carryAll, connect, freeBalance, startNode, submitAll, submitAndWatch, viewFunction } from './lib.mjs';

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
const free = (who) => freeBalance(api, who);

test('an invoice is reimbursed once, fines give notice and are refunded on appeal', { timeout: 420_000 }, async () => {
  const registrar = keyring.addFromUri('//Alice'); // Civil Affairs Bureau
  const bureau = keyring.addFromUri('//Bob'); // Public Security Bureau: tax, police and court here
  const treasury = keyring.addFromUri('//Dave'); // Municipal Treasury

  await carryAll(api, keyring, ['IssueInvoices', 'IssueFines', 'DecideAppeals'].map((c) => api.tx.consortium.grantCapability(1, c)));

  // Persons: a shop, a citizen, two employers; each controlled by a fresh key.
  const persons = {};
  const kinds = [['shop', 'Company'], ['citizen', 'Citizen'], ['employerA', 'Company'], ['employerB', 'Company']];
  for (const [name] of kinds) persons[name] = { id: id(), key: keyring.addFromMnemonic(mnemonicGenerate()) };
  await submitAll(api, registrar, kinds.map(([name, kind]) => api.tx.identity.registerPerson(persons[name].id, kind, persons[name].key.address, id(), false)));
  const { shop, citizen, employerA, employerB } = persons;

  await submitAll(api, bureau, [api.tx.invoices.setRates([1300, 600]), api.tx.invoices.registerTaxpayer(shop.id, 100, 1_000_000n * UNITS)]);

  // 1 000.00 at 13 %.
  const invoice = { number: 20261125001n, buyer: { Person: citizen.id }, amount: 1_000n * UNITS, tax: 130n * UNITS, rate: 1300, items: id() };
  await submitAndWatch(api.tx.invoices.issue(invoice), shop.key);
  await submitAndWatch(api.tx.invoices.receive(shop.id, invoice.number), citizen.key);

  // The citizen authorises both employers (say, a former and a new one); both claim it all.
  const until = (await api.query.timestamp.now()).toNumber() + DAY;
  await submitAll(api, citizen.key, [api.tx.invoices.authorisePayer(employerA.id, until), api.tx.invoices.authorisePayer(employerB.id, until)]);
  const claim = (employer) => api.tx.invoices.claim(shop.id, invoice.number, invoice.amount, employer.id, { Code: 1 });
  const [a, b] = await Promise.all([submitForOutcome(claim(employerA), employerA.key), submitForOutcome(claim(employerB), employerB.key)]);
  assert.equal(a.blockHash, b.blockHash, 'both claims in one block');
  const outcomes = [a.error, b.error].sort();
  assert.deepEqual(outcomes, [null, 'invoices.FullyReimbursed'].sort());
  const [status, net, claimed, remaining] = (await viewFunction(api, 'Invoices', 'invoice', [shop.id, invoice.number])).unwrap();
  assert.equal(status.toString(), 'Received');
  assert.equal(net.toBigInt(), invoice.amount);
  assert.equal(claimed.toBigInt(), invoice.amount);
  assert.equal(remaining.toBigInt(), 0n);

  // A credit note would bring it below what was reimbursed.
  await assert.rejects(
    submitAndWatch(api.tx.invoices.issueCreditNote(invoice.number, invoice.number + 1n, 100n * UNITS, 13n * UNITS), shop.key),
    /invoices\.BelowReimbursed/,
  );
  const month = await viewFunction(api, 'Invoices', 'month_totals', [shop.id, Number(new Date().toISOString().slice(0, 7).replace('-', ''))]);
  assert.equal(month.issued.toBigInt(), invoice.amount);

  // Fines: the treasury mints the citizen 1 000.00 (a fiat deposit) to pay with.
  await submitAndWatch(api.tx.settlement.mint({ Account: citizen.key.address }, 1_000n * UNITS, id()), treasury);
  const treasuryAccount = (await viewFunction(api, 'Settlement', 'agency_account_of', [3])).toString();
  const treasuryBefore = await free(treasuryAccount);
  const now = (await api.query.timestamp.now()).toNumber();
  const fine = async (due) => {
    const { events } = await submitAndWatch(api.tx.invoices.issueFine(citizen.id, 1301, 200n * UNITS, id(), 4401, due), bureau);
    return events.find(({ event }) => event.method === 'FineIssued').event.data.bill.toBigInt();
  };

  // A fine issued already overdue (due forty days ago: the full surcharge at once, and no time
  // to appeal) or with less than the notice period is refused.
  const notice = api.consts.invoices.fineNotice.toNumber();
  assert.equal(notice, 7 * DAY);
  await assert.rejects(fine(now - 40 * DAY), /invoices\.BadDueDate/);
  await assert.rejects(fine(now + notice - 60_000), /invoices\.BadDueDate/);
  // Paid within the notice: no surcharge, once.
  const onTime = await fine(now + 15 * DAY);
  const { events: paid } = await submitAndWatch(api.tx.invoices.payFine(onTime), citizen.key);
  const finePaid = paid.find(({ event }) => event.method === 'FinePaid').event.data;
  assert.equal(finePaid.fine.toBigInt(), 200n * UNITS);
  assert.equal(finePaid.surcharge.toBigInt(), 0n);
  await assert.rejects(submitAndWatch(api.tx.invoices.payFine(onTime), citizen.key), /invoices\.AlreadyPaid/);

  // Paid on time, appealed, cancelled: refunded from the treasury's account.
  const appealed = await fine(now + 15 * DAY);
  await submitAndWatch(api.tx.invoices.payFine(appealed), citizen.key);
  const beforeRefund = await free(citizen.key.address);
  await submitAndWatch(api.tx.invoices.appealFine(appealed), citizen.key);
  const { events: cancelled } = await submitAndWatch(api.tx.invoices.cancelFine(appealed), bureau);
  assert.equal(cancelled.find(({ event }) => event.method === 'FineCancelled').event.data.refunded.toBigInt(), 200n * UNITS);
  assert.equal(await free(citizen.key.address), beforeRefund + 200n * UNITS);
  assert.equal(await free(treasuryAccount), treasuryBefore + 200n * UNITS);
  assert.equal(await free(citizen.key.address), 1_000n * UNITS - 200n * UNITS);
});
