// Runs a fault scenario and prints its figures:
//   node faults/run.mjs validators [--long]
//   node faults/run.mjs crash [--long]          (--long: 20 kills instead of 3)
//   node faults/run.mjs bad-input [--long]
//   node faults/run.mjs upgrade                 (needs the drill runtime: scripts/faults.sh builds it)
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { validatorFaults } from './validators.mjs';
import { crashDurability } from './crash.mjs';
import { badInput } from './bad-input.mjs';
import { runtimeUpgrade } from './upgrade.mjs';

const [scenario, flag] = process.argv.slice(2);
const long = flag === '--long';
await cryptoWaitReady();
const scenarios = {
  validators: () => validatorFaults({ stallMs: long ? 60_000 : 30_000 }),
  crash: () => crashDurability({ kills: long ? 20 : 3 }),
  'bad-input': () => badInput({ flood: long ? 5_000 : 1_000 }),
  upgrade: () => runtimeUpgrade(),
};
if (!scenarios[scenario]) {
  console.error(`usage: node faults/run.mjs ${Object.keys(scenarios).join('|')} [--long]`);
  process.exit(2);
}
const started = Date.now();
const figures = await scenarios[scenario]();
console.log(JSON.stringify({ scenario, long, seconds: Math.round((Date.now() - started) / 1000), ...figures }, null, 2));
process.exit(0);
