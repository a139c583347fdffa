// The results pane: one card per sample with its verdict (allowed / violated / error), its
// violations (message, details, enforcement action, constraint), whether it met its
// `# expect:` comments and what the mutators changed (mutation-view.js). A result older than
// the latest edit is shown dimmed as stale.

import { el, byTestId, replace } from './dom.js';
import { mutatedBadge, mutationDiff, toggleDiff } from './mutation-view.js';

export class ResultsView {
  constructor({ onViolation, onSample, onExpect }) {
    this.pane = byTestId('results');
    this.body = this.pane.querySelector('[data-role="results-body"]');
    this.summary = this.pane.querySelector('[data-role="summary"]');
    this.onViolation = onViolation;
    this.onSample = onSample;
    this.onExpect = onExpect;
    this.selected = null;
  }

  /** Marks the shown result stale (an edit is being evaluated) or current. */
  setStale(stale) {
    this.pane.dataset.stale = String(stale);
  }

  /**
   * The policy does not compile: instead of turning every card into the same error, keep the last results
   * that compiled, dimmed, under one banner that names the error, until the policy compiles again.
   */
  renderBroken(result, lastGood, stale) {
    this.render(lastGood, stale, { version: result.version, broken: true });
    const error = (result.problems ?? []).find((p) => p.severity === 'error');
    const where = error ? `${moduleName(error.source)}${error.startLine ? ` line ${error.startLine}` : ''}` : '';
    const banner = el('div', { class: 'broken-banner', 'data-testid': 'results-broken-banner', role: 'alert' },
      el('strong', { text: 'The policy does not compile' }),
      el('span', { class: 'broken-error', text: error ? `${where}: ${error.message}` : 'see Problems' }),
      el('span', { class: 'broken-note', text: 'Showing the last results of the policy that compiled, dimmed, until it compiles again.' }));
    this.body.prepend(banner);
  }

  render(result, stale, { version = result.version, broken = false } = {}) {
    this.result = result;
    this.broken = broken;
    this.pane.dataset.version = String(version);
    this.pane.dataset.broken = String(broken);
    this.setStale(stale);
    const samples = result.samples;
    const counts = { allowed: 0, violated: 0, error: 0, 'not-matched': 0 };
    let expected = 0;
    let met = 0;
    for (const s of samples) {
      counts[s.status] += 1;
      if (s.expectationsMet !== null && s.expectationsMet !== undefined) {
        expected += 1;
        if (s.expectationsMet) met += 1;
      }
    }
    const parts = [`${samples.length} sample${samples.length === 1 ? '' : 's'}`,
      `${counts.allowed} allowed`, `${counts.violated} violated`];
    if (counts['not-matched']) parts.push(`${counts['not-matched']} not matched`);
    if (counts.error) parts.push(`${counts.error} error`);
    // (when the template itself is broken, every sample card already says so)
    const notApplied = result.templateOk === false ? [] : result.constraints.filter((c) => c.error);
    if (notApplied.length) parts.push(`${notApplied.length} constraint${notApplied.length === 1 ? '' : 's'} not applied`);
    if (expected) parts.push(`expectations ${met}/${expected} met`);
    parts.push(`${result.elapsedMs.toFixed(1)} ms`);
    this.summary.textContent = parts.join(' · ');
    this.summary.dataset.expectationsFailed = String(met < expected);

    if (samples.length === 0) {
      replace(this.body, el('div', { class: 'empty-state' },
        el('strong', { text: 'No samples' }),
        el('span', { text: 'Add Kubernetes objects or AdmissionReviews to the samples editor, one YAML document each.' })));
      return;
    }
    // a constraint that Gatekeeper would reject checks nothing: say so above the verdicts it did not take part in
    const notices = notApplied.map((c) => el('div', {
      class: 'constraint-error', 'data-testid': 'constraint-error', 'data-constraint': c.id, role: 'alert',
    },
    el('strong', { text: `${c.id || 'The constraint'} is not applied` }),
    el('span', { text: `${c.error.replace(/\.$/, '')}. No sample is checked against it (see Problems).` })));
    replace(this.body, notices, samples.map((s) => this.card(s, result)));
  }

  card(s, result) {
    const meta = [s.kind, s.namespace ? `${s.namespace}/${s.objectName}` : s.objectName, s.operation]
      .filter(Boolean).join(' · ');
    const head = el('div', { class: 'sample-head', onclick: () => this.onSample(s) },
      el('span', {
        class: 'status-pill', 'data-testid': 'sample-status', 'data-status': s.status, 'data-sample': s.name,
        text: s.status === 'not-matched' ? 'not matched' : s.status,
        title: STATUS_TITLES[s.status],
      }),
      el('span', { class: 'name', text: s.name, title: s.name }),
      el('span', { class: 'meta', text: meta, title: meta || null }),
      mutatedBadge(s, () => toggleDiff(s, card)),
      expectationBadge(s),
      // offered only where it would change something: no expectation yet, or one that is not met
      s.expectationsMet === true ? null : el('button', {
        class: 'btn small', 'data-testid': 'expect-this',
        title: this.broken ? 'These are the last results that compiled: fix the policy first'
          : s.status === 'error'
            ? 'A sample that could not be evaluated has no outcome to expect: fix its error first'
            : 'Write the current outcome as this sample\'s # expect: comment',
        disabled: s.status === 'error' || this.broken,
        text: 'expect this', onclick: (e) => { e.stopPropagation(); this.onExpect(s); },
      }),
      el('span', { class: 'time', text: `${s.timeMs.toFixed(2)} ms` }));
    const card = el('div', { class: 'sample', 'data-sample-index': s.index }, head);
    if (s.expectations.length && !s.expectationsMet) {
      card.append(el('ul', { class: 'expect-list' }, s.expectations.map((x) => el('li', {
        'data-met': String(x.met),
        text: `${x.met ? '✓' : '✗'} expected ${x.description}${x.error ? ` — ${x.error}` : ''} (line ${x.line})`,
      }))));
    }
    const diff = mutationDiff(s);
    if (diff) card.append(diff);
    if (s.error) card.append(el('div', { class: 'sample-error', text: s.error }));
    if (s.status === 'not-matched') {
      card.append(el('ul', { class: 'not-matched', 'data-testid': 'not-matched-reasons' },
        (s.notMatched ?? []).map((n) => el('li', { text: `${n.constraint}: ${n.reason}` }))));
    }
    for (const v of s.violations) card.append(this.violation(s, v));
    if (s.prints.length) card.append(el('div', { class: 'sample-prints', text: s.prints.join('\n') }));
    return card;
  }

  violation(s, v) {
    const details = v.details && Object.keys(v.details).length ? JSON.stringify(v.details) : '';
    const row = el('div', {
      class: 'violation', 'data-testid': 'violation', 'data-sample': s.name, 'data-constraint': v.constraint,
      'data-enforcement-action': v.enforcementAction, tabindex: 0, role: 'button',
      title: 'Show the rule, the sample line and the trace',
    },
    el('span', { class: 'action', 'data-action': v.enforcementAction, text: v.enforcementAction }),
    el('span', { class: 'message', text: v.message }),
    el('span', {
      class: 'where',
      text: `${v.constraint}${v.sampleRange ? ` · samples line ${v.sampleRange.startLine}` : ''}`,
    }),
    details ? el('span', { class: 'details', text: `details: ${details}` }) : null);
    const select = () => {
      this.body.querySelectorAll('.violation.selected').forEach((n) => n.classList.remove('selected'));
      row.classList.add('selected');
      this.onViolation(s, v);
    };
    row.addEventListener('click', select);
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(); });
    return row;
  }
}

function moduleName(source) {
  if (source === 'rego') return 'template.rego';
  const lib = /^lib:(\d+)$/.exec(source ?? '');
  return lib ? `lib_${lib[1]}.rego` : source ?? '';
}

const STATUS_TITLES = {
  allowed: 'Checked by the constraints that match it, with no violation',
  violated: 'At least one constraint reports a violation',
  error: 'Could not be evaluated',
  'not-matched': 'No constraint matches this sample, so nothing checked it (Gatekeeper admits it)',
};

function expectationBadge(s) {
  if (s.expectationsMet === null || s.expectationsMet === undefined) return null;
  const text = s.expectations.map((x) => x.text).join('; ');
  return el('span', {
    class: 'expect', 'data-testid': 'expectation', 'data-met': String(s.expectationsMet),
    title: s.expectations.map((x) => `${x.met ? '✓' : '✗'} ${x.description}`).join('\n'),
    text: s.expectationsMet ? '✓ as expected' : '✗ not as expected',
    'aria-label': `expect ${text}`,
  });
}
