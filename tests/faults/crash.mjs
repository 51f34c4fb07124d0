// Crash durability: under continuous load, the dev node is SIGKILLed again and again and
// restarted on the same base path. Each time it must start (the database is never corrupt),
// every transfer finalized before the kill must still be in state (the recipient's balance
// and each sender's nonce cover them), and block production must resume past the old best
// block.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { connect, finalizedNumber, freeBalance, startNode, tempDir, waitFor } from '../e2e/lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function crashDurability({ kills = 3, log = console.log } = {}) {
  const base = join(tempDir('crash'), 'data');
  const keyring = new Keyring({ type: 'sr25519' });
  // Staff of the eight founding agencies take turns, so that no one's quota (1,000
  // transactions per 100-block window) limits a long run.
  const senders = ['//Alice', '//Bob', '//Charlie', '//Dave', '//One', '//Two', '//Eve//stash', '//Ferdie//stash']
    .map((uri) => keyring.addFromUri(uri));
  const dest = keyring.addFromUri('//CrashRecipient').address;
  let finalizedSum = 0n;
  let finalizedCount = 0;
  const maxFinalizedNonce = new Map(senders.map((s) => [s.address, -1]));
  let lastBest = 0;
  let lastFinalized = 0;
  let amount = 1_000n;
  const restarts = [];
  const logs = [];
  for (let round = 0; round <= kills; round++) {
    const t0 = Date.now();
    const node = await startNode(['--dev', '--base-path', base], `crash-${round}`);
    logs.push(node.logFile);
    const api = await connect(node.url, 60_000);
    const connectedMs = Date.now() - t0;

    // Everything finalized before the kill is still there.
    const balance = await freeBalance(api, dest);
    assert.ok(balance >= finalizedSum, `round ${round}: balance ${balance} < finalized ${finalizedSum}`);
    for (const s of senders) {
      const nonce = (await api.query.system.account(s.address)).nonce.toNumber();
      const final = maxFinalizedNonce.get(s.address);
      assert.ok(nonce > final, `round ${round}: ${s.address}'s nonce ${nonce} ≤ its finalized nonce ${final}`);
    }
    assert.ok((await finalizedNumber(api)) >= lastFinalized, `round ${round}: finalized head went back`);
    // Block production resumes past the best block seen before the kill.
    await waitFor(`a block above #${lastBest}`, async () =>
      (await api.rpc.chain.getHeader()).number.toNumber() > lastBest, 60_000, 250);
    const producingMs = Date.now() - t0;
    if (round > 0) restarts.push({ connectedMs, producingMs });
    if (round === kills) {
      await api.disconnect();
      await node.stop();
      break;
    }

    // Continuous load: a transfer every 250 ms, each with its own amount, until the kill.
    let stop = false;
    const next = new Map();
    for (const s of senders) next.set(s.address, (await api.rpc.system.accountNextIndex(s.address)).toNumber());
    const loader = (async () => {
      for (let i = 0; !stop; i++) {
        const sender = senders[i % senders.length];
        const a = amount++;
        const n = next.get(sender.address);
        next.set(sender.address, n + 1);
        api.tx.balances.transferKeepAlive(dest, a).signAndSend(sender, { nonce: n }, ({ status, dispatchError }) => {
          // Counted once final and successful (a failed transfer is final too).
          if (status.isFinalized && !dispatchError && !stop) {
            finalizedSum += a;
            finalizedCount += 1;
            maxFinalizedNonce.set(sender.address, Math.max(maxFinalizedNonce.get(sender.address), n));
          }
        }).catch(() => {});
        await sleep(250);
      }
    })();
    // Kill at a random moment once at least one transfer of this round is final.
    const before = finalizedCount;
    await waitFor('a transfer finalized', () => finalizedCount > before, 60_000, 100);
    await sleep(Math.floor(Math.random() * 6_000));
    lastBest = (await api.rpc.chain.getHeader()).number.toNumber();
    lastFinalized = await finalizedNumber(api);
    stop = true;
    node.child.kill('SIGKILL');
    await node.exited;
    await loader;
    await api.disconnect().catch(() => {});
    log(`kill ${round + 1}/${kills}: best #${lastBest}, finalized #${lastFinalized}, ` +
      `${finalizedCount} transfers final so far`);
  }
  const avg = (k) => Math.round(restarts.reduce((s, r) => s + r[k], 0) / restarts.length);
  return {
    kills,
    transfersFinalized: finalizedCount,
    restartToRpcMsAvg: avg('connectedMs'),
    restartToNewBlockMsAvg: avg('producingMs'),
    restartToNewBlockMsMax: Math.max(...restarts.map((r) => r.producingMs)),
  };
}
