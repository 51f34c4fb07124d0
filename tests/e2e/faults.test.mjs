// The short versions of the fault scenarios (tests/faults/, `scripts/faults.sh` runs the long
// ones): validator faults on the four-validator network, crash durability of the dev node
// under load, bad input over JSON-RPC, and the runtime-upgrade drill.
import { test } from 'node:test';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { validatorFaults } from '../faults/validators.mjs';
import { crashDurability } from '../faults/crash.mjs';
import { badInput } from '../faults/bad-input.mjs';
import { runtimeUpgrade } from '../faults/upgrade.mjs';

const log = (t) => (line) => t.diagnostic(line);

test('bad input over RPC is refused in the pool, cheaply, and unsafe methods externally', { timeout: 300_000 }, async (t) => {
  await cryptoWaitReady();
  const figures = await badInput({ flood: 1_000, log: log(t) });
  t.diagnostic(JSON.stringify(figures));
});

test('the dev node survives SIGKILL under load three times, losing nothing finalized', { timeout: 400_000 }, async (t) => {
  await cryptoWaitReady();
  const figures = await crashDurability({ kills: 3, log: log(t) });
  t.diagnostic(JSON.stringify(figures));
});

test('finality survives one validator down, stops with two, and resumes on its own', { timeout: 600_000 }, async (t) => {
  const figures = await validatorFaults({ stallMs: 20_000, log: log(t) });
  t.diagnostic(JSON.stringify(figures));
});

test('a runtime upgrade carried by consortium vote runs on all four validators, its migration once', { timeout: 600_000 }, async (t) => {
  await cryptoWaitReady();
  const figures = await runtimeUpgrade({ log: log(t) });
  t.diagnostic(JSON.stringify(figures));
});
