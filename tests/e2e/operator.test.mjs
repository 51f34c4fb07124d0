// The operator's kit, end to end: three agencies generate their keys with `civitas-node key`,
// describe their consortium, and `scripts/production-chain-spec.sh` turns it into a chain spec
// with no development key and no endowment; the validator inserts its session keys and
// starts on the raw spec, and the chain authors and finalizes blocks with exactly the
// described agencies, validator and peer. A description with a development key is refused.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, connect, nodeBin, startNode, tempDir, waitFor } from './lib.mjs';

const SCRIPT = join(ROOT, 'scripts', 'production-chain-spec.sh');
let node;
let api;

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const key = (scheme) => JSON.parse(execFileSync(nodeBin(), ['key', 'generate', '--scheme', scheme, '--output-type', 'json'], { encoding: 'utf8' }));

function makeSpec(desc, dir) {
  const file = join(dir, 'consortium.json');
  writeFileSync(file, JSON.stringify(desc, null, 2));
  return spawnSync(SCRIPT, [file, join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, CIVITAS_NODE_BIN: nodeBin() } });
}

test('a production consortium from its description', { timeout: 240_000 }, async () => {
  const dir = tempDir('operator');
  // Each agency generates its admin key; the civil-affairs bureau also its validator's Aura
  // (sr25519) and GRANDPA (ed25519) keys and its node's network key.
  const admins = [key('sr25519'), key('sr25519'), key('sr25519')];
  const aura = key('sr25519');
  const grandpa = key('ed25519');
  const nodeKey = join(dir, 'node.key');
  const peer = spawnSync(nodeBin(), ['key', 'generate-node-key', '--file', nodeKey], { encoding: 'utf8' }).stderr.trim().split('\n').pop();
  assert.match(peer, /^12D3KooW/);
  const desc = {
    name: 'Civitas Test City', id: 'civitas_test_city', protocolId: 'civitas-test',
    agencies: [
      { name: 'Civil Affairs Bureau', kind: 'CivilAffairs', city: 330100, admins: [admins[0].ss58Address], capabilities: ['RegisterPersons', 'AttestRelations'],
        validator: { account: admins[0].ss58Address, aura: aura.ss58Address, grandpa: grandpa.ss58Address }, peers: [peer] },
      { name: 'Municipal Treasury', kind: 'Treasury', city: 330100, admins: [admins[1].ss58Address], capabilities: ['MintSettlement'], mintCeiling: { perMint: 100_000_00, perDay: 1_000_000_00 } },
      { name: 'Hangzhou Housing Provident Fund Centre', kind: 'HousingProvidentFund', city: 330100, admins: [admins[2].ss58Address], capabilities: ['ManageProvidentFund'],
        fundCentre: { minRate: 500, maxRate: 1200, baseCeiling: 3_000_000 } },
    ],
  };

  // A development key anywhere is refused, naming the field; so is a validator owned by a non-admin.
  const alice = { ...desc, agencies: [{ ...desc.agencies[0], admins: ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'] }, ...desc.agencies.slice(1)] };
  const refused = makeSpec(alice, tempDir('operator-bad'));
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /agencies\[0\]\.admins\[0\].*well-known development key/);
  const stray = { ...desc, agencies: [{ ...desc.agencies[0], validator: { ...desc.agencies[0].validator, account: admins[1].ss58Address } }, ...desc.agencies.slice(1)] };
  assert.match(makeSpec(stray, tempDir('operator-bad')).stderr, /agencies\[0\]\.validator\.account must be one of agencies\[0\]\.admins/);

  const made = makeSpec(desc, dir);
  assert.equal(made.status, 0, made.stderr);
  const plain = JSON.parse(readFileSync(join(dir, 'out', 'civitas_test_city.json'), 'utf8'));
  assert.equal(plain.chainType, 'Live');
  assert.deepEqual(plain.genesis.runtimeGenesis.patch.balances.balances, [], 'no endowment');
  const local = JSON.parse(execFileSync(nodeBin(), ['export-chain-spec', '--chain', 'local'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  const text = JSON.stringify(plain.genesis.runtimeGenesis.patch);
  for (const [who] of local.genesis.runtimeGenesis.patch.balances.balances) assert.ok(!text.includes(who), `no development account (${who})`);

  // The validator puts its session keys into its keystore and starts on the raw spec.
  const raw = join(dir, 'out', 'civitas_test_city-raw.json');
  const base = join(dir, 'validator');
  for (const [type, scheme, k] of [['aura', 'sr25519', aura], ['gran', 'ed25519', grandpa]]) {
    execFileSync(nodeBin(), ['key', 'insert', '--chain', raw, '--base-path', base, '--key-type', type, '--scheme', scheme, '--suri', k.secretPhrase]);
  }
  node = await startNode(['--chain', raw, '--validator', '--base-path', base, '--node-key-file', nodeKey], 'operator');
  api = await connect(node.url);
  assert.equal((await api.rpc.system.chain()).toString(), 'Civitas Test City');
  assert.equal((await api.rpc.system.localPeerId()).toString(), peer);
  await waitFor('two finalized blocks', async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= 2, 120_000, 1_000);

  assert.equal((await api.query.consortium.agencies.entries()).length, 3);
  assert.deepEqual((await api.query.session.validators()).map((v) => v.toHex()), [admins[0].publicKey]);
  assert.equal((await api.query.balances.totalIssuance()).toBigInt(), 0n, 'nothing minted at genesis');
  assert.equal((await api.query.system.account(admins[0].ss58Address)).data.free.toBigInt(), 0n);
  const nodes = await api.query.nodeAuthorization.wellKnownNodes();
  assert.equal(nodes.size, 1, 'the described peer is the one admitted');
  // Fines go to the treasury the description names (agency 1 here), not to an agency by index.
  assert.equal((await api.query.invoices.fineTreasury()).unwrap().toNumber(), 1);
  const ceiling = (await api.query.settlement.ceilings(1)).unwrap();
  assert.equal(ceiling.perMint.toBigInt(), 100_000_00n);
  assert.ok((await api.query.providentFund.centres(2)).isSome);
});
