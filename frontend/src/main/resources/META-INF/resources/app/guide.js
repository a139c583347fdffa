// A guided start: a five-step tour of a gallery policy (template, constraint, samples with # expect:,
// a violation and its trace, export), offered on the first visit and reopenable from Workspace ▾, and the
// keyboard shortcuts dialog (`?`). Nothing here blocks the page: the tour is a card beside what it explains.

import { el, byTestId, $ } from './dom.js';
import { openDialog, installStyles } from './share-dialog.js';
import { selectTab } from './tabs.js';

const SEEN = 'gkstudio.tour.seen';
const TOUR_POLICY = 'allowed-repos';

const STEPS = [
  {
    target: () => byTestId('rego-editor'), tab: ['template', 'rego'],
    title: 'The template',
    text: 'The ConstraintTemplate\'s Rego: each element of violation[{"msg": ...}] is one violation. '
      + 'The language server completes input.review.object and input.parameters as you type.',
  },
  {
    target: () => byTestId('constraint-editor'), tab: ['constraint', 'yaml'],
    title: 'The constraint',
    text: 'Which objects the policy looks at (spec.match) and its parameters. The Parameters and Match tabs edit it as a form.',
  },
  {
    target: () => byTestId('samples-editor'), tab: ['samples', 'samples'],
    title: 'Samples and expectations',
    text: 'Objects or AdmissionReviews, one YAML document each. "# expect: allowed" or "# expect: 1 violation /regex/" '
      + 'above a sample turns it into a test; the result card says whether it holds.',
  },
  {
    target: () => byTestId('results'),
    title: 'A violation and its trace',
    text: 'Results update as you type. Click a violation to see the rule that produced it, the sample line it is about, '
      + 'and the evaluation trace in the Trace tab.',
  },
  {
    target: () => byTestId('export-button') ?? $('[data-action="bundle"]'),
    title: 'Export',
    text: 'Download the tested bundle (ConstraintTemplate, constraint, samples and a gator suite), or copy kubectl commands. '
      + 'Share gives a link to this exact workspace.',
  },
];

/**
 * @param open   (policyId) => Promise<boolean>: opens a gallery policy (asking first over edited work)
 * @param menu   the Workspace menu ({ addItem })
 * @param state  the WorkspaceState (the offer goes away at the first edit)
 */
export function installGuide({ open, menu, state, storage = window.localStorage }) {
  installStyles();
  const tour = new Tour(open, storage);
  menu.addItem('Take the tour', 'tour-open', () => tour.start());
  menu.addItem('Keyboard shortcuts (?)', 'help-open', showShortcuts);
  document.addEventListener('keydown', (e) => {
    if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.closest('.monaco-editor') || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    showShortcuts();
  });
  if (!seen(storage)) offer(tour, state, storage);
  return tour;
}

function seen(storage) {
  try {
    return storage.getItem(SEEN) === 'true';
  } catch {
    return true; // no storage: do not offer on every load
  }
}

function markSeen(storage) {
  try {
    storage.setItem(SEEN, 'true');
  } catch {
    // storage disabled: nothing to remember
  }
}

/** The first-visit offer: a small card that goes away when taken, dismissed, or at the first edit. */
function offer(tour, state, storage) {
  const card = el('div', { class: 'tour-offer', 'data-testid': 'tour-offer', role: 'dialog', 'aria-label': 'Tour' },
    el('span', { text: 'New here? A five-step tour of a gallery policy.' }));
  const close = () => card.remove();
  card.append(
    el('button', { type: 'button', class: 'btn small primary', 'data-testid': 'tour-offer-start', text: 'Start the tour',
      onclick: () => { close(); tour.start(); } }),
    el('button', { type: 'button', class: 'btn small', 'data-testid': 'tour-offer-dismiss', text: 'No thanks',
      onclick: () => { close(); markSeen(storage); } }));
  document.body.append(card);
  state.onChange((origin) => { if (!['load', 'connect', 'manual', 'coverage'].includes(origin)) close(); });
}

class Tour {
  constructor(open, storage) {
    this.open = open;
    this.storage = storage;
    this.card = null;
    this.step = 0;
    window.addEventListener('resize', () => this.place());
    document.addEventListener('keydown', (e) => { if (this.card && e.key === 'Escape') this.close(); });
  }

  async start() {
    markSeen(this.storage);
    if (!(await this.open(TOUR_POLICY))) return; // the user kept their work
    this.show(0);
  }

  show(i) {
    this.step = i;
    const step = STEPS[i];
    if (step.tab) selectTab(...step.tab);
    this.card?.remove();
    const back = el('button', { type: 'button', class: 'btn small', 'data-testid': 'tour-back', text: 'Back',
      disabled: i === 0, onclick: () => this.show(i - 1) });
    const last = i === STEPS.length - 1;
    const next = el('button', { type: 'button', class: 'btn small primary', 'data-testid': 'tour-next',
      text: last ? 'Done' : 'Next', onclick: () => (last ? this.close() : this.show(i + 1)) });
    this.card = el('div', { class: 'tour-card', 'data-testid': 'tour', 'data-step': i, role: 'dialog', 'aria-label': step.title },
      el('div', { class: 'tour-head' },
        el('strong', { 'data-testid': 'tour-step', text: `${i + 1}/${STEPS.length} · ${step.title}` }),
        el('button', { type: 'button', class: 'btn small icon', 'data-testid': 'tour-close', 'aria-label': 'Close the tour',
          text: '✕', onclick: () => this.close() })),
      el('p', { text: step.text }),
      el('div', { class: 'tour-actions' }, back, next));
    document.body.append(this.card);
    this.place();
    next.focus();
  }

  /** Beside the step's element: below it when there is room, else above, kept on screen. */
  place() {
    if (!this.card) return;
    document.querySelectorAll('.tour-target').forEach((n) => n.classList.remove('tour-target'));
    const target = STEPS[this.step].target();
    if (!target) return;
    target.classList.add('tour-target');
    const r = target.getBoundingClientRect();
    const w = this.card.offsetWidth;
    const h = this.card.offsetHeight;
    const top = r.bottom + 8 + h < window.innerHeight ? r.bottom + 8 : Math.max(8, r.top - h - 8);
    const left = Math.min(Math.max(8, r.left + 16), window.innerWidth - w - 8);
    this.card.style.top = `${Math.min(top, window.innerHeight - h - 8)}px`;
    this.card.style.left = `${left}px`;
  }

  close() {
    this.card?.remove();
    this.card = null;
    document.querySelectorAll('.tour-target').forEach((n) => n.classList.remove('tour-target'));
  }
}

const SHORTCUTS = [
  ['Ctrl/Cmd + Enter', 'Evaluate now'],
  ['Ctrl/Cmd + S', 'Download the bundle (zip)'],
  ['Ctrl/Cmd + Space', 'Completion in an editor'],
  ['F12', 'Go to definition (Rego)'],
  ['Shift + F12', 'Find references (Rego)'],
  ['F2', 'Rename a rule or variable (Rego)'],
  ['Shift + Alt + F', 'Format the Rego module (opa fmt)'],
  ['Ctrl/Cmd + .', 'Quick fixes for the finding under the cursor'],
  ['Ctrl/Cmd + Z', 'Undo (also a Rego v0 → v1 conversion)'],
  ['↑ / ↓ in the Query box', 'Previous / next query'],
  ['?', 'This list'],
];

export function showShortcuts() {
  if (byTestId('help-dialog')) return;
  const dialog = openDialog('Keyboard shortcuts', { testId: 'help-dialog' });
  dialog.body.append(el('table', { class: 'gk-table' },
    SHORTCUTS.map(([keys, what]) => el('tr', {}, el('td', {}, el('kbd', { text: keys })), el('td', { text: what })))));
}
