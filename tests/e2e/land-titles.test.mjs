// Real-estate titles, end to end on the dev chain with @polkadot/api, under titles aliases (each
// person's wallet binds one with a ring-VRF proof): the Land and Resources Bureau (agency 2)
// registers a flat in Nanjing and refuses an overlapping one; the seller's bank (the genesis
// Bank of Nanjing) and the buyer's bank (admitted by vote) close a sale in the registry's one
// approval, releasing the old mortgage and registering the new one, the parties signing on the
// offer's terms as they stand after the banks' pre-signatures; the old certificate id resolves
// to "superseded", the new one to the buyer's alias; the genesis court's freeze blocks the next
// sale, and a second court's queued freeze takes effect when the first is lifted. Nothing of the
// land-titles pallet's state names a person id or a main account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a, xxhashAsHex } from '@polkadot/util-crypto';
import { bindAlias, carryAll, connect, newWallet, startNode, submitAll, submitAndWatch, viewFunction } from './lib.mjs';

let node;
let api;
const keyring = new Keyring({ type: 'sr25519' });

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev'], 'land-titles');
  api = await connect(node.url);
  keyring.setSS58Format(api.registry.chainSS58);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const id = () => u8aToHex(randomAsU8a(32));

/** A rectangle of micro-degrees, counter-clockwise from its south-west corner. */
const rect = (lat, lon, h, w) => [
  { lat, lon }, { lat, lon: lon + w }, { lat: lat + h, lon: lon + w }, { lat: lat + h, lon },
];

/** The area (m²) the chain computes: shoelace, equirectangular about the middle latitude. */
function area(points) {
  let a2 = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length];
    a2 += p.lon * q.lat - q.lon * p.lat;
  });
  const lats = points.map((p) => p.lat);
  const mid = (Math.min(...lats) + Math.max(...lats)) / 2 / 1e6;
  return Math.round(Math.abs(a2) / 2 * 111_320 * 110_574 * Math.cos(mid * Math.PI / 180) / 1e12);
}

const events = (evs, method) => evs.filter(({ event }) => event.section === 'landTitles' && event.method === method).map(({ event }) => event.data);

test('a mortgaged flat is sold in one approval; freezes block and queue', { timeout: 600_000 }, async () => {
  const registrar = keyring.addFromUri('//Alice'); // Civil Affairs: registers persons
  const registry = keyring.addFromUri('//Charlie'); // Land and Resources: registers titles
  const bankA = keyring.addFromUri('//Eve//stash'); // agency 6: the Bank of Nanjing (genesis)
  const courtA = keyring.addFromUri('//Ferdie//stash'); // agency 7: the Nanjing court (genesis)
  const bankB = keyring.addFromMnemonic(mnemonicGenerate());
  const courtB = keyring.addFromMnemonic(mnemonicGenerate());
  await carryAll(api, keyring, [
    api.tx.consortium.admitAgency('China Construction Bank, Nanjing', 'Bank', 320100, [bankB.address], ['RegisterMortgages']),
    api.tx.consortium.admitAgency('Gulou District Court', 'Court', 320100, [courtB.address], ['FreezeAssets']),
  ]);

  const fresh = () => keyring.addFromMnemonic(mnemonicGenerate());
  const [seller, buyer] = [0, 1].map(() => ({ id: id(), key: fresh(), wallet: newWallet(), t: fresh() }));
  await submitAll(api, registrar, [
    ...[seller, buyer].map((p) => api.tx.identity.registerPerson(p.id, 'Citizen', p.key.address, id(), false)),
    ...[seller, buyer].map((p) => api.tx.identity.setMemberKey(p.id, p.wallet.member)),
  ]);
  // Each binds its titles alias to a fresh account (`t`), which acts for it here.
  await Promise.all([seller, buyer].map(async (p) => { p.alias = await bindAlias(api, p.wallet, 'titles', p.t); }));

  // A flat's plot of about 30 m × 20 m in Nanjing.
  const flat = rect(32_060_300, 118_796_900, 181, 318);
  const cadastral = `320102-${Date.now()}`;
  const parcel = (await api.query.landTitles.nextParcelId()).toNumber();
  const { events: reg } = await submitAndWatch(api.tx.landTitles.registerParcel(cadastral, flat, 'Residential', area(flat), id(), [{ owner: seller.alias, bps: 10_000 }]), registry);
  const certificate1 = events(reg, 'ParcelRegistered')[0].certificate.toHex();

  // The same land, shifted a few metres: refused; the view names the parcel it overlaps.
  const shifted = rect(32_060_350, 118_797_000, 181, 318);
  await assert.rejects(submitAndWatch(api.tx.landTitles.registerParcel(`${cadastral}-b`, shifted, 'Residential', area(shifted), id(), [{ owner: buyer.alias, bps: 10_000 }]), registry), /landTitles\.Overlaps/);
  assert.deepEqual((await viewFunction(api, 'LandTitles', 'overlapping', [shifted])).map((p) => p.toNumber()), [parcel]);
  // Next door, sharing a wall: allowed.
  await submitAndWatch(api.tx.landTitles.registerParcel(`${cadastral}-c`, rect(32_060_300, 118_797_218, 181, 100), 'Residential', area(rect(32_060_300, 118_797_218, 181, 100)), id(), [{ owner: buyer.alias, bps: 10_000 }]), registry);

  // The seller's bank holds a mortgage, with the seller's consent on chain.
  await submitAndWatch(api.tx.landTitles.proposeMortgage(parcel, { amount: 500_000_00, until: Date.now() + 3.15e11, document: id() }), bankA);
  await submitAndWatch(api.tx.landTitles.consentMortgage(parcel, 6), seller.t);
  const { events: m } = await submitAndWatch(api.tx.landTitles.registerMortgage(parcel), bankA);
  const oldLien = events(m, 'MortgageRegistered')[0].lien.toNumber();

  // The sale: the seller offers, the seller's bank pre-signs the release, the buyer's bank
  // its new mortgage; the seller signs and the buyer accepts (consenting to the mortgage) on the
  // terms as they stand then; the registry approves.
  const offer = (await api.query.landTitles.nextOfferId()).toNumber();
  await submitAndWatch(api.tx.landTitles.offerSale(parcel, [{ owner: seller.alias, bps: 10_000 }], [{ owner: buyer.alias, bps: 10_000 }], id(), Date.now() + 3_600_000), seller.t);
  await submitAndWatch(api.tx.landTitles.presignRelease(offer, oldLien), bankA);
  await submitAndWatch(api.tx.landTitles.presignMortgage(offer, { amount: 400_000_00, until: Date.now() + 3.15e11, document: id() }), bankB);
  const terms = (await viewFunction(api, 'LandTitles', 'offer_terms', [offer])).unwrap();
  // An acceptance of other terms (the ones before the banks' pre-signatures, say) is refused.
  await assert.rejects(submitAndWatch(api.tx.landTitles.acceptOffer(offer, id()), buyer.t), /landTitles\.TermsChanged/);
  await submitAndWatch(api.tx.landTitles.signOffer(offer, terms), seller.t);
  await submitAndWatch(api.tx.landTitles.acceptOffer(offer, terms), buyer.t);
  const { events: sale } = await submitAndWatch(api.tx.landTitles.approveSale(offer), registry);
  assert.equal(events(sale, 'MortgageReleased')[0].lien.toNumber(), oldLien, 'released in the approval');
  const newLien = events(sale, 'MortgageRegistered')[0];
  assert.equal(newLien.rank.toNumber(), 0, 'the new mortgage is first: nothing in between');
  const approved = events(sale, 'SaleApproved')[0];
  const certificate2 = approved.certificate.toHex();
  assert.notEqual(certificate2, certificate1);

  // The certificates: the old one superseded by the new, the new one naming the buyer.
  const old = (await viewFunction(api, 'LandTitles', 'certificate', [certificate1])).unwrap();
  assert.equal(old.isSuperseded, true);
  assert.equal(old.asSuperseded.by.unwrap().toHex(), certificate2);
  const current = (await viewFunction(api, 'LandTitles', 'certificate', [certificate2])).unwrap();
  assert.equal(current.isCurrent, true);
  assert.deepEqual(current.asCurrent.owners.map((s) => [s.owner.toHex(), s.bps.toNumber()]), [[buyer.alias, 10_000]]);
  assert.deepEqual(current.asCurrent.liens.map((l) => l.bank.toNumber()), [newLien.bank.toNumber()], 'one lien: the buyer\'s bank');

  // A court freezes the title: the next sale cannot even be offered.
  const [case1, case2] = [id(), id()];
  await submitAndWatch(api.tx.landTitles.freeze(parcel, case1), courtA);
  await assert.rejects(submitAndWatch(api.tx.landTitles.offerSale(parcel, [{ owner: buyer.alias, bps: 10_000 }], [{ owner: seller.alias, bps: 10_000 }], id(), Date.now() + 3_600_000), buyer.t), /landTitles\.Frozen/);
  // A second court's freeze waits in line, and takes effect when the first is lifted.
  const { events: f2 } = await submitAndWatch(api.tx.landTitles.freeze(parcel, case2), courtB);
  assert.equal(events(f2, 'Frozen')[0].queued.isTrue, true);
  const { events: lifted } = await submitAndWatch(api.tx.landTitles.liftFreeze(parcel, case1), courtA);
  const took = events(lifted, 'FreezeTookEffect')[0];
  assert.equal(took.case.toHex(), case2);
  const view = (await viewFunction(api, 'LandTitles', 'title', [parcel])).unwrap();
  assert.deepEqual(view.freezes.map((f) => f.case.toHex()), [case2]);
  const history = await viewFunction(api, 'LandTitles', 'history', [parcel]);
  assert.ok(history.length >= 8, 'every change is in the history');

  // Nothing of the land-titles pallet names a person id or a main account: its whole state,
  // read as any RPC client reads it.
  const handles = [seller, buyer].flatMap((x) => [x.id, u8aToHex(x.key.publicKey)]).map((h) => h.slice(2));
  const keys = await api.rpc.state.getKeysPaged(xxhashAsHex('LandTitles', 128), 1000);
  assert.ok(keys.length > 10, 'the land-titles pallet has state');
  for (const key of keys) {
    const value = (await api.rpc.state.getStorage(key))?.toHex() ?? '';
    for (const h of handles) assert.ok(!key.toHex().includes(h) && !value.includes(h), `${key.toHex()} names a person`);
  }
});
