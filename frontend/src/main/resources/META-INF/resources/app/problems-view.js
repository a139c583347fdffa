// The problems list and the evaluator's markers. Two sources meet here, each with its own Monaco
// marker owner so neither clears the other's:
//   - the evaluator (/ws/eval): Rego parse/compile, template validation, constraint schema, YAML errors,
//     marked as owner 'studio-eval' in the editor they belong to;
//   - the language server (lsp-client.js 'diagnostics' events): parse/compile/type errors, Gatekeeper
//     template checks and lint findings of the template's Rego documents, marked by lsp-monaco.js as
//     owner 'lsp'.
// Both are listed once: an evaluator error on a Rego module's line where the language server already
// reports an error (the same parse error seen twice) is neither marked nor listed. Lint findings link
// to their rule page (/rules/<category>/<name>).

import { el, byTestId, replace } from './dom.js';

export const OWNER = 'studio-eval';

const LABELS = {
  rego: 'template.rego',
  schema: 'parameters schema',
  metadata: 'template metadata',
  constraint: 'constraint.yaml',
  samples: 'samples.yaml',
  inventory: 'inventory.yaml',
  'template-yaml': 'template YAML',
};

// LSP DiagnosticSeverity → name; hints are left out of the list (they stay faint in the editor)
const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'info' };
const RANK = { error: 0, warning: 1, info: 2 };

export class ProblemsView {
  /**
   * @param resolve   source → { model, reveal(line, column) }
   * @param sourceOf  LSP document URI → source ('rego', 'lib:<i>') of the Rego documents to list, else undefined
   */
  constructor(monaco, resolve, sourceOf = () => undefined) {
    this.monaco = monaco;
    this.resolve = resolve;
    this.sourceOf = sourceOf;
    this.list = byTestId('problems');
    this.count = document.querySelector('[data-role="problem-count"]');
    this.marked = new Set();
    this.evalProblems = [];
    this.splitProblems = [];
    this.lsp = new Map(); // uri → LSP diagnostics
    this.render();
  }

  setEvaluation(problems) {
    this.evalProblems = problems;
    this.render();
  }

  setSplit(problems) {
    this.splitProblems = problems;
    this.render();
  }

  /** The language server's diagnostics of one document (publishDiagnostics params). */
  setDiagnostics({ uri, diagnostics }) {
    this.lsp.set(uri, diagnostics ?? []);
    this.render();
  }

  /** LSP diagnostics of the listed Rego documents, as problems in editor (1-based) coordinates. */
  lspProblems() {
    const out = [];
    for (const [uri, diagnostics] of this.lsp) {
      const source = this.sourceOf(uri);
      if (!source) continue;
      for (const d of diagnostics) {
        const severity = SEVERITIES[d.severity ?? 1];
        if (!severity) continue;
        out.push({
          origin: 'lsp', source, severity, message: d.message, kind: d.source,
          code: d.code === undefined ? undefined : String(d.code),
          href: d.codeDescription?.href,
          startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
        });
      }
    }
    return out;
  }

  render() {
    const lsp = this.lspProblems();
    const lspErrorLines = new Set(lsp.filter((p) => p.severity === 'error' && (p.kind === 'rego' || p.kind === 'gatekeeper'))
      .map((p) => `${p.source}:${p.startLine}`));
    const lspErrorSources = new Set(lsp.filter((p) => p.severity === 'error' && p.kind === 'gatekeeper').map((p) => p.source));
    const duplicate = (p) => (p.source === 'rego' || p.source.startsWith('lib:'))
      && (lspErrorLines.has(`${p.source}:${p.startLine || 1}`) || (!p.startLine && lspErrorSources.has(p.source)));
    const evaluator = [...this.splitProblems, ...this.evalProblems]
      .filter((p) => !duplicate(p))
      .map((p) => ({ ...p, origin: 'eval', severity: p.severity === 'warning' ? 'warning' : 'error' }));
    this.mark(evaluator);

    const problems = [...evaluator, ...lsp].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const has = (severity) => problems.some((p) => p.severity === severity);
    this.count.textContent = String(problems.length);
    this.count.classList.toggle('error', has('error'));
    this.count.classList.toggle('warning', !has('error') && has('warning'));
    if (problems.length === 0) {
      replace(this.list, el('div', { class: 'problems-empty', text: 'No problems.' }));
      return;
    }
    replace(this.list, problems.map((p) => this.row(p)));
  }

  row(p) {
    const code = p.code && (p.href
      ? el('a', {
        class: 'code', href: new URL(p.href, window.location.href).toString(), target: '_blank', rel: 'noopener',
        'data-testid': 'rule-link', title: 'Open the rule\'s documentation', text: p.code,
        onclick: (e) => e.stopPropagation(),
      })
      : el('span', { class: 'code', text: p.code }));
    return el('div', {
      class: 'problem', 'data-source': p.source, 'data-line': p.startLine, 'data-origin': p.origin,
      'data-severity': p.severity, tabindex: 0,
      onclick: () => this.resolve(p.source)?.reveal(p.startLine || 1, p.startColumn || 1),
    },
    el('span', { class: 'sev', text: '●', title: p.severity }),
    el('span', { class: 'loc', text: `${label(p.source)}${p.startLine ? `:${p.startLine}:${p.startColumn}` : ''}` }),
    el('span', { class: 'msg', text: p.message }),
    code || null);
  }

  /** The evaluator's markers, per model, replacing the previous ones (the language server keeps its own). */
  mark(problems) {
    const bySource = new Map();
    for (const p of problems) {
      if (!bySource.has(p.source)) bySource.set(p.source, []);
      bySource.get(p.source).push(p);
    }
    const models = new Set();
    for (const [source, list] of bySource) {
      const model = this.resolve(source)?.model;
      if (!model || model.isDisposed()) continue;
      models.add(model);
      this.monaco.editor.setModelMarkers(model, OWNER, list.map((p) => this.marker(model, p)));
    }
    for (const model of this.marked) {
      if (!models.has(model) && !model.isDisposed()) this.monaco.editor.setModelMarkers(model, OWNER, []);
    }
    this.marked = models;
  }

  marker(model, p) {
    const lines = model.getLineCount();
    const line = Math.min(Math.max(p.startLine || 1, 1), lines);
    const column = Math.max(p.startColumn || 1, 1);
    let endLine = Math.min(Math.max(p.endLine || line, line), lines);
    let endColumn = p.endColumn || column + 1;
    if (endLine === line && endColumn <= column) endColumn = column + 1;
    if (!p.startLine) {
      endLine = line;
      endColumn = model.getLineMaxColumn(line);
    } else if (endLine === line) {
      // a point position: underline the word (or the rest of the line) so the marker is visible
      const word = model.getWordAtPosition({ lineNumber: line, column });
      endColumn = Math.max(endColumn, word?.endColumn ?? Math.min(column + 1, model.getLineMaxColumn(line)));
    }
    return {
      severity: p.severity === 'warning' ? this.monaco.MarkerSeverity.Warning : this.monaco.MarkerSeverity.Error,
      message: p.message,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: endLine,
      endColumn,
      source: 'gatekeeper',
    };
  }
}

function label(source) {
  if (source.startsWith('lib:')) return `lib_${source.slice(4)}.rego`;
  return LABELS[source] ?? source;
}
