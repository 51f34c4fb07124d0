// The four-validator local network, end to end: scripts/local-network.sh starts it on free
// loopback ports; finality must advance on every node; Ctrl-C (SIGINT) stops it cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, connect, finalizedNumber, waitFor } from './lib.mjs';

let net;
const apis = [];

after(async () => {
  for (const api of apis) await api.disconnect().catch(() => {});
  if (net && net.exitCode === null) net.kill('SIGKILL');
});

test('four validators finalize blocks on every node, and stop on Ctrl-C', { timeout: 300_000 }, async () => {
  net = spawn('bash', [join(ROOT, 'scripts', 'local-network.sh'), '--no-build'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  net.stdout.on('data', (d) => { out += d; });
  net.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((ok) => net.on('exit', (code, signal) => ok({ code, signal })));

  const nodes = await waitFor('the four nodes to be listed', () => {
    const lines = out.split('\n').filter((l) => l.startsWith('node '));
    return lines.length === 4 && lines.map((l) => Object.fromEntries(l.split(' ').slice(1).map((kv) => kv.split('='))));
  }, 60_000);
  assert.deepEqual(nodes.map((n) => Object.keys(n)[0] && n.peer && n.rpc && true), [true, true, true, true]);

  for (const n of nodes) apis.push(await connect(n.rpc));

  const authorities = await apis[0].query.aura.authorities();
  assert.equal(authorities.length, 4, 'four Aura authorities');
  const grandpa = await apis[0].call.grandpaApi.grandpaAuthorities();
  assert.equal(grandpa.length, 4, 'four GRANDPA authorities');

  const first = await waitFor('block 3 to be finalized on every node', async () => {
    const ns = await Promise.all(apis.map(finalizedNumber));
    return ns.every((n) => n >= 3) && ns;
  }, 180_000, 1_000);
  await waitFor('finality to advance on every node', async () => {
    const ns = await Promise.all(apis.map(finalizedNumber));
    return ns.every((n, i) => n >= first[i] + 2);
  }, 90_000, 1_000);

  for (const api of apis.splice(0)) await api.disconnect();
  net.kill('SIGINT');
  const { code, signal } = await exited;
  assert.ok(code === 0 || code === 130 || signal === 'SIGINT', `local-network.sh exited ${code}/${signal}: ${err}`);
  assert.match(err, /stopping 4 nodes/);
});
