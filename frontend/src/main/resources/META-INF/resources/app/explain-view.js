// Explain: the trace of one sample's evaluation (full / notes / fails, searchable), print()
// output, coverage highlighting in the Rego editor, and the highlights that map a clicked
// violation to its Rego rule and to the sample line it is about.

import { el, byTestId, replace } from './dom.js';

const MAX_RENDERED_LINES = 4000;

export class TraceView {
  constructor({ explain, revealRego, onRule }) {
    this.explain = explain;
    this.revealRego = revealRego;
    this.onRule = onRule;
    this.root = byTestId('trace');
    this.body = this.root.querySelector('[data-role="trace-body"]');
    this.count = this.root.querySelector('[data-role="trace-count"]');
    this.sampleSelect = this.root.querySelector('[data-role="trace-sample"]');
    this.search = this.root.querySelector('[data-role="trace-search"]');
    this.mode = 'full';
    this.explanation = null;
    this.samples = [];
    this.generation = 0; // bumped by reset(): a trace requested for an earlier workspace is dropped
    this.retraceFrom = null; // after reset(): the first result at or after this version is traced again
    for (const button of this.root.querySelectorAll('[data-mode]')) {
      button.addEventListener('click', () => {
        this.mode = button.dataset.mode;
        for (const b of this.root.querySelectorAll('[data-mode]')) b.setAttribute('aria-pressed', String(b === button));
        this.renderLines();
      });
    }
    this.search.addEventListener('input', () => this.renderLines());
    this.sampleSelect.addEventListener('change', () => {
      const sample = this.samples.find((s) => String(s.index) === this.sampleSelect.value);
      if (sample) this.traceSample(sample);
    });
  }

  /**
   * A new workspace was loaded (gallery policy, shared link): the trace, the picked sample and the search belong
   * to the previous one. Clears them; when a trace was shown, the first result of the new workspace (version >=
   * `version`) traces its first evaluated sample again, so the Trace tab never shows another policy's trace.
   */
  reset(version) {
    this.generation += 1;
    this.retraceFrom = this.explanation || this.root.dataset.state === 'loading' ? version : null;
    this.explanation = null;
    this.samples = [];
    replace(this.sampleSelect, el('option', { value: '', text: 'Trace a sample…' }));
    this.sampleSelect.value = '';
    this.showPickedName();
    this.search.value = '';
    this.count.textContent = '';
    delete this.root.dataset.sample;
    delete this.root.dataset.state;
    replace(this.body, el('div', { class: 'empty-state' },
      el('span', { text: 'Click a violation, or pick a sample above, to trace its evaluation.' })));
  }

  /** Keeps the sample picker in step with the latest result (of workspace version `version`). */
  setSamples(samples, version = Infinity) {
    this.samples = samples;
    const current = this.sampleSelect.value;
    replace(this.sampleSelect, el('option', { value: '', text: 'Trace a sample…' }),
      samples.map((s) => el('option', { value: s.index, text: `${s.name} (${s.status})` })));
    if (samples.some((s) => String(s.index) === current)) this.sampleSelect.value = current;
    this.showPickedName();
    if (this.retraceFrom !== null && version >= this.retraceFrom) {
      this.retraceFrom = null;
      const sample = samples.find((s) => s.status !== 'error') ?? samples[0];
      if (sample) this.traceSample(sample);
    }
  }

  /** The sample picked in the trace view (by a click or the picker), or undefined. */
  selectedSample() {
    return this.samples.find((s) => String(s.index) === this.sampleSelect.value);
  }

  /** The picker's tooltip is the whole name of the picked sample (the picker may be narrower than it). */
  showPickedName() {
    const option = this.sampleSelect.selectedOptions[0];
    this.sampleSelect.title = option && option.value !== '' ? option.textContent : 'Sample to trace';
  }

  traceSample(sample, violation = null) {
    this.sampleSelect.value = String(sample.index);
    this.showPickedName();
    const constraint = violation?.constraint ?? sample.violations[0]?.constraint ?? sample.matched[0] ?? null;
    replace(this.body, el('div', { class: 'empty-state', text: 'Tracing…' }));
    this.root.dataset.state = 'loading';
    const generation = this.generation;
    return this.explain(sample.index, constraint, violation?.message ?? null).then((reply) => {
      if (generation !== this.generation) return null; // the workspace changed meanwhile
      this.explanation = reply.explanation;
      this.root.dataset.state = 'ready';
      this.root.dataset.sample = sample.name;
      this.renderLines();
      if (this.explanation.rule && violation) this.onRule(this.explanation.rule);
      return this.explanation;
    }).catch((error) => {
      if (generation !== this.generation) return;
      this.root.dataset.state = 'error';
      replace(this.body, el('div', { class: 'trace-error', text: error.message }));
    });
  }

  renderLines() {
    const x = this.explanation;
    if (!x) return;
    if (x.error && x.events.length === 0) {
      replace(this.body, el('div', { class: 'trace-error', text: x.error }));
      this.count.textContent = '';
      return;
    }
    const shown = filterEvents(x.events, this.mode);
    const query = this.search.value.trim().toLowerCase();
    const matching = query ? shown.filter((e) => lineText(e).toLowerCase().includes(query)) : shown;
    this.count.textContent = `${matching.length} of ${x.events.length} events${x.truncated ? ' (truncated)' : ''}`;
    const nodes = matching.slice(0, MAX_RENDERED_LINES).map((e) => this.line(e, query));
    if (matching.length === 0) {
      nodes.push(el('div', {
        class: 'empty-state', 'data-testid': 'trace-empty',
        text: query ? `No ${this.mode === 'full' ? '' : `${this.mode} `}events match "${this.search.value.trim()}".`
          : this.mode === 'notes' ? 'No notes: add trace(...) calls to the Rego to note values here.'
            : this.mode === 'fails' ? 'No failed expressions in this evaluation.' : 'No events.',
      }));
    }
    if (x.error) nodes.unshift(el('div', { class: 'trace-error', text: x.error }));
    if (matching.length > MAX_RENDERED_LINES) {
      nodes.push(el('div', { class: 'trace-error', text: `… ${matching.length - MAX_RENDERED_LINES} more; narrow the search` }));
    }
    replace(this.body, nodes);
  }

  line(e, query) {
    const location = e.module === 'query' ? 'query' : `${moduleLabel(e.module)}:${e.line}`;
    const text = `${'| '.repeat(e.depth)}${e.op} ${e.text}${e.message ? ` ${e.message}` : ''}`;
    return el('div', {
      class: 'trace-line', 'data-op': e.op, 'data-line': e.line, title: e.locals || '',
      onclick: () => { if (e.module !== 'query') this.revealRego(e.module, e.line); },
    },
    el('span', { class: 'loc', text: `${location.padEnd(11)} ` }),
    highlight(text, query, e.op),
    e.locals && (e.op === 'Exit' || e.op === 'Fail' || e.op === 'Note')
      ? el('span', { class: 'locals', text: `   {${e.locals}}` }) : null);
  }
}

function moduleLabel(module) {
  return module === 'rego' ? 'template' : module.replace('lib:', 'lib_');
}

function lineText(e) {
  return `${e.op} ${e.text} ${e.message} ${e.locals}`;
}

function highlight(text, query, op) {
  const span = el('span');
  const opIndex = text.indexOf(op);
  const before = text.slice(0, opIndex);
  const rest = text.slice(opIndex + op.length);
  span.append(before, el('span', { class: 'op', text: op }));
  if (!query) {
    span.append(rest);
    return span;
  }
  const lower = rest.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(query); i >= 0; i = lower.indexOf(query, at)) {
    span.append(rest.slice(at, i), el('mark', { text: rest.slice(i, i + query.length) }));
    at = i + query.length;
  }
  span.append(rest.slice(at));
  return span;
}

/**
 * OPA's explain modes: `full` is every event; `notes` / `fails` keep Note / Fail events and
 * the chain of enclosing Enter / Redo events that leads to each of them.
 */
export function filterEvents(events, mode) {
  if (mode === 'full') return events;
  const target = mode === 'notes' ? 'Note' : 'Fail';
  const keep = new Set();
  const lastEnter = new Map();
  const parent = new Map();
  events.forEach((e, i) => {
    if (!parent.has(e.qid)) parent.set(e.qid, e.pid);
    if (e.op === 'Enter' || e.op === 'Redo') lastEnter.set(e.qid, i);
    if (e.op === target) {
      keep.add(i);
      for (let q = e.qid, guard = 0; q && guard < 10_000; q = parent.get(q), guard += 1) {
        if (lastEnter.has(q)) keep.add(lastEnter.get(q));
      }
    }
  });
  return events.filter((_, i) => keep.has(i));
}

/** print() output of the latest result, per sample. */
export function renderPrints(samples) {
  const root = byTestId('print-output');
  const withPrints = samples.filter((s) => s.prints.length);
  if (withPrints.length === 0) {
    replace(root, el('div', { class: 'problems-empty', text: 'No print() output. Add print(...) calls to the Rego to see values here.' }));
    return;
  }
  replace(root, withPrints.map((s) => el('div', {},
    el('div', { class: 'sub-title', text: s.name }),
    s.prints.map((p) => {
      const m = /^(.*?:\d+): (.*)$/s.exec(p);
      return el('div', { class: 'print-line' },
        m ? el('span', { class: 'loc', text: `${m[1]}  ` }) : null, m ? m[2] : p);
    }))));
}

/** Decorations: the rule of a clicked violation, the sample line, and coverage. */
export class Highlights {
  constructor(monaco, regoEditor, samplesEditor, state) {
    this.monaco = monaco;
    this.regoEditor = regoEditor;
    this.samplesEditor = samplesEditor;
    this.state = state;
    this.rule = regoEditor.createDecorationsCollection();
    this.sample = samplesEditor.createDecorationsCollection();
    this.coverage = new Map(); // model → decoration ids
    this.coverageData = null;
    regoEditor.onDidChangeModel(() => this.applyCoverage());
  }

  showRule(rule) {
    if (!rule) return;
    const model = this.state.moduleModel(rule.module);
    if (!model) return;
    if (this.regoEditor.getModel() !== model) this.regoEditor.setModel(model);
    this.rule.set([{
      range: new this.monaco.Range(rule.startLine, 1, rule.endLine, 1),
      options: { isWholeLine: true, className: 'rule-highlight', linesDecorationsClassName: 'rule-highlight-gutter' },
    }]);
    this.regoEditor.revealLinesInCenterIfOutsideViewport(rule.startLine, rule.endLine);
  }

  showSampleRange(range) {
    if (!range) {
      this.sample.clear();
      return;
    }
    this.sample.set([{
      range: new this.monaco.Range(range.startLine, 1, range.endLine, 1),
      options: { isWholeLine: true, className: 'sample-highlight', linesDecorationsClassName: 'sample-highlight-gutter' },
    }]);
    this.samplesEditor.revealLinesInCenterIfOutsideViewport(range.startLine, range.endLine);
  }

  setCoverage(coverage) {
    this.coverageData = coverage;
    this.applyCoverage();
  }

  applyCoverage() {
    const models = [this.state.models.rego, ...this.state.libModels];
    models.forEach((model, i) => {
      const module = i === 0 ? 'rego' : `lib:${i - 1}`;
      const data = this.coverageData?.[module];
      const decorations = [];
      if (data) {
        const max = model.getLineCount();
        const add = (line, covered) => {
          if (line < 1 || line > max) return;
          decorations.push({
            range: new this.monaco.Range(line, 1, line, 1),
            options: {
              isWholeLine: true,
              className: covered ? 'cov-covered-line' : 'cov-not-covered-line',
              linesDecorationsClassName: covered ? 'cov-covered' : 'cov-not-covered',
            },
          });
        };
        data.covered.forEach((l) => add(l, true));
        data.notCovered.forEach((l) => add(l, false));
      }
      this.coverage.set(model, model.deltaDecorations(this.coverage.get(model) ?? [], decorations));
    });
  }
}
