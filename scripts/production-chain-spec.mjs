// Turns a consortium's description into a production chain spec (plain JSON on stdout):
// its agencies, their admins, validators (account, Aura and GRANDPA keys) and network peers,
// the treasury's mint ceiling and the fund centres' rules, with no development key and no
// endowment. Run by scripts/production-chain-spec.sh, which passes the `local` spec of the
// node as the template (for the runtime code and the chain properties) and makes the raw spec.
//
//   node production-chain-spec.mjs <consortium.json> <template-plain-spec.json>
//
// The description's format is documented in docs/operators.md (A production consortium) and
// shown by chain-specs/consortium.example.json. Every error names the field.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [descFile, templateFile] = process.argv.slice(2);
if (!descFile || !templateFile) fail('usage: production-chain-spec.mjs <consortium.json> <template-plain-spec.json>');

function fail(message) {
  console.error(`production-chain-spec: ${message}`);
  process.exit(1);
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(s, what) {
  let n = 0n;
  for (const c of s) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) fail(`${what}: "${s}" is not base58`);
    n = n * 58n + BigInt(i);
  }
  const bytes = [];
  while (n > 0n) { bytes.unshift(Number(n % 256n)); n /= 256n; }
  for (const c of s) { if (c !== '1') break; bytes.unshift(0); }
  return Uint8Array.from(bytes);
}

/** The 32-byte public key of an SS58 address (any network prefix), checksum verified. */
function publicKey(address, what) {
  if (typeof address !== 'string') fail(`${what}: expected an SS58 address`);
  const raw = base58(address, what);
  const prefixLen = raw[0] < 64 ? 1 : 2;
  if (raw.length !== prefixLen + 32 + 2) fail(`${what}: "${address}" is not a 32-byte SS58 address`);
  const body = raw.subarray(0, prefixLen + 32);
  const sum = createHash('blake2b512').update(Buffer.from('SS58PRE')).update(body).digest();
  if (sum[0] !== raw[prefixLen + 32] || sum[1] !== raw[prefixLen + 33]) fail(`${what}: "${address}" has a bad checksum`);
  return Buffer.from(body.subarray(prefixLen)).toString('hex');
}

/** The SS58 address, generic prefix 42, of a public key: how chain specs write accounts. */
function ss58(hex) {
  const body = Buffer.concat([Buffer.from([42]), Buffer.from(hex, 'hex')]);
  const sum = createHash('blake2b512').update(Buffer.from('SS58PRE')).update(body).digest();
  let n = BigInt(`0x${Buffer.concat([body, sum.subarray(0, 2)]).toString('hex')}`);
  let out = '';
  while (n > 0n) { out = ALPHABET[Number(n % 58n)] + out; n /= 58n; }
  return out;
}

/** The bytes of a libp2p peer id (`12D3KooW…`, an ed25519 identity multihash). */
function peerBytes(peerId, what) {
  const bytes = base58(peerId, what);
  if (bytes.length !== 38 || bytes[0] !== 0 || bytes[1] !== 36) fail(`${what}: "${peerId}" is not an ed25519 peer id (12D3KooW…)`);
  return [...bytes];
}

const readJson = (file, what) => {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch (e) { return fail(`${what} ${file}: ${e.message}`); }
};
const desc = readJson(descFile, 'consortium description');
const template = readJson(templateFile, 'template spec');

// Every key of the development template is public: none may appear in a production spec.
const devKeys = new Set();
JSON.stringify(template.genesis.runtimeGenesis.patch, (k, v) => {
  if (typeof v === 'string' && /^[1-9A-HJ-NP-Za-km-z]{47,48}$/.test(v)) devKeys.add(publicKey(v, 'template'));
  return v;
});
const account = (address, what) => {
  const key = publicKey(address, what);
  if (devKeys.has(key)) fail(`${what}: "${address}" is a well-known development key`);
  return key;
};

for (const field of ['name', 'id', 'protocolId']) if (typeof desc[field] !== 'string' || !desc[field]) fail(`"${field}" is required (a non-empty string)`);
if (!/^[a-z0-9_]+$/.test(desc.id)) fail('"id": lower-case letters, digits and _ only');
if (!Array.isArray(desc.agencies) || desc.agencies.length === 0) fail('"agencies" is required (a non-empty list)');

const agencies = [];
const validators = [];
const sessionKeys = [];
const nodes = [];
const ceilings = [];
const centres = [];
const seen = new Set();
const once = (key, what) => { if (seen.has(key)) fail(`${what}: the same key is used twice`); seen.add(key); };

desc.agencies.forEach((a, i) => {
  const at = `agencies[${i}]`;
  if (typeof a.name !== 'string' || !a.name) fail(`${at}.name is required`);
  if (typeof a.kind !== 'string') fail(`${at}.kind is required (e.g. "CivilAffairs", "Treasury")`);
  if (!Number.isInteger(a.city) || a.city <= 0) fail(`${at}.city is required (the city code, e.g. 320100)`);
  if (!Array.isArray(a.admins) || a.admins.length === 0) fail(`${at}.admins: at least one admin`);
  const admins = a.admins.map((x, j) => { const k = account(x, `${at}.admins[${j}]`); once(k, `${at}.admins[${j}]`); return ss58(k); });
  agencies.push({ name: a.name, kind: a.kind, city: a.city, admins, capabilities: a.capabilities ?? [] });
  if (a.validator) {
    const v = a.validator;
    const acc = account(v.account, `${at}.validator.account`);
    // The consortium admits as validators only its agencies' staff: at genesis, their admins.
    // The account only owns the validator (it signs `session.setKeys`); the node keeps only
    // the Aura and GRANDPA keys.
    if (!admins.includes(ss58(acc))) fail(`${at}.validator.account must be one of ${at}.admins (the admin who owns the validator)`);
    const aura = account(v.aura, `${at}.validator.aura`);
    const grandpa = account(v.grandpa, `${at}.validator.grandpa`);
    once(aura, `${at}.validator.aura`);
    once(grandpa, `${at}.validator.grandpa`);
    validators.push(ss58(acc));
    sessionKeys.push([ss58(acc), ss58(acc), { aura: ss58(aura), grandpa: ss58(grandpa) }]);
  }
  for (const [j, p] of (a.peers ?? []).entries()) nodes.push([peerBytes(p, `${at}.peers[${j}]`), a.validator ? ss58(publicKey(a.validator.account, at)) : admins[0]]);
  if (a.mintCeiling) {
    const { perMint, perDay } = a.mintCeiling;
    if (!(Number.isInteger(perMint) && Number.isInteger(perDay) && perMint > 0 && perDay >= perMint)) fail(`${at}.mintCeiling: positive integers (cents), perDay ≥ perMint`);
    ceilings.push([i, { per_mint: perMint, per_day: perDay }]);
  }
  if (a.fundCentre) {
    const { minRate, maxRate, baseCeiling } = a.fundCentre;
    if (!(Number.isInteger(minRate) && Number.isInteger(maxRate) && Number.isInteger(baseCeiling) && minRate <= maxRate && maxRate <= 10_000)) fail(`${at}.fundCentre: minRate ≤ maxRate ≤ 10000 (basis points), baseCeiling in cents`);
    centres.push([i, a.city, { minRate, maxRate, baseCeiling }]);
  }
});

// Fines are paid into the fine treasury: the agency holding MintSettlement (the one marked
// "fineTreasury": true when several do), never an agency by its place in the list.
const treasuries = desc.agencies.map((a, i) => [a, i]).filter(([a]) => (a.capabilities ?? []).includes('MintSettlement'));
const marked = desc.agencies.map((a, i) => [a, i]).filter(([a]) => a.fineTreasury === true);
for (const [a, i] of marked) if (!(a.capabilities ?? []).includes('MintSettlement')) fail(`agencies[${i}].fineTreasury: the fine treasury must hold MintSettlement`);
if (marked.length > 1) fail('"fineTreasury": mark one agency only');
if (marked.length === 0 && treasuries.length > 1) fail('several agencies hold MintSettlement: mark the one fines are paid into with "fineTreasury": true');
const fineTreasury = marked.length === 1 ? marked[0][1] : treasuries.length === 1 ? treasuries[0][1] : null;
if (fineTreasury === null) console.error('production-chain-spec: warning: no agency holds MintSettlement; fines cannot be paid until a vote names a fine treasury');

if (validators.length === 0) fail('no agency has a validator: the chain could not produce a block');
const majority = Math.floor(agencies.length / 2) + 1;
if (validators.length < 4) console.error(`production-chain-spec: warning: ${validators.length} validator(s); with fewer than 4, one validator down stops finality`);
console.error(`production-chain-spec: ${agencies.length} agencies (a proposal needs ${majority} votes), ${validators.length} validators, ${nodes.length} admitted peers`);

const spec = {
  ...template,
  name: desc.name,
  id: desc.id,
  chainType: 'Live',
  bootNodes: desc.bootNodes ?? [],
  telemetryEndpoints: null,
  protocolId: desc.protocolId,
  codeSubstitutes: {},
  genesis: {
    runtimeGenesis: {
      code: template.genesis.runtimeGenesis.code,
      patch: {
        balances: { balances: [] },
        consortium: { agencies, validators },
        session: { keys: sessionKeys },
        nodeAuthorization: { nodes },
        settlement: { ceilings },
        invoices: { fineTreasury },
        providentFund: { centres },
      },
    },
  },
};
process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
