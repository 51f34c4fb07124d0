// The throughput tool's smoke run: a few seconds of the `all` mix (transfers and consented
// identity questions, one after the other) on the benchmark chain (512 staff senders, persons
// and consents from genesis), asserting only that its transactions were included, succeeded
// and were reported, never a rate (the machine is shared). The measurement itself is
// scripts/bench-tps.sh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lib.mjs';

test('bench-tps runs on the benchmark chain and reports included transactions', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'tests', 'bench', 'tps.mjs'), '--mix', 'all', '--seconds', '5', '--rate', '1000'], { encoding: 'utf8', cwd: join(ROOT, 'tests'), timeout: 280_000 });
  assert.equal(run.status, 0, run.stderr);
  const summary = JSON.parse(run.stdout.split('\n').find((l) => l.startsWith('{"mix"')));
  assert.equal(summary.mix, 'all');
  assert.equal(summary.chain, 'benchmark');
  assert.equal(summary.senders, 512);
  assert.ok(summary.included > 0, `included: ${JSON.stringify(summary)}`);
  assert.equal(summary.included, summary.accepted, 'everything the pool accepted was included');
  assert.equal(summary.failed, 0, 'every call succeeded: the genesis set-up serves the domain calls');
  assert.ok(summary.node_peak_rss_mib > 0);
  // The pool validated each transaction once (plus a block's inherent now and then), not again
  // after every block (vendor/README.md, sc-transaction-pool).
  assert.ok(summary.pool_submitted >= summary.accepted, `pool counters: ${JSON.stringify(summary)}`);
  assert.ok(summary.pool_validations <= summary.pool_submitted + 10, `validated more than once: ${JSON.stringify(summary)}`);
  assert.match(run.stdout, /^\| all \| \d+ /m, 'the table has the mix');
  console.log(`smoke: ${JSON.stringify(summary)}`);
});
