// Helpers of the end-to-end tests: start real civitas-node processes on free loopback ports,
// connect @polkadot/api to them, and wait for chain conditions with deadlines.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The cargo target dir the scripts use: $CARGO_TARGET_DIR, else ~/.cache/civitas/target. */
export function targetDir() {
  return process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache', 'civitas', 'target');
}

/** The node binary: $CIVITAS_NODE_BIN, else the release build in the cargo target dir. */
export function nodeBin() {
  if (process.env.CIVITAS_NODE_BIN) return process.env.CIVITAS_NODE_BIN;
  return join(targetDir(), 'release', 'civitas-node');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** A fresh temporary directory for one test's logs and data. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `civitas-${prefix}-`));
}

/** Starts a process whose output goes to a log file; `stop()` sends SIGINT and waits. */
export function startProcess(cmd, args, logFile) {
  const log = createWriteStream(logFile);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  return {
    child,
    logFile,
    exited,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Resolves with the first match of `pattern` in a process's output, or rejects when the
 * process exits first or `timeoutMs` passes.
 */
export function matchOutput(proc, pattern, what, timeoutMs = 60_000) {
  return new Promise((ok, fail) => {
    let seen = '';
    const done = (f, v) => {
      clearTimeout(timer);
      proc.child.stdout.off('data', onData);
      proc.child.stderr.off('data', onData);
      f(v);
    };
    const onData = (chunk) => {
      seen = (seen + chunk.toString()).slice(-65_536);
      const m = seen.match(pattern);
      if (m) done(ok, m);
    };
    const timer = setTimeout(() => done(fail, new Error(`no ${what} after ${timeoutMs} ms (see ${proc.logFile})`)), timeoutMs);
    proc.child.stdout.on('data', onData);
    proc.child.stderr.on('data', onData);
    proc.exited.then(({ code, signal }) => done(fail, new Error(`the node exited (${code ?? signal}) before its ${what} (see ${proc.logFile})`)));
  });
}

/**
 * Starts `civitas-node` with the given arguments. Its ports are the operating system's
 * choice (port 0), read back from the node's log, so that nodes started at once by parallel
 * test files never race for a port. With `{ prometheus: true }` its Prometheus endpoint is on
 * (`metricsUrl`), else it is off. `timeoutMs` bounds the wait for both endpoints: a node
 * compiles the runtime's wasm twice before it opens them (once for the genesis state, once to run
 * the chain), about 10 s alone on two cores and a minute or more while four other test files
 * start theirs.
 */
export async function startNode(args, name = 'node', { prometheus = false, timeoutMs = 180_000 } = {}) {
  const dir = tempDir(name);
  const proc = startProcess(
    nodeBin(),
    [...args, '--rpc-port', '0', '--port', '0',
      ...(prometheus ? ['--prometheus-port', '0'] : ['--no-prometheus']), '--no-telemetry', '--no-mdns'],
    join(dir, `${name}.log`),
  );
  const metrics = prometheus ? matchOutput(proc, /Prometheus exporter started at [^\s]*:(\d+)/, 'Prometheus endpoint', timeoutMs) : undefined;
  try {
    const [, rpcPort] = await matchOutput(proc, /Running JSON-RPC server: addr=[^\s,]*:(\d+)/, 'JSON-RPC server', timeoutMs);
    const promPort = metrics ? (await metrics)[1] : undefined;
    return { ...proc, rpcPort: Number(rpcPort), url: `ws://127.0.0.1:${rpcPort}`, dir, metricsUrl: promPort ? `http://127.0.0.1:${promPort}/metrics` : undefined };
  } catch (e) {
    await proc.stop();
    throw e;
  }
}

/** Resolves once `check()` returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, check, timeoutMs, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/** Connects @polkadot/api to `url`, retrying while the node starts. No custom types. */
export async function connect(url, timeoutMs = 120_000) {
  return waitFor(
    `a JSON-RPC connection to ${url}`,
    async () => {
      const provider = new WsProvider(url, false);
      try {
        await provider.connect();
        await new Promise((ok, fail) => {
          const t = setTimeout(() => fail(new Error('connect timeout')), 5_000);
          provider.on('connected', () => { clearTimeout(t); ok(); });
          provider.on('error', (e) => { clearTimeout(t); fail(e instanceof Error ? e : new Error('ws error')); });
        });
        return await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
      } catch (e) {
        await provider.disconnect().catch(() => {});
        throw e;
      }
    },
    timeoutMs,
    1_000,
  );
}

/** The number of the latest finalized block, over JSON-RPC. */
export async function finalizedNumber(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return header.number.toNumber();
}

/**
 * Signs and submits `tx` and resolves with the events of the extrinsic once it is in a block;
 * rejects when the pool refuses it or it fails. `options` are signing options (e.g. `nonce`).
 */
export function submitAndWatch(tx, signer, options = {}) {
  return new Promise((ok, fail) => {
    let unsub;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        if (dispatchError) {
          let what = dispatchError.toString();
          if (dispatchError.isModule) {
            const { section, name } = dispatchError.registry.findMetaError(dispatchError.asModule);
            what = `${section}.${name}`;
          }
          fail(new Error(`dispatch error: ${what}`));
        }
        else ok({ blockHash: status.isInBlock ? status.asInBlock : status.asFinalized, events });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        fail(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, fail);
  });
}

/** The V16 metadata of each connection, decoded once: view functions' ids and types. */
const viewMetadata = new WeakMap();

async function metadataV16(api) {
  if (!viewMetadata.has(api)) {
    viewMetadata.set(api, (async () => {
      const opaque = await api.call.metadata.metadataAtVersion(16);
      if (opaque.isNone) throw new Error('the node serves no V16 metadata');
      const registry = new TypeRegistry();
      const metadata = new Metadata(registry, opaque.unwrap().toU8a(true));
      registry.setMetadata(metadata);
      return { registry, metadata };
    })());
  }
  return viewMetadata.get(api);
}

/**
 * Calls view function `pallet.name` (names as in the metadata, e.g. `Settlement`, `totals`)
 * through the standard `RuntimeViewFunction_execute_view_function` runtime API over
 * `state_call`, and decodes its output: no custom RPC, no custom types. The function's id and
 * types come from the chain's metadata (V16).
 */
export async function viewFunction(api, pallet, name, args = []) {
  const { registry, metadata } = await metadataV16(api);
  const p = metadata.asLatest.pallets.find((x) => x.name.toString() === pallet);
  if (!p) throw new Error(`no pallet ${pallet} in the metadata`);
  const f = p.viewFunctions.find((x) => x.name.toString() === name);
  if (!f) throw new Error(`no view function ${pallet}.${name} in the metadata`);
  const type = (id) => registry.createLookupType(id);
  const input = u8aConcat(...f.inputs.map((arg, i) => registry.createType(type(arg.type), args[i]).toU8a()));
  const call = u8aConcat(f.id.toU8a(), registry.createType('Bytes', u8aToHex(input)).toU8a());
  const raw = (await api.rpc.state.call('RuntimeViewFunction_execute_view_function', u8aToHex(call))).toU8a(true);
  // Result<Vec<u8>, ViewFunctionDispatchError>
  if (raw[0] !== 0) throw new Error(`view function ${pallet}.${name} failed: ${u8aToHex(raw)}`);
  const output = registry.createType('Bytes', raw.subarray(1));
  return registry.createType(type(f.output), output.toU8a(true));
}

/** Submits `txs` of one signer together, with consecutive nonces; resolves with their results. */
export async function submitAll(api, signer, txs) {
  const nonce = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  return Promise.all(txs.map((tx, i) => submitAndWatch(tx, signer, { nonce: nonce + i })));
}

/**
 * Carries `calls` by consortium vote on a development chain: Alice's agency proposes each
 * call, and Bob's, Charlie's, Dave's and One's vote aye (five of the eight founding agencies).
 * Proposals go in chunks of `maxProposalsPerAgency`; throws unless every call was executed
 * successfully.
 */
export async function carryAll(api, keyring, calls) {
  const [alice, ...voters] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//One'].map((u) => keyring.addFromUri(u));
  const chunk = api.consts.consortium.maxProposalsPerAgency.toNumber();
  for (let at = 0; at < calls.length; at += chunk) {
    const some = calls.slice(at, at + chunk);
    const first = (await api.query.consortium.nextProposalIndex()).toNumber();
    await submitAll(api, alice, some.map((c) => api.tx.consortium.propose(c)));
    const indexes = some.map((_, i) => first + i);
    let results = [];
    for (const voter of voters) results = await submitAll(api, voter, indexes.map((i) => api.tx.consortium.vote(i, true)));
    for (const { events } of results) {
      const executed = events.find(({ event }) => event.method === 'ProposalExecuted');
      if (!(executed && executed.event.data.result.isOk)) throw new Error(`not executed: ${executed?.event.data.result}`);
    }
  }
}

/** The free balance of `who`, as a bigint. */
export async function freeBalance(api, who) {
  return (await api.query.system.account(who)).data.free.toBigInt();
}

/**
 * A person's wallet for domain aliases, through `civitas-node alias` (`docs/privacy.md`): its
 * secret (32 random bytes), its member key (which the registrar records) and its alias in
 * each domain.
 */
export function newWallet() {
  const secret = `0x${randomBytes(32).toString('hex')}`;
  const out = execFileSync(nodeBin(), ['alias', 'member', '--secret', secret], { encoding: 'utf8' });
  const { member, aliases } = JSON.parse(out);
  return { secret, member, aliases };
}

/**
 * A ring-VRF proof that binds `accountHex` to `wallet`'s alias in `domain`, against the ring
 * root `{ ring, revision, keys }` (its members' keys, hex, in order), as binding `nonce`:
 * `{ alias, proof }`, hex, from `civitas-node alias prove`.
 */
export function proveBinding(wallet, domain, accountHex, root, nonce = 0) {
  const out = execFileSync(nodeBin(), ['alias', 'prove', '--secret', wallet.secret, '--domain', domain,
    '--account', accountHex, '--ring', String(root.ring), '--revision', String(root.revision),
    '--nonce', String(nonce), '--members', root.keys.join(',')], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * Binds `account` (a keyring pair, fresh) to `wallet`'s alias in `domain` (`fund`, ...): waits
 * until the wallet's member key is in its ring's current root (the chain builds roots in its
 * blocks' hooks), makes the ring-VRF proof with `civitas-node alias prove`, and submits the
 * bare `Aliases.bind` transaction (no signature: the proof is its authority). Resolves with
 * the alias once the binding is in a block.
 */
export async function bindAlias(api, wallet, domain, account, nonce = 0) {
  let root;
  await waitFor(`${wallet.member} in a ring's root`, async () => {
    const ring = await viewFunction(api, 'Aliases', 'ring_of', [wallet.member]);
    if (ring.isNone) return false;
    const current = await viewFunction(api, 'Aliases', 'current_root', [ring.unwrap()]);
    if (current.isNone) return false;
    const [revision, members] = current.unwrap();
    const keys = members.map((m) => m.toHex());
    if (!keys.includes(wallet.member)) return false;
    root = { ring: ring.unwrap().toNumber(), revision: revision.toNumber(), keys };
    return true;
  }, 120_000);
  const { alias, proof } = proveBinding(wallet, domain, u8aToHex(account.publicKey), root, nonce);
  const name = domain[0].toUpperCase() + domain.slice(1);
  const tx = api.tx.aliases.bind(name, account.address, root.ring, root.revision, nonce, proof);
  await new Promise((ok, fail) => {
    let unsub;
    tx.send(({ status, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        if (dispatchError) fail(new Error(`bind failed: ${dispatchError.toString()}`));
        else ok();
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        fail(new Error(`bind ${status.type}`));
      }
    }).then((u) => { unsub = u; }, fail);
  });
  return alias;
}
