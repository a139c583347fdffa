// A mutated sample in the results pane: the "mutated" badge in its card's head (which mutators changed it)
// and, behind it, the field-by-field diff between the object as written and as the mutators left it, which is
// what the constraints reviewed. Which diffs are open survives re-rendering, so typing does not fold them.

import { el } from './dom.js';

const open = new Set();
const MAX_VALUE_CHARS = 160;

/** The badge for a sample's card head, or null when no mutator changed it. `toggle` opens its diff. */
export function mutatedBadge(s, toggle) {
  if (!s.mutation) return null;
  const n = s.mutation.mutators.length;
  return el('button', {
    class: 'mutated-badge', 'data-testid': 'mutated-badge', 'data-sample': s.name, 'aria-expanded': String(open.has(key(s))),
    title: `Changed by ${s.mutation.mutators.join(', ')} before the constraints reviewed it: click for the diff`,
    text: `mutated · ${n} mutator${n === 1 ? '' : 's'}`,
    onclick: (e) => { e.stopPropagation(); toggle(); },
  });
}

/** The diff panel of a mutated sample (hidden until its badge is clicked), or null. */
export function mutationDiff(s) {
  if (!s.mutation) return null;
  const changes = s.mutation.changes;
  return el('div', { class: 'mutation-diff', 'data-testid': 'mutation-diff', 'data-sample': s.name, hidden: !open.has(key(s)) },
    el('div', { class: 'mutation-by', text: `Mutated by ${s.mutation.mutators.join(' → ')}` }),
    el('ul', {}, changes.map((c) => el('li', {
      class: `change ${c.op}`, 'data-testid': 'mutation-change', 'data-op': c.op, 'data-path': c.path,
    },
    el('span', { class: 'sign', text: c.op === 'added' ? '+' : c.op === 'removed' ? '−' : '~' }),
    el('span', { class: 'path', text: c.path }),
    el('span', { class: 'value', text: describe(c) })))));
}

/** Opens or folds a sample's diff in its card. */
export function toggleDiff(s, card) {
  const k = key(s);
  if (open.has(k)) open.delete(k); else open.add(k);
  const panel = card.querySelector('[data-testid="mutation-diff"]');
  if (panel) panel.hidden = !open.has(k);
  card.querySelector('[data-testid="mutated-badge"]')?.setAttribute('aria-expanded', String(open.has(k)));
}

function key(s) {
  return `${s.index}:${s.name}`;
}

function describe(c) {
  if (c.op === 'added') return show(c.after);
  if (c.op === 'removed') return show(c.before);
  return `${show(c.before)} → ${show(c.after)}`;
}

function show(v) {
  const text = JSON.stringify(v) ?? 'null';
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
