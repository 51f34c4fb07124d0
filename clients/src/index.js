// The typed client of Civitas: polkadot-api with descriptors generated from the runtime's own
// metadata (`.papi/metadata/civitas.scale`; `npm run -w clients generate` writes them after
// `npm ci`, and `scripts/update-client.sh` refreshes the metadata from a new runtime).
//
//   import { connect, devSigner } from '@civitas/client';
//   const { client, api } = connect('ws://127.0.0.1:9944');
//   const alice = devSigner('//Alice');
//   await api.tx.Identity.verify({ ... }).signAndSubmit(alice);
//   const view = await api.view.Identity.person(personId);
//
// Nothing else is configured: no custom types, no RPC methods beyond the standard ones.
import { createClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { civitas } from '@polkadot-api/descriptors';

export { civitas };

/**
 * Connects to a node's JSON-RPC endpoint.
 * @param {string} url e.g. `ws://127.0.0.1:9944`
 * @param {{ WebSocket?: any }} [options] the WebSocket class where there is no global one
 *   (Node.js before 22: pass the `ws` package's)
 * @returns {{ client: import('polkadot-api').PolkadotClient, api: import('polkadot-api').TypedApi<typeof civitas> }}
 */
export function connect(url, options = {}) {
  const websocketClass = options.WebSocket ?? globalThis.WebSocket;
  const client = createClient(getWsProvider(url, websocketClass ? { websocketClass } : {}));
  return { client, api: client.getTypedApi(civitas) };
}

/**
 * A polkadot-api signer for any sr25519 key pair that has `publicKey` and `sign(message)`:
 * a `@polkadot/keyring` pair, or a browser wallet's account behind the same interface.
 * @param {{ publicKey: Uint8Array, sign: (message: Uint8Array) => Uint8Array }} pair
 */
export function signerOf(pair) {
  return getPolkadotSigner(pair.publicKey, 'Sr25519', (message) => pair.sign(message));
}

/**
 * The module name and error name of a failed transaction's dispatch error, as `Pallet.Error`
 * (e.g. `Identity.NoConsent`), or a short description of any other failure.
 * @param {any} dispatchError the `dispatchError` of a polkadot-api transaction result
 */
export function errorName(dispatchError) {
  if (!dispatchError) return undefined;
  if (dispatchError.type === 'Module') {
    const { type: pallet, value } = dispatchError.value;
    return `${pallet}.${value?.type ?? 'Unknown'}`;
  }
  return dispatchError.value?.type ? `${dispatchError.type}.${dispatchError.value.type}` : dispatchError.type;
}
