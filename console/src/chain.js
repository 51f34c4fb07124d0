// The console's link to a node: the typed client, the accounts that can sign (development
// keys on development chains, and any browser wallet that implements the injected-extension
// API of Polkadot.js), transactions with their outcome, and errors in words.
import { connect as connectClient } from '@civitas/client';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { getPolkadotSigner } from 'polkadot-api/signer';

export const SS58 = 7046;

/** The chain: `client`, typed `api`, `spec` (name, properties), and the metadata's docs. */
export const chain = { client: null, api: null, spec: null, errorDocs: new Map() };

export async function connect(url) {
  if (chain.client) chain.client.destroy();
  const { client, api } = connectClient(url);
  chain.client = client;
  chain.api = api;
  chain.spec = await client.getChainSpecData();
  chain.errorDocs = await errorDocs(client);
  return chain;
}

/** Whether this is a development chain, where the well-known development keys may sign. */
export const isDevChain = () => /development|local/i.test(chain.spec?.name ?? '');

/** Every module error's documentation, by `Pallet.Error`, from the chain's own metadata. */
async function errorDocs(client) {
  const docs = new Map();
  try {
    const raw = await client._request('state_getMetadata', []);
    const md = unifyMetadata(decAnyMetadata(raw));
    for (const pallet of md.pallets) {
      if (pallet.errors === undefined) continue;
      const type = md.lookup[pallet.errors.type ?? pallet.errors];
      if (type?.def?.tag !== 'variant') continue;
      for (const v of type.def.value) docs.set(`${pallet.name}.${v.name}`, v.docs.join(' ').trim());
    }
  } catch (e) {
    console.warn('no error docs from the metadata', e);
  }
  return docs;
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'One', 'Two', 'Eve//stash', 'Ferdie//stash'];
let devDerive;

/** The development accounts: `{ name, address, signer }`. */
export function devAccounts() {
  devDerive ??= sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  return DEV_NAMES.map((name) => {
    const pair = devDerive(`//${name}`);
    return { name: `${name} (development key)`, address: ss58Address(pair.publicKey, SS58), signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign) };
  });
}

/**
 * An account from a raw 32-byte sr25519 secret (hex), as a wallet keeps an alias account's key:
 * on a development chain only, for trying alias accounts without a wallet extension.
 */
export function secretAccount(secret) {
  const bytes = Uint8Array.from(secret.replace(/^0x/, '').match(/../g).map((b) => parseInt(b, 16)));
  const pair = sr25519CreateDerive(bytes)('');
  const address = ss58Address(pair.publicKey, SS58);
  return { name: `Alias key (${address.slice(0, 8)}…)`, address, signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign) };
}

/** The accounts of the browser's wallet extensions (Polkadot.js, Talisman, SubWallet…). */
export async function walletAccounts() {
  const out = [];
  for (const name of getInjectedExtensions()) {
    try {
      const ext = await connectInjectedExtension(name, 'Civitas console');
      for (const a of ext.getAccounts()) out.push({ name: `${a.name ?? a.address} (${name})`, address: ss58Address(a.polkadotSigner.publicKey, SS58), signer: a.polkadotSigner });
    } catch (e) {
      console.warn(`wallet ${name} refused`, e);
    }
  }
  return out;
}

/** Transaction-pool refusals of the consortium's admission extension, in words. */
const POOL_REFUSALS = {
  1: 'Your key is not admitted on this chain: it is neither an agency\'s staff nor enrolled by an agency.',
  2: 'Your quota for this window of blocks is used up; try again in a few minutes.',
  3: 'Your key may not submit this call.',
  4: 'The transaction is too long for an enrolled account.',
};

/** A failure in words: the error's documentation from the metadata, with its name. */
export function explain(error) {
  if (!error) return '';
  if (typeof error === 'string') return error;
  const dispatch = error.dispatchError;
  if (dispatch?.type === 'Module') {
    const name = `${dispatch.value.type}.${dispatch.value.value?.type}`;
    const doc = chain.errorDocs.get(name);
    return doc ? `${doc} (${name})` : name;
  }
  if (dispatch) return `${dispatch.type}${dispatch.value?.type ? `: ${dispatch.value.type}` : ''}`;
  const text = String(error.message ?? error);
  const custom = text.match(/Custom[^0-9]*(\d+)/);
  if (custom && POOL_REFUSALS[custom[1]]) return `${POOL_REFUSALS[custom[1]]} (refused by the pool: ${text})`;
  return text;
}

/**
 * Signs and submits `tx`; resolves with `{ events, block }` once a best block includes it
 * successfully; rejects with an Error whose message is in words otherwise.
 */
export function submit(tx, account) {
  return new Promise((resolve, reject) => {
    const sub = tx.signSubmitAndWatch(account.signer).subscribe({
      next(ev) {
        if (ev.type === 'txBestBlocksState' && ev.found) {
          sub.unsubscribe();
          if (ev.ok) resolve(ev);
          else reject(Object.assign(new Error(explain(ev)), { dispatchError: ev.dispatchError }));
        }
      },
      error(e) { reject(new Error(explain(e))); },
    });
  });
}

/** The events `Pallet.Name` of a transaction result, as their values. */
export const eventsOf = (result, pallet, name) => result.events.filter((e) => e.type === pallet && e.value.type === name).map((e) => e.value.value);
