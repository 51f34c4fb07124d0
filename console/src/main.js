// The Civitas web console: three views over one connection.
//  - Citizen: my person record, relations (names from this device only), consents (grant,
//    revoke), my access log (who read what about me, when and why), and where my records of
//    every domain are; signed in with an alias account, its alias, the consents under it and
//    (licences) its licences, (fund) its accounts and months, (wages) its places and wages paid, with accepting a place,
//    (titles) its titles, (invoices) its invoices, (fines) its bills, with claiming one by its
//    claim key and paying it.
//  - Agency officer: register persons, attest relations, ask a question under consent (the
//    answer and its trace), issue licences and fines, open fund accounts.
//  - Consortium: agencies and capabilities, open proposals with their calls decoded and
//    votes, validators and peers, the chain's health.
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { blake2b256 } from '@polkadot-labs/hdkd-helpers';
import { chain, connect, devAccounts, eventsOf, isDevChain, secretAccount, submit, walletAccounts } from './chain.js';
import { callForm, cvu, field, h, hex, section, short, show, showCall, table, text, toast, when } from './ui.js';

const enc = new TextEncoder();
const E = (type, value) => ({ type, value });
const state = { accounts: [], account: null, tab: 'citizen', agencies: new Map() };
const view = document.getElementById('view');
const params = new URLSearchParams(location.search);

const random32 = () => hex(crypto.getRandomValues(new Uint8Array(32)));
/** A salted hash of a record kept off chain: only this goes on chain. */
const commitment = (record) => hex(blake2b256(enc.encode(`${random32()}|${record}`)));
/** The tag of one end of a relation (civitas_primitives::relation_tag). */
const relationTag = (person, salt) => hex(blake2b256(new Uint8Array([...enc.encode('civitas/relation-end'), ...fromHex(person), ...fromHex(salt)])));
const fromHex = (s) => Uint8Array.from(s.replace(/^0x/, '').match(/../g).map((b) => parseInt(b, 16)));
const agencyName = (id) => state.agencies.get(Number(id))?.name ?? `agency ${id}`;
// The scopes an alias consents over, by its domain (a licence scope names its type).
const domainScopes = {
  Identity: [['Identity', 'Identity (registered and alive)'], ['Relations']],
  Licences: [['Licence', 'Licences of the type below']],
  Titles: [['Titles']],
  Invoices: [['Invoices']],
  Fund: [['FundAccount', 'Fund account']],
  Wages: [['Wages']],
  Fines: [['Fines']],
};
/** The key pair of a fine's claim key, from its 32-byte secret (what the notice hands over). */
const claimPair = (secret) => sr25519CreateDerive(fromHex(secret))('');
/** What a claim key signs to claim bill `bill` into `alias` (pallet_civitas_invoices::fine_claim_message). */
const claimMessage = (bill, alias) => {
  const n = new Uint8Array(8);
  new DataView(n.buffer).setBigUint64(0, BigInt(bill), true);
  return new Uint8Array([...enc.encode('civitas/fine-claim'), ...n, ...fromHex(alias)]);
};

function scopeOf(value) {
  const [type, arg] = value.split(':');
  return arg === undefined ? E(type) : E(type, Number(arg));
}
const purposeOf = (textValue) => E('Text', enc.encode(textValue));
const purposeText = (p) => (p.type === 'Text' ? text(p.value) : `code ${p.value}`);

// ---------- connection and accounts ----------

async function start(url) {
  const status = document.getElementById('status');
  status.textContent = `connecting to ${url}…`;
  try {
    const t0 = performance.now();
    const phases = {};
    const mark = (name) => { phases[name] = Math.round(performance.now() - t0); };
    await connect(url);
    mark('connected');
    // On a development chain, `?key=0x…` (32-byte secrets, repeatable) adds alias accounts'
    // keys to the development keys.
    const keys = isDevChain() ? params.getAll('key').filter((k) => /^0x[0-9a-fA-F]{64}$/.test(k)).map(secretAccount) : [];
    state.accounts = [...(isDevChain() ? devAccounts() : []), ...keys, ...(await walletAccounts())];
    mark('accounts');
    const select = document.getElementById('account');
    select.replaceChildren(...state.accounts.map((a, i) => h('option', { value: i, text: a.name })));
    const wanted = state.accounts.findIndex((a) => a.name.startsWith(params.get('as') ?? '\u0000'));
    select.value = String(Math.max(0, wanted));
    state.account = state.accounts[Number(select.value)] ?? null;
    await loadAgencies();
    mark('agencies');
    chain.client.finalizedBlock$.subscribe((b) => { status.textContent = `${chain.spec.name} · finalized #${b.number}`; });
    await render();
    mark('rendered');
    document.body.dataset.ready = 'true';
    // Since navigation start: what a user waits for.
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    console.info(`console ready: ${JSON.stringify(phases)} ms after start, ${document.body.dataset.readyMs} ms after navigation`);
  } catch (e) {
    status.textContent = `cannot connect: ${e.message ?? e}`;
  }
}

async function loadAgencies() {
  const entries = await chain.api.query.Consortium.Agencies.getEntries({ at: 'best' });
  state.agencies = new Map(entries.sort((a, b) => a.keyArgs[0] - b.keyArgs[0]).map(({ keyArgs: [id], value }) => [Number(id), { ...value, name: text(value.name) }]));
}

async function render() {
  for (const b of document.querySelectorAll('#tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === state.tab));
  if (!chain.api) return;
  view.replaceChildren(h('p.muted', { text: 'Loading…' }));
  const parts = await { citizen: citizenView, officer: officerView, consortium: consortiumView }[state.tab]();
  view.replaceChildren(...parts);
}

/** Re-renders after a successful action, keeping the action's result visible. */
async function refresh() {
  await render();
}

// ---------- citizen ----------

async function citizenView() {
  const me = state.account;
  if (!me) return [section('My record', h('p.muted', { text: 'Choose an account.' }))];
  const { api } = chain;
  const person = await api.query.Identity.ControllerOf.getValue(me.address, { at: 'best' });
  if (!person) {
    const bound = await api.query.Aliases.BoundTo.getValue(me.address, { at: 'best' });
    if (bound) return aliasView(me, bound[0].type, bound[1]);
    return [section('My record', h('p', {}, 'This key controls no registered person. Ask the civil-affairs bureau to register you with this key: ', h('code', { text: me.address })))];
  }
  const record = await api.view.Identity.person(person, { at: 'best' });

  const recordPart = section('My record',
    table(['', ''], [
      ['Person id', h('code', { text: person })],
      ['Kind', show(record?.kind)],
      ['Status', show(record?.status)],
      ['Registered by', agencyName(record?.registrar)],
    ]));

  // Relations: the chain holds only tags; their names live on this device.
  const book = JSON.parse(localStorage.getItem(`civitas.relations.${person}`) ?? '[]');
  const relRows = await Promise.all(book.map(async ({ name, tag }) => {
    const id = await api.query.Identity.RelationOfTag.getValue(tag, { at: 'best' });
    const rel = id === undefined ? undefined : await api.query.Identity.Relations.getValue(id, { at: 'best' });
    return [name, rel ? show(rel.kind) : 'not on chain', rel ? (rel.revoked ? 'revoked' : 'attested') : '—', h('code', { text: short(tag) })];
  }));
  const relationsPart = section('My relations',
    h('p.muted', { text: 'Names stay on this device; the chain holds only the salted tags the bureau gave you.' }),
    table(['Name (this device)', 'Relation', 'State', 'Tag'], relRows, 'No relations noted on this device.'),
    callForm('note-relation', [...field('Name', 'name', { required: true }), ...field('Tag (0x…)', 'tag', { required: true, pattern: '0x[0-9a-fA-F]{64}' })], 'Note on this device', async ({ name, tag }) => {
      book.push({ name, tag });
      localStorage.setItem(`civitas.relations.${person}`, JSON.stringify(book));
      await refresh();
      return `Noted: ${name}.`;
    }));

  const consentsPart = section('My consents',
    h('p.muted', { text: 'Consents, and the trace of who asked what about you, live under your aliases, never under your person id: choose your identity alias account to consent to questions about who you are and your relations (show the agency that alias), or a domain alias account for that domain.' }));
  const recordsPart = section('My records',
    h('h3', { text: 'Licences' }), h('p.muted', { text: 'Your licences are under your licences alias: choose your licences alias account to see them.' }),
    h('h3', { text: 'Land titles' }), h('p.muted', { text: 'Your titles are under your titles alias: choose your titles alias account to see them.' }),
    h('h3', { text: 'Invoices' }), h('p.muted', { text: 'Your invoices are under your invoices alias: choose your invoices alias account to see them.' }),
    h('h3', { text: 'Fines' }), h('p.muted', { text: 'Your fines are under your fines alias: choose your fines alias account to see them, and to claim a fine with the claim key its notice gave you.' }),
    h('h3', { text: 'Provident fund' }), h('p.muted', { text: 'Your fund records are under your fund alias, which nobody can tie to your person id: choose your fund alias account to see them.' }),
    h('h3', { text: 'Wages' }), h('p.muted', { text: 'Your places and wages are under your wages alias: choose your wages alias account to see them.' }));

  return [recordPart, consentsPart, relationsPart, recordsPart];
}

/**
 * The view of an alias account: the alias it acts for in its domain, the consents given
 * under the alias and their access log, (in the fund) the alias's accounts and months, and
 * (in wages) its places on rosters, with accepting one, and its wages paid.
 */
async function aliasView(me, domain, alias) {
  const { api } = chain;
  const [consents, accesses, accessCount, ring] = await Promise.all([
    api.query.Identity.Consents.getEntries(alias, { at: 'best' }),
    api.query.Identity.Accesses.getEntries(alias, { at: 'best' }),
    api.query.Identity.AccessCount.getValue(alias, { at: 'best' }),
    api.constants.Identity.MaxAccessLog(),
  ]);
  // The access log is a ring: the n-th access is in slot n % MaxAccessLog. Oldest first.
  const next = Number(BigInt(accessCount) % BigInt(ring));
  const log = accesses
    .map(({ keyArgs: [, slot], value }) => ({ rank: (slot - next + ring) % ring, value }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ value }) => value);
  const agencyOptions = [...state.agencies.entries()].map(([id, a]) => [String(id), a.name]);
  const consentRows = consents.map(({ keyArgs: [, agency, scope], value }) => [
    agencyName(agency), show(scope), purposeText(value.purpose), when(value.until),
    h('button', { 'data-revoke': `${agency}:${show(scope)}`, onclick: async (e) => {
      e.target.disabled = true;
      try {
        await submit(api.tx.Identity.revoke_alias_consent({ domain: E(domain), agency, scope }), me);
        toast('Consent revoked.');
        await refresh();
      } catch (err) { toast(err.message, true); e.target.disabled = false; }
    } }, 'Revoke'),
  ]);
  const licenceType = domain === 'Licences' ? field('Licence type', 'type', { type: 'number', min: 0, value: 0, required: true }) : [];
  const parts = [section('My alias', table(['', ''], [
    ['Domain', domain],
    ['Alias', h('code', { text: alias })],
    ['Account', h('code', { text: me.address })],
  ])), section('Consents under this alias',
    table(['Agency', 'Scope', 'Purpose', 'Until', ''], consentRows, 'No consents.'),
    callForm('grant-consent', [
      ...field('Agency', 'agency', { options: agencyOptions }),
      ...field('Scope', 'scope', { options: domainScopes[domain] ?? [] }),
      ...licenceType,
      ...field('Purpose', 'purpose', { required: true, maxlength: 64 }),
      ...field('For (hours)', 'hours', { type: 'number', min: 1, value: 24, required: true }),
    ], 'Grant consent', async ({ agency, scope, type, purpose, hours }) => {
      const now = await api.query.Timestamp.Now.getValue({ at: 'best' });
      const value = scope === 'Licence' ? `Licence:${type}` : scope;
      await submit(api.tx.Identity.grant_alias_consent({ domain: E(domain), agency: Number(agency), scope: scopeOf(value), purpose: purposeOf(purpose), until: now + BigInt(hours) * 3_600_000n }), me);
      await refresh();
      return `Consent granted to ${agencyName(agency)}.`;
    })),
  section('Who read what under this alias',
    h('p.muted', { text: 'Every question an agency asked under this alias\'s consent, with its answer: the chain keeps this trace.' }),
    table(['When', 'Agency', 'What', 'Why', 'Answer', 'Block'], [...log].reverse().map((a) => [
      when(a.at), agencyName(a.agency), show(a.scope), purposeText(a.purpose), h(a.answer ? 'span.yes' : 'span.no', { text: a.answer ? 'yes' : 'no' }), `#${a.block}`,
    ]), 'No agency has read anything under this alias.'))];
  if (domain === 'Fund') {
    const [open, months] = await Promise.all([
      api.query.ProvidentFund.OpenAccount.getValue(alias, { at: 'best' }),
      api.query.ProvidentFund.Contributions.getEntries(alias, { at: 'best' }),
    ]);
    const fund = open === undefined ? undefined : await api.query.ProvidentFund.Accounts.getValue(open, { at: 'best' });
    parts.push(section('Provident fund',
      fund ? table(['Account', 'Centre', 'Status', 'Balance', 'Months'], [[`#${open}`, agencyName(fund.centre), show(fund.status), cvu(fund.balance), String(fund.months)]]) : h('p.muted', { text: 'No open fund account.' }),
      table(['Month', 'Employee part', 'Employer part'], months.map(({ keyArgs: [, month], value }) => [String(month), cvu(value.employee_part), cvu(value.employer_part)]), 'No months paid.'),
      callForm('request-fund-account', [...field('Fund centre (agency id)', 'centre', { type: 'number', min: 0, required: true })], 'Ask for an account', async ({ centre }) => {
        await submit(api.tx.ProvidentFund.request_account({ centre: Number(centre) }), me);
        return `Asked agency ${centre} to open your fund account: show it your fund alias.`;
      })));
  }
  if (domain === 'Licences') {
    const licences = await api.query.Licences.HolderLicences.getEntries(alias, { at: 'best' });
    const licenceRows = await Promise.all(licences.map(async ({ keyArgs: [, type, id] }) => {
      const l = await api.query.Licences.Licences.getValue(id, { at: 'best' });
      return [`#${id}`, `type ${type}`, agencyName(l?.issuer), show(l?.status), l?.valid_until === undefined ? 'no end' : when(l.valid_until)];
    }));
    parts.push(section('Licences',
      h('p.muted', { text: 'Your licences in force or suspended; show this alias at the counter to be issued one.' }),
      table(['Licence', 'Type', 'Issuer', 'Status', 'Valid until'], licenceRows, 'No licences.')));
  }
  if (domain === 'Titles') {
    const titles = await api.query.LandTitles.TitlesOf.getEntries(alias, { at: 'best' });
    parts.push(section('Land titles',
      table(['Parcel'], titles.map(({ keyArgs: [, parcel] }) => [`#${parcel}`]), 'No titles.')));
  }
  if (domain === 'Invoices') {
    const invoices = await api.query.Invoices.BuyerInvoices.getEntries(alias, { at: 'best' });
    parts.push(section('Invoices',
      table(['Seller', 'Number'], invoices.map(({ keyArgs: [, [seller, number]] }) => [h('code', { text: short(seller) }), String(number)]), 'No invoices.')));
  }
  if (domain === 'Fines') {
    const bills = await api.query.Invoices.BillsOf.getEntries(alias, { at: 'best' });
    const billRows = await Promise.all(bills.map(async ({ keyArgs: [, bill] }) => {
      const b = await api.query.Invoices.Bills.getValue(bill, { at: 'best' });
      const due = await api.view.Invoices.fine_due(bill, { at: 'best' });
      const pay = due ? h('button', { 'data-pay': String(bill), onclick: async (e) => {
        e.target.disabled = true;
        try { await submit(api.tx.Invoices.pay_fine({ bill }), me); toast('Fine paid.'); await refresh(); } catch (err) { toast(err.message, true); e.target.disabled = false; }
      } }, `Pay ${cvu(due[0] + due[1])}`) : show(b?.status);
      return [`#${bill}`, agencyName(b?.issuer), cvu(b?.amount ?? 0n), when(b?.due ?? 0n), pay];
    }));
    parts.push(section('Fines',
      table(['Bill', 'Issuer', 'Amount', 'Due', ''], billRows, 'No fines claimed.'),
      callForm('claim-fine', [
        ...field('Bill number (on the notice)', 'bill', { type: 'number', min: 0, required: true }),
        ...field('Claim key secret (0x…, on the notice)', 'secret', { required: true, pattern: '0x[0-9a-fA-F]{64}' }),
      ], 'Claim the fine', async ({ bill, secret }) => {
        const key = claimPair(secret);
        await submit(api.tx.Invoices.claim_fine({ bill: BigInt(bill), signature: hex(key.sign(claimMessage(bill, alias))) }), me);
        await refresh();
        return `Fine #${bill} claimed into your fines alias: pay or appeal it here.`;
      })));
  }
  if (domain === 'Wages') {
    const [projects, payments] = await Promise.all([
      api.query.WageEscrow.ProjectsOfWorker.getValue(alias, { at: 'best' }),
      api.query.WageEscrow.Payments.getEntries(alias, { at: 'best' }),
    ]);
    parts.push(section('Wages',
      table(['Project'], projects.map((project) => [`#${project}`]), 'No accepted places.'),
      table(['Project', 'Month', 'Amount', 'Paid to'], payments.map(({ keyArgs: [, [project, month]], value }) => [`#${project}`, String(month), cvu(value.amount), h('code', { text: short(value.account) })]), 'No wages paid.'),
      callForm('accept-place', [...field('Project id (the contractor offered you a place)', 'project', { type: 'number', min: 0, required: true })], 'Accept the place', async ({ project }) => {
        await submit(api.tx.WageEscrow.accept_place({ project: Number(project) }), me);
        return `Place on project #${project} accepted: payrolls may name you now.`;
      })));
  }
  return parts;
}

// ---------- agency officer ----------

async function officerView() {
  const me = state.account;
  const { api } = chain;
  const admission = me ? await api.view.Consortium.admission(me.address, { at: 'best' }) : undefined;
  const acting = !admission ? 'This key is not admitted: it cannot act for an agency.'
    : admission.type === 'Staff' ? `${admission.value.role.type} of ${agencyName(admission.value.agency)} (agency ${admission.value.agency})`
      : `Not agency staff: ${show(admission)}. Only staff act for an agency.`;
  const who = section('Acting for', h('p', { text: acting }));
  const kinds = [['Citizen'], ['Company']];
  const relationKinds = [['ParentOf'], ['SpouseOf'], ['GuardianOf'], ['LegalRepresentativeOf']];

  const register = section('Register a person',
    h('p.muted', { text: 'The record stays in your agency\'s files; only its salted hash goes on chain.' }),
    callForm('register-person', [
      ...field('Kind', 'kind', { options: kinds }),
      ...field('Controller key', 'controller', { required: true, placeholder: 'the person\'s address' }),
      ...field('Record (kept off chain)', 'record', { required: true }),
    ], 'Register', async ({ kind, controller, record }) => {
      const person = random32();
      const r = await submit(api.tx.Identity.register_person({ person, kind: E(kind), controller, commitment: commitment(record), minor: false }), me);
      return h('span', {}, 'Registered. Person id: ', h('code', { 'data-person': person, text: person }), ` (block #${r.block.number})`);
    }));

  const attest = section('Attest a relation',
    callForm('attest-relation', [
      ...field('Kind', 'kind', { options: relationKinds }),
      ...field('From (person id)', 'from', { required: true }),
      ...field('To (person id)', 'to', { required: true }),
    ], 'Attest', async ({ kind, from, to }) => {
      const [fromSalt, toSalt] = [random32(), random32()];
      const [fromTag, toTag] = [relationTag(from, fromSalt), relationTag(to, toSalt)];
      await submit(api.tx.Identity.attest_relation({ kind: E(kind), from: fromTag, to: toTag, custody: false, evidence: random32(), valid_from: 0n, valid_until: undefined }), me);
      return h('div', {}, 'Attested. Hand each person their salt and tag with the certificate:',
        table(['End', 'Salt', 'Tag'], [['from', h('code', { text: fromSalt }), h('code', { 'data-tag': 'from', text: fromTag })], ['to', h('code', { text: toSalt }), h('code', { 'data-tag': 'to', text: toTag })]]));
    }));

  const ask = section('Ask under consent',
    h('p.muted', { text: 'The subject is the identity alias the person shows you (never its person id), whose account must have consented to your agency for this scope and purpose; your question and its answer go into the alias\'s access log. For a relation the person\'s wallet signs, with the key of its end of the relation, the relation and its alias.' }),
    callForm('verify', [
      ...field('Subject (identity alias)', 'subject', { required: true, pattern: '0x[0-9a-fA-F]{64}' }),
      ...field('Question', 'question', { options: [['Status', 'Does the alias stand for a registered, living person?'], ['Relation', 'Is the subject an end of the relation below?']] }),
      ...field('Relation id', 'relation', { type: 'number', min: 0, value: 0 }),
      ...field('Relation kind (the subject is the … of the other end)', 'kind', { options: relationKinds }),
      ...field('With custody of the other end', 'custody', { options: [['no'], ['yes']] }),
      ...field('End key\'s signature (0x…)', 'proof', { pattern: '0x[0-9a-fA-F]{128}' }),
      ...field('Purpose', 'purpose', { required: true, maxlength: 64 }),
    ], 'Ask', async ({ subject, question, relation, kind, custody, proof, purpose }) => {
      const q = question === 'Relation'
        ? E('Relation', { relation: BigInt(relation), kind: E(kind), custody: custody === 'yes', proof })
        : E('Status');
      const r = await submit(api.tx.Identity.verify({ subject, question: q, purpose: purposeOf(purpose) }), me);
      const [v] = eventsOf(r, 'Identity', 'Verified');
      return h('div', {}, 'Answer: ', h(v.answer ? 'strong.yes' : 'strong.no', { 'data-answer': String(v.answer), text: v.answer ? 'yes' : 'no' }),
        ` · traced in the subject's access log at block #${r.block.number}`);
    }));

  const licence = section('Issue a licence',
    callForm('issue-licence', [
      ...field('Licence type', 'type', { type: 'number', min: 0, required: true }),
      ...field('Holder (the licences alias its wallet shows)', 'holder', { required: true }),
      ...field('Licence number (kept off chain)', 'number', { required: true }),
    ], 'Issue', async ({ type, holder, number }) => {
      const r = await submit(api.tx.Licences.issue({ licence_type: Number(type), holder, number: commitment(number), document: random32(), valid_until: undefined, relations: [] }), me);
      const [l] = eventsOf(r, 'Licences', 'LicenceIssued');
      return `Licence #${l.id} issued.`;
    }));

  const fine = section('Issue a fine',
    h('p.muted', { text: 'The chain never learns whom you fine: the bill names a fresh claim key, whose secret goes on the notice you hand the person, who claims the bill into its fines alias.' }),
    callForm('issue-fine', [
      ...field('Violation code', 'violation', { type: 'number', min: 0, required: true }),
      ...field('Amount (CVU)', 'amount', { type: 'number', min: 1, required: true }),
      ...field('Due in (days)', 'days', { type: 'number', min: 1, value: 15, required: true }),
    ], 'Issue fine', async ({ violation, amount, days }) => {
      const now = await api.query.Timestamp.Now.getValue({ at: 'best' });
      const secret = random32();
      const claim_key = hex(claimPair(secret).publicKey);
      const r = await submit(api.tx.Invoices.issue_fine({ claim_key, violation: Number(violation), amount: BigInt(amount) * 100n, evidence: random32(), place: 0, due: now + BigInt(days) * 86_400_000n }), me);
      const [b] = eventsOf(r, 'Invoices', 'FineIssued');
      return h('div', {}, `Fine bill #${b?.bill ?? '?'} issued. For the notice, the claim key secret: `, h('code', { 'data-claim-secret': secret, text: secret }));
    }));

  const fundAccount = section('Open a provident-fund account',
    callForm('open-fund-account', [...field('Fund alias (the person shows it, having asked this centre from its alias account)', 'holder', { required: true })], 'Open', async ({ holder }) => {
      const r = await submit(api.tx.ProvidentFund.open_account({ holder }), me);
      const [a] = eventsOf(r, 'ProvidentFund', 'AccountOpened');
      return `Account #${a?.account ?? '?'} opened.`;
    }));

  const manage = section('Manage a licence',
    callForm('manage-licence', [
      ...field('Licence id', 'id', { type: 'number', min: 0, required: true }),
      ...field('Action', 'action', { options: [['suspend', 'Suspend'], ['reinstate', 'Reinstate'], ['revoke', 'Revoke']] }),
      ...field('Reason code', 'reason', { type: 'number', min: 0, value: 0 }),
    ], 'Apply', async ({ id, action, reason }) => {
      const tx = action === 'reinstate' ? api.tx.Licences.reinstate({ id: BigInt(id) }) : api.tx.Licences[action]({ id: BigInt(id), reason: Number(reason) });
      await submit(tx, me);
      return `Licence #${id}: ${action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'reinstated'}.`;
    }));

  const mint = section('Mint settlement units (treasury)',
    h('p.muted', { text: 'Against a fiat deposit: its reference is hashed here and minted once only.' }),
    callForm('mint', [
      ...field('To (enrolled account)', 'to', { required: true }),
      ...field('Amount (CVU)', 'amount', { type: 'number', min: 1, required: true }),
      ...field('Deposit reference', 'deposit', { required: true }),
    ], 'Mint', async ({ to, amount, deposit }) => {
      const r = await submit(api.tx.Settlement.mint({ to: E('Account', to), amount: BigInt(amount) * 100n, deposit: hex(blake2b256(enc.encode(deposit))) }), me);
      return `Minted ${cvu(eventsOf(r, 'Settlement', 'Minted')[0]?.amount ?? 0n)}.`;
    }));

  const freeze = section('Freeze or lift a land title (court)',
    callForm('freeze', [
      ...field('Parcel id', 'parcel', { type: 'number', min: 0, required: true }),
      ...field('Case number (hashed)', 'case', { required: true }),
      ...field('Action', 'action', { options: [['freeze', 'Freeze'], ['lift_freeze', 'Lift the freeze']] }),
    ], 'Apply', async ({ parcel, case: caseNo, action }) => {
      await submit(api.tx.LandTitles[action]({ parcel: BigInt(parcel), case: hex(blake2b256(enc.encode(caseNo))) }), me);
      return action === 'freeze' ? `Parcel #${parcel} frozen.` : `Freeze of parcel #${parcel} lifted.`;
    }));

  const payroll = section('Approve a payroll (construction bureau)',
    callForm('approve-payroll', [
      ...field('Project id', 'project', { type: 'number', min: 0, required: true }),
      ...field('Month (YYYYMM)', 'month', { type: 'number', min: 200001, required: true }),
    ], 'Approve', async ({ project, month }) => {
      await submit(api.tx.WageEscrow.approve_payroll({ project: Number(project), month: Number(month) }), me);
      return `Payroll of project #${project} for ${month} approved: the chain pays it on pay day.`;
    }));

  return [who, register, attest, ask, licence, manage, fine, fundAccount, mint, freeze, payroll];
}

// ---------- consortium ----------

async function consortiumView() {
  const { api, client } = chain;
  const me = state.account;
  await loadAgencies();
  const [proposals, validators, peers, health, finalized, best, now] = await Promise.all([
    api.query.Consortium.Proposals.getEntries({ at: 'best' }),
    api.query.Session.Validators.getValue({ at: 'best' }),
    api.query.NodeAuthorization.WellKnownNodes.getValue({ at: 'best' }),
    client._request('system_health', []),
    client.getFinalizedBlock(),
    client.getBestBlocks().then((b) => b[0]),
    api.query.Timestamp.Now.getValue({ at: 'best' }),
  ]);
  const slot = await api.constants.Aura.SlotDuration().catch(() => undefined);

  const agencies = section('Agencies',
    table(['Id', 'Name', 'Kind', 'City', 'Capabilities', 'Staff'], [...state.agencies.entries()].map(([id, a]) => [String(id), a.name, show(a.kind), String(a.city), a.capabilities.map(show).join(', '), String(a.staff)])));

  const rows = await Promise.all(proposals.map(async ({ keyArgs: [index], value: p }) => {
    let call;
    try { call = showCall((await api.txFromCallData(p.call)).decodedCall); } catch { call = `undecodable call ${short(hex(p.call))}`; }
    const vote = (aye) => h('button', { 'data-vote': `${index}:${aye}`, onclick: async (e) => {
      e.target.disabled = true;
      try {
        const r = await submit(api.tx.Consortium.vote({ index, aye }), me);
        const done = eventsOf(r, 'Consortium', 'ProposalExecuted')[0];
        toast(done ? `Proposal #${index} carried and executed.` : `Vote recorded on proposal #${index}.`);
        await refresh();
      } catch (err) { toast(err.message, true); e.target.disabled = false; }
    } }, aye ? 'Aye' : 'Nay');
    return [`#${index}`, agencyName(p.agency), h('code', { text: call }), p.ayes.map(agencyName).join(', ') || '—', p.nays.map(agencyName).join(', ') || '—', `#${p.end}`, h('span', {}, vote(true), ' ', vote(false))];
  }));
  const open = section('Open proposals', table(['#', 'By', 'Call', 'Ayes', 'Nays', 'Ends', 'Vote'], rows, 'No open proposals.'));

  const network = section('Validators and peers',
    h('h3', { text: 'Validators (this session)' }), table(['Account'], validators.map((v) => [h('code', { text: v })])),
    h('h3', { text: 'Admitted network peers' }), table(['Peer id (bytes)'], peers.map((p) => [h('code', { text: short(hex(p)) })]), 'None: any peer may connect (development chain).'));

  const healthPart = section('Health', table(['', ''], [
    ['Chain', chain.spec.name],
    ['Best block', `#${best.number}`],
    ['Finalized block', `#${finalized.number} (${best.number - finalized.number} behind best)`],
    ['Peers', String(health.peers)],
    ['Syncing', health.isSyncing ? 'yes' : 'no'],
    ['Block time', slot ? `${Number(slot) / 1000} s (slot)` : '—'],
    ['Chain time', now > 0n ? when(now) : '— (no block yet)'],
  ]));
  return [healthPart, open, agencies, network];
}

// ---------- wiring ----------

document.getElementById('tabs').addEventListener('click', (e) => {
  const tab = e.target.dataset?.tab;
  if (!tab) return;
  state.tab = tab;
  history.replaceState(null, '', `?${new URLSearchParams({ ...Object.fromEntries(params), tab })}`);
  render();
});
document.getElementById('account').addEventListener('change', (e) => {
  state.account = state.accounts[Number(e.target.value)];
  render();
});
const endpoint = document.getElementById('endpoint');
endpoint.url.value = params.get('rpc') ?? `ws://${location.hostname || '127.0.0.1'}:9944`;
endpoint.addEventListener('submit', (e) => {
  e.preventDefault();
  params.set('rpc', endpoint.url.value);
  history.replaceState(null, '', `?${params}`);
  start(endpoint.url.value);
});
state.tab = params.get('tab') ?? 'citizen';
start(endpoint.url.value);
