// Validator faults on the four-validator local network. GRANDPA finalizes with more than two
// thirds of the voters: three of four. The scenario, with the time each recovery takes:
//  1. SIGKILL one validator: finality continues on the other three.
//  2. SIGKILL a second: finality stops (the two live nodes agree on what is final), blocks
//     are still authored; restart both on their databases: finality resumes by itself and all
//     four report the same finalized hash at the same height.
//  3. The same with SIGSTOP (two nodes hang, sockets open) then SIGCONT.
//  4. A node restarted from an empty database syncs from its peers and votes again.
import assert from 'node:assert/strict';
import { Network } from './network.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function validatorFaults({ stallMs = 30_000, log = console.log } = {}) {
  const net = new Network();
  const figures = {};
  const since = (t) => Date.now() - t;
  try {
    await net.start();
    let heads = await net.finalizedAtLeast(3, 180_000);
    log(`network up, finalized #${Math.min(...heads.map((h) => h.number))}`);

    // 1. One validator killed.
    await net.kill(3);
    let t = Date.now();
    const at = Math.max(...(await net.finalized()).map((h) => h.number));
    await net.finalizedAtLeast(at + 2, 90_000);
    figures.oneKilledFinalityContinuesMs = since(t);
    log(`1. dave killed: finality advanced 2 blocks in ${figures.oneKilledFinalityContinuesMs} ms`);

    // 2. A second killed: finality stops, and restarts once both are back.
    await net.kill(2);
    const stalled = Math.max(...(await net.finalized()).map((h) => h.number));
    const bestBefore = await net.best(0);
    await sleep(stallMs);
    heads = await net.finalized();
    const stalledAt = Math.max(...heads.map((h) => h.number));
    // A vote in flight may finalize one more block; no more without a third voter.
    assert.ok(stalledAt <= stalled + 1, `finality went on with two of four: #${stalled} → #${stalledAt}`);
    const low = Math.min(...heads.map((h) => h.number));
    const live = await net.hashesAt(low);
    assert.ok(live.every((h) => h === live[0]), `the live nodes disagree at #${low}: ${live}`);
    assert.ok((await net.best(0)) > bestBefore, 'blocks are still authored while finality stalls');
    figures.twoKilledStalledAt = stalledAt;
    log(`2. charlie killed too: finality stalled at #${stalledAt} for ${stallMs} ms; best went on`);
    t = Date.now();
    await net.restart(2);
    await net.restart(3);
    figures.twoKilledRestartMs = since(t);
    await net.finalizedAtLeast(stalledAt + 2, 180_000);
    const agreed = await net.agree(60_000);
    figures.twoKilledRecoveryMs = since(t);
    // What was final during the stall is still final on every node, restarted ones included.
    const again = await net.hashesAt(low);
    assert.ok(again.every((h) => h === live[0]), `#${low} was ${live[0]}, now ${again}`);
    log(`   restarted: finality resumed, all four agree on #${agreed.number} ${agreed.hash.slice(0, 12)}… ` +
      `(${figures.twoKilledRecoveryMs} ms from the restart, whose RPC was up in ${figures.twoKilledRestartMs} ms)`);

    // 3. Two nodes hang, then resume.
    net.pause(2);
    net.pause(3);
    const hung = Math.max(...(await net.finalized([net.nodes[0], net.nodes[1]])).map((h) => h.number));
    await sleep(stallMs);
    const hungAt = Math.max(...(await net.finalized([net.nodes[0], net.nodes[1]])).map((h) => h.number));
    assert.ok(hungAt <= hung + 1, `finality went on with two of four awake: #${hung} → #${hungAt}`);
    t = Date.now();
    net.resume(2);
    net.resume(3);
    await net.finalizedAtLeast(hungAt + 2, 180_000);
    const agreed2 = await net.agree(60_000);
    figures.twoHungRecoveryMs = since(t);
    log(`3. charlie and dave hung: finality stalled at #${hungAt}; after SIGCONT all agree on ` +
      `#${agreed2.number} in ${figures.twoHungRecoveryMs} ms`);

    // 4. A node restarted from an empty database.
    await net.kill(1);
    t = Date.now();
    await net.restart(1, { wipe: true });
    const target = Math.max(...(await net.finalized([net.nodes[0]])).map((h) => h.number));
    await net.finalizedAtLeast(target, 180_000, [net.nodes[1]]);
    figures.emptyDatabaseSyncMs = since(t);
    await net.finalizedAtLeast(target + 2, 120_000);
    const agreed3 = await net.agree(60_000);
    log(`4. bob restarted on an empty database: synced to #${target} in ${figures.emptyDatabaseSyncMs} ms; ` +
      `all agree on #${agreed3.number}`);
    return figures;
  } catch (e) {
    throw new Error(`${e.message ?? e} (node logs in ${net.dir})`, { cause: e });
  } finally {
    await net.stop();
  }
}
