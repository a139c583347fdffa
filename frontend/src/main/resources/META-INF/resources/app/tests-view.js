// The Tests tab: the workspace's Rego unit tests (test_* rules of the src_test.rego modules), run by the
// backend after every evaluation ('tests' messages on /ws/eval). One row per test with its status and time;
// clicking a row opens its rule (a failed test: the expression that failed) and shows its trace and print()
// output below the list.

import { $, byTestId, el, replace } from './dom.js';

export class TestsView {
  /** @param reveal (module, line) → shows that line of a Rego module */
  constructor({ reveal }) {
    this.reveal = reveal;
    this.root = byTestId('tests');
    this.list = $('[data-role="tests-list"]', this.root);
    this.summary = $('[data-role="tests-summary"]', this.root);
    this.detail = byTestId('test-detail');
    this.badge = $('[data-role="test-count"]');
    this.version = -1;
    this.selected = null;
  }

  /** A workspace without test modules: the list empties (no 'tests' message comes for it). */
  clear(version) {
    if (version < this.version) return;
    this.version = version;
    this.render({ tests: [], problems: [], passed: 0, failed: 0, errors: 0, skipped: 0 }, false);
  }

  update(reply) {
    if (reply.version < this.version) return;
    this.version = reply.version;
    this.render(reply, true);
  }

  render(reply, hasTests) {
    const { tests, problems } = reply;
    this.badge.textContent = String(tests.length);
    this.badge.dataset.state = reply.failed + reply.errors > 0 ? 'fail' : tests.length ? 'pass' : '';
    this.root.dataset.version = String(reply.version ?? this.version);
    if (!hasTests) {
      this.summary.textContent = 'No unit tests. Add a test module with “+ Test”: rules named test_* in src_test.rego run with every evaluation.';
    } else if (problems.length) {
      this.summary.textContent = 'The test modules do not compile:';
    } else {
      const parts = [`${reply.passed} passed`, `${reply.failed} failed`];
      if (reply.errors) parts.push(`${reply.errors} errors`);
      if (reply.skipped) parts.push(`${reply.skipped} skipped`);
      this.summary.textContent = `${tests.length} tests: ${parts.join(', ')}`;
    }
    replace(this.list,
      problems.map((p) => el('div', {
        class: 'problem', 'data-severity': 'error', role: 'button', tabindex: 0,
        onclick: () => this.reveal(p.source, p.startLine),
        text: p.message,
      })),
      tests.map((t) => this.row(t)));
    const again = this.selected && tests.find((t) => t.name === this.selected);
    if (again) this.showDetail(again);
    else this.detail.hidden = true;
  }

  row(t) {
    const selected = t.name === this.selected;
    const time = t.status === 'skipped' ? '' : `${t.timeMs.toFixed(2)} ms`;
    return el('div', {
      class: selected ? 'test-row selected' : 'test-row', 'data-testid': 'test-row', 'data-status': t.status, 'data-name': t.name,
      role: 'button', tabindex: 0,
      onclick: () => this.open(t),
      onkeydown: (e) => { if (e.key === 'Enter') this.open(t); },
    },
    el('span', { class: `test-status ${t.status}`, 'data-testid': 'test-status', text: t.status.toUpperCase() }),
    el('span', { class: 'test-name', text: t.name }),
    el('span', { class: 'test-time', text: time }));
  }

  /** Selects a test by name (a code lens): its details show now and after the next run. */
  focus(name) {
    this.selected = name;
    const row = name && [...this.list.querySelectorAll('[data-testid="test-row"]')].find((r) => r.dataset.name === name);
    if (row) row.scrollIntoView({ block: 'nearest' });
  }

  open(t) {
    this.selected = t.name;
    const at = t.failedAt ?? t.errorAt ?? t.rule;
    if (at && at.module !== 'query') this.reveal(at.module, at.line);
    this.showDetail(t);
  }

  showDetail(t) {
    const lines = [`${t.name}: ${t.status.toUpperCase()}`];
    if (t.error) lines.push('', t.error);
    if (t.prints.length) lines.push('', 'print() output:', ...t.prints.map((p) => `  ${p}`));
    if (t.trace) lines.push('', 'Trace (notes and fails):', t.trace);
    this.detail.textContent = lines.join('\n');
    this.detail.hidden = false;
  }
}
