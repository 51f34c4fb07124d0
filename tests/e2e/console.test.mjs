// The web console in a real browser (headless Chromium from the system packages, driven by
// playwright-core) against a dev node: the civil-affairs officer registers a citizen, whose
// identity alias account consents to the public-security bureau; its officer asks of the alias
// under that consent and sees the answer, and the citizen sees the access appear in her
// alias's log; an admin sees an open
// proposal with its call decoded, and four admins' votes in the console carry it; an officer
// issues a fine for a claim key, and the fined person's fines alias account claims it with the
// notice's secret and pays it. Screenshots of every
// step are kept under target/artifacts/console/ (CIVITAS_ARTIFACTS overrides target/artifacts).
// On the same node, the Prometheus endpoint's domain figures count what the story did, and
// every metric the operators' Grafana dashboard reads exists.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate, randomAsU8a } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { ROOT, bindAlias, carryAll, connect, newWallet, startNode, submitAll, submitAndWatch, waitFor } from './lib.mjs';

const DIST = join(ROOT, 'console', 'dist');
const SHOTS = join(process.env.CIVITAS_ARTIFACTS ?? join(ROOT, 'target', 'artifacts'), 'console');
const BROWSER = process.env.CIVITAS_CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

let node;
let server;
let browser;
let site;
const shots = [];

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `no console build in ${DIST}: npm run -w console build`);
  assert.ok(existsSync(BROWSER), `no Chromium at ${BROWSER}: apt-get install chromium (scripts/setup.sh does)`);
  await cryptoWaitReady();
  mkdirSync(SHOTS, { recursive: true });
  node = await startNode(['--dev'], 'console', { prometheus: true });
  // The built console, as any static file server would serve it.
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  site = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: BROWSER,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (node) await node.stop();
  if (shots.length) console.log(`screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
});

/** Opens the console as `as` (a development key's name) on `tab`, with `more` query parameters; resolves once it has rendered, with the time it took. */
async function open(page, as, tab, more = {}) {
  const t0 = Date.now();
  await page.goto(`${site}?${new URLSearchParams({ rpc: node.url, tab, as: `${as} (`, ...more })}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
  return Date.now() - t0;
}

async function shot(page, name) {
  const file = join(SHOTS, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  shots.push(file);
}

/** Fills the fields of the form named `form` and submits it; resolves with the result's text once it is not "Submitting…". */
async function run(page, form, values) {
  const f = page.locator(`form[data-form="${form}"]`);
  for (const [name, value] of Object.entries(values)) {
    const input = f.locator(`[name="${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(String(value));
    else await input.fill(String(value));
  }
  await f.locator('button[type=submit]').click();
  const result = page.locator(`[data-result="${form}"]`);
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el && !el.hidden && el.textContent !== 'Submitting…';
  }, `[data-result="${form}"]`, { timeout: 90_000 });
  return { text: await result.textContent(), error: (await result.getAttribute('class')).includes('error') };
}

test('a citizen consents, an officer asks, the citizen sees the access', { timeout: 420_000 }, async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 7046 });
  const eve = keyring.addFromUri('//Eve');
  const started = Date.now();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (msg) => { if (msg.text().startsWith('console ready')) console.log(`  ${msg.text()}`); });

  // First render against the dev node (a fresh page: bundle, connection, metadata).
  const firstRender = await open(page, 'Alice', 'consortium');
  console.log(`time to first render: ${firstRender} ms`);
  assert.match(await page.locator('section[aria-label="Health"]').textContent(), /Civitas Development/);
  assert.match(await page.locator('section[aria-label="Agencies"]').textContent(), /Public Security Bureau/);
  await shot(page, 'consortium-health-and-agencies');

  // The civil-affairs officer (Alice) registers Eve's person, controlled by Eve's key.
  await open(page, 'Alice', 'officer');
  const registered = await run(page, 'register-person', { kind: 'Citizen', controller: eve.address, record: 'Eve Example, born 1990-04-01, Gulou' });
  assert.equal(registered.error, false, registered.text);
  const person = await page.locator('[data-person]').getAttribute('data-person');
  assert.match(person, /^0x[0-9a-f]{64}$/);
  await shot(page, 'officer-registered-person');

  // Eve, in the citizen's view, finds her record; her consents live under her aliases.
  await open(page, 'Eve', 'citizen');
  assert.match(await page.locator('section[aria-label="My record"]').textContent(), new RegExp(person));
  assert.match(await page.locator('section[aria-label="My consents"]').textContent(), /identity alias/);

  // The registrar records her wallet's member key; her wallet binds her identity alias to a
  // fresh key (here, the console's address).
  const api = await connect(node.url);
  const wallet = newWallet();
  const seed = u8aToHex(randomAsU8a(32));
  let alias;
  try {
    await submitAll(api, keyring.addFromUri('//Alice'), [api.tx.identity.setMemberKey(person, wallet.member)]);
    alias = await bindAlias(api, wallet, 'identity', keyring.addFromSeed(hexToU8a(seed)));
  } finally {
    await api.disconnect();
  }

  // Signed in with the identity alias account, she consents to the public-security bureau.
  await open(page, 'Alias key', 'citizen', { key: seed });
  assert.match(await page.locator('section[aria-label="My alias"]').textContent(), new RegExp(alias));
  assert.match(await page.locator('section[aria-label="Who read what under this alias"]').textContent(), /No agency has read anything/);
  await run(page, 'grant-consent', { agency: '1', scope: 'Identity', purpose: 'passport application', hours: 2 });
  await page.waitForFunction(() => /Public Security Bureau/.test(document.querySelector('section[aria-label="Consents under this alias"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await shot(page, 'citizen-granted-consent');

  // The public-security officer (Bob) asks, of the alias she showed him, whether it stands for
  // a registered, living person: yes, traced.
  await open(page, 'Bob', 'officer');
  const asked = await run(page, 'verify', { subject: alias, question: 'Status', purpose: 'passport application' });
  assert.equal(asked.error, false, asked.text);
  assert.equal(await page.locator('[data-answer]').getAttribute('data-answer'), 'true');
  assert.match(asked.text, /traced in the subject's access log/);
  await shot(page, 'officer-answer-under-consent');

  // A question for a purpose she did not consent to is refused, in words.
  const refused = await run(page, 'verify', { subject: alias, question: 'Status', purpose: 'curiosity' });
  assert.equal(refused.error, true);
  assert.match(refused.text, /Identity\.NoConsent/);
  assert.doesNotMatch(refused.text, /^Identity\.NoConsent$/, 'the error is explained in words, not only named');
  await shot(page, 'officer-refused-without-consent');

  // Under her alias, she sees who read what, when and why.
  await open(page, 'Alias key', 'citizen', { key: seed });
  const log = await page.locator('section[aria-label="Who read what under this alias"]').textContent();
  assert.match(log, /Public Security Bureau/);
  assert.match(log, /passport application/);
  assert.match(log, /Identity/);
  assert.match(log, /yes/);
  assert.doesNotMatch(log, /curiosity/, 'a refused question is no access');
  await shot(page, 'citizen-sees-the-access');

  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  console.log(`browser test: ${Date.now() - started} ms`);
});

test('an admin sees an open proposal with its call decoded, and the votes carry it', { timeout: 300_000 }, async () => {
  // Alice's agency proposes, with a stock client, to let the public-security bureau issue invoices.
  const api = await connect(node.url);
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    await submitAndWatch(api.tx.consortium.propose(api.tx.consortium.grantCapability(1, 'IssueInvoices')), alice);
  } finally {
    await api.disconnect();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Four more admins vote aye in the console; the fifth vote of eight carries it.
  for (const [i, admin] of ['Bob', 'Charlie', 'Dave', 'One'].entries()) {
    await open(page, admin, 'consortium');
    const row = page.locator('section[aria-label="Open proposals"] tbody tr').first();
    assert.match(await row.textContent(), /Consortium\.grant_capability\(agency: 1, capability: IssueInvoices\)/, 'the call, decoded');
    if (i === 0) await shot(page, 'admin-open-proposal-decoded');
    await row.locator('button', { hasText: 'Aye' }).click();
    await page.waitForFunction(() => !document.getElementById('toast').hidden, null, { timeout: 60_000 });
    const toastText = await page.locator('#toast').textContent();
    assert.match(toastText, i === 3 ? /carried and executed/ : /Vote recorded/, toastText);
  }
  await open(page, 'One', 'consortium');
  assert.match(await page.locator('section[aria-label="Open proposals"]').textContent(), /No open proposals/);
  assert.match(await page.locator('section[aria-label="Agencies"] tbody tr').nth(1).textContent(), /IssueInvoices/);
  await shot(page, 'admin-proposal-carried');
  assert.deepEqual(errors, []);
});

/** The node's metrics as `{ 'name{labels}': value }`, without the `chain` label. */
async function metrics() {
  const text = await (await fetch(node.metricsUrl)).text();
  return Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const i = l.lastIndexOf(' ');
    // Substrate labels every metric with the chain's id: dropped here.
    const key = l.slice(0, i).replace(/,?chain="[^"]*"/, '').replace('{,', '{').replace('{}', '');
    return [key, Number(l.slice(i + 1))];
  }));
}

test('the Prometheus endpoint counts the story, and the dashboard reads only metrics that exist', { timeout: 180_000 }, async () => {
  // A stranger's transaction, refused by the pool: counted by reason.
  const api = await connect(node.url);
  try {
    const stranger = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    await assert.rejects(api.tx.system.remark('0x01').signAndSend(stranger), /Custom error: 1|not admitted|Invalid/i);
  } finally {
    await api.disconnect();
  }
  const m = await waitFor('the story\'s blocks to be finalized and counted', async () => {
    const x = await metrics();
    // The carried proposal is the last transaction of the tests before: once its block is
    // final, all theirs are.
    return (x.civitas_proposals_executed_total ?? 0) >= 1 && (x['civitas_pool_refusals_total{reason="not_admitted"}'] ?? 0) >= 1 ? x : null;
  }, 120_000, 2_000);
  assert.equal(m['civitas_verifications_total{answer="yes"}'], 1, 'one question answered under consent');
  assert.equal(m.civitas_persons_registered_total, 1);
  assert.equal(m.civitas_enrolments_total, 1, 'registering Eve enrolled her key');
  assert.equal(m.civitas_agencies, 8);
  assert.equal(m.civitas_open_proposals, 0);
  assert.equal(m.civitas_proposals_executed_total, 1, 'the proposal the admins carried');
  assert.equal(m.civitas_validators, 1);
  assert.ok(m['civitas_extrinsics_total{result="success"}'] >= 3);
  assert.ok(m['civitas_extrinsics_total{result="failed"}'] >= 1, 'the refused question failed in its block');
  assert.equal(m['civitas_pool_refusals_total{reason="not_admitted"}'], 1);

  // Every metric the dashboard queries is served by the node.
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'scripts', 'operator', 'grafana-dashboard.json'), 'utf8'));
  const served = new Set(Object.keys(m).map((k) => k.replace(/\{.*$/, '')));
  const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b(substrate|civitas)_[a-z0-9_]+/g))));
  for (const name of used) assert.ok(served.has(name), `the dashboard's ${name} is served`);
  console.log(`dashboard: ${dashboard.panels.length} panels over ${used.size} metrics, all served`);
});

test('an officer issues a fine for a claim key; the fined person claims it into its fines alias and pays it', { timeout: 420_000 }, async () => {
  const api = await connect(node.url);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 7046 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await carryAll(api, keyring, [api.tx.consortium.grantCapability(1, 'IssueFines')]);

    // The traffic police's officer (Bob) issues a fine: the chain learns a claim key, the
    // notice carries its secret.
    await open(page, 'Bob', 'officer');
    const issued = await run(page, 'issue-fine', { violation: 1301, amount: 200, days: 15 });
    assert.equal(issued.error, false, issued.text);
    const secret = await page.locator('[data-claim-secret]').getAttribute('data-claim-secret');
    assert.match(secret, /^0x[0-9a-f]{64}$/);
    const bill = Number(issued.text.match(/#(\d+)/)[1]);
    assert.ok((await api.query.invoices.bills(bill)).unwrap().holder.isNone, 'the bill names nobody');
    await shot(page, 'officer-issued-fine');

    // The fined person: registered with its wallet's member key, it binds its fines alias to a
    // fresh key (kept in its wallet: here, the console's address); the treasury mints the
    // alias account the money to pay with.
    const wallet = newWallet();
    const person = u8aToHex(randomAsU8a(32));
    await submitAll(api, keyring.addFromUri('//Alice'), [
      api.tx.identity.registerPerson(person, 'Citizen', keyring.addFromMnemonic(mnemonicGenerate()).address, u8aToHex(randomAsU8a(32)), false),
      api.tx.identity.setMemberKey(person, wallet.member),
    ]);
    const seed = u8aToHex(randomAsU8a(32));
    const finesKey = keyring.addFromSeed(hexToU8a(seed));
    const alias = await bindAlias(api, wallet, 'fines', finesKey);
    await submitAndWatch(api.tx.settlement.mint({ Account: finesKey.address }, 1_000n * 100n, u8aToHex(randomAsU8a(32))), keyring.addFromUri('//Dave'));

    // In the console, signed in with the fines alias account: its alias, the claim with the
    // notice's bill and secret, then the bill with its price, paid.
    await open(page, 'Alias key', 'citizen', { key: seed });
    assert.match(await page.locator('section[aria-label="My alias"]').textContent(), new RegExp(alias));
    const claimed = await run(page, 'claim-fine', { bill, secret });
    assert.equal(claimed.error, false, claimed.text);
    await page.waitForSelector(`[data-pay="${bill}"]`, { timeout: 60_000 });
    assert.match(await page.locator('section[aria-label="Fines"]').textContent(), /200/);
    await shot(page, 'citizen-claimed-fine');
    await page.locator(`[data-pay="${bill}"]`).click();
    await waitFor('the fine paid', async () => (await api.query.invoices.bills(bill)).unwrap().status.isPaid, 60_000);
    const b = (await api.query.invoices.bills(bill)).unwrap();
    assert.equal(b.holder.unwrap().toHex(), alias);
    await shot(page, 'citizen-paid-fine');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } finally {
    await api.disconnect();
  }
});
