// Small DOM helpers and the renderers of chain values.
import { explain } from './chain.js';

/** `h('tag.class', { attr }, ...children)`: an element. */
export function h(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag);
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const section = (title, ...children) => h('section', { 'aria-label': title }, h('h2', { text: title }), ...children);

/** A labelled field: `[label, input]` for a `form.call` grid. */
export function field(label, name, attrs = {}) {
  const input = attrs.options
    ? h('select', { name }, ...attrs.options.map(([value, text]) => h('option', { value, text: text ?? value })))
    : h('input', { name, ...attrs });
  return [h('label', { for: name, text: label }), input];
}

/**
 * A form that runs `action(values)` on submit and shows what it returns (a node or text) or
 * the error in words, below itself.
 */
export function callForm(name, fields, button, action) {
  const out = h('div.result', { hidden: true, 'data-result': name });
  const form = h('form.call', { 'data-form': name }, ...fields, h('button', { type: 'submit', text: button }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    out.hidden = false;
    out.className = 'result';
    out.replaceChildren('Submitting…');
    // An action may re-render the view: its outcome then goes to the new form's result.
    const target = () => (out.isConnected ? out : document.querySelector(`[data-result="${name}"]`) ?? out);
    let shown;
    let failed = false;
    try {
      shown = await action(values, form);
    } catch (err) {
      failed = true;
      shown = explain(err);
    } finally {
      btn.disabled = false;
    }
    const el = target();
    el.hidden = false;
    el.className = failed ? 'result error' : 'result';
    el.replaceChildren(shown instanceof Node ? shown : String(shown ?? 'Done.'));
  });
  return h('div', {}, form, out);
}

/** A table of `rows` (arrays of cells) under `headers`, or `empty` when there are none. */
export function table(headers, rows, empty = 'None.') {
  if (!rows.length) return h('p.muted', { text: empty });
  return h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { text: x })))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text when they are printable UTF-8, else as hex. */
export function text(bytes) {
  if (typeof bytes === 'string') return bytes;
  try {
    const s = utf8.decode(bytes);
    if (/^[\p{L}\p{N}\p{P}\p{Zs}]*$/u.test(s)) return s;
  } catch { /* not UTF-8 */ }
  return hex(bytes);
}

export const hex = (bytes) => `0x${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
export const short = (s) => (typeof s === 'string' && s.length > 20 ? `${s.slice(0, 10)}…${s.slice(-6)}` : s);

/** Any decoded value, compactly: enums as `Type(value)`, bytes as text or hex, amounts. */
export function show(v) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return short(v);
  if (typeof v === 'number') return String(v);
  if (v instanceof Uint8Array) return short(text(v));
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'object' && 'type' in v && Object.keys(v).length <= 2) return v.value === undefined ? v.type : `${v.type}(${show(v.value)})`;
  if (typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')} }`;
  return String(v);
}

/** A call as `Pallet.call(arg: value, …)`, from polkadot-api's decoded call. */
export function showCall(call) {
  const args = call?.value?.value;
  const shown = args && typeof args === 'object' ? Object.entries(args).map(([k, x]) => `${k}: ${show(x)}`).join(', ') : '';
  return `${call?.type}.${call?.value?.type}(${shown})`;
}

/** Milliseconds since the epoch (bigint or number) as a local date and time. */
export const when = (ms) => new Date(Number(ms)).toLocaleString();

/** CVU cents as units with two decimals. */
export const cvu = (cents) => `${(BigInt(cents) / 100n).toString()}.${(BigInt(cents) % 100n).toString().padStart(2, '0')} CVU`;

let toastTimer;
export function toast(message, error = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = error ? 'error' : '';
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
}
