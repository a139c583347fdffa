// Errors from the backend (Rego parse/compile, template validation, constraint schema, YAML)
// as Monaco markers in the editor they belong to, and as a clickable problems list.

import { el, byTestId, replace } from './dom.js';

const OWNER = 'studio-eval';

const LABELS = {
  rego: 'template.rego',
  schema: 'parameters schema',
  metadata: 'template metadata',
  constraint: 'constraint.yaml',
  samples: 'samples.yaml',
  inventory: 'inventory.yaml',
  'template-yaml': 'template YAML',
};

export class ProblemsView {
  /** @param resolve  source → { model, reveal(line, column) } */
  constructor(monaco, resolve) {
    this.monaco = monaco;
    this.resolve = resolve;
    this.list = byTestId('problems');
    this.count = document.querySelector('[data-role="problem-count"]');
    this.marked = new Set();
    this.evalProblems = [];
    this.splitProblems = [];
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

  render() {
    const problems = [...this.splitProblems, ...this.evalProblems];
    const bySource = new Map();
    for (const p of problems) {
      if (!bySource.has(p.source)) bySource.set(p.source, []);
      bySource.get(p.source).push(p);
    }
    const models = new Set();
    for (const [source, list] of bySource) {
      const model = this.resolve(source)?.model;
      if (!model) continue;
      models.add(model);
      this.monaco.editor.setModelMarkers(model, OWNER, list.map((p) => this.marker(model, p)));
    }
    for (const model of this.marked) {
      if (!models.has(model) && !model.isDisposed()) this.monaco.editor.setModelMarkers(model, OWNER, []);
    }
    this.marked = models;

    this.count.textContent = String(problems.length);
    this.count.classList.toggle('error', problems.length > 0);
    if (problems.length === 0) {
      replace(this.list, el('div', { class: 'problems-empty', text: 'No problems.' }));
      return;
    }
    replace(this.list, problems.map((p) => el('div', {
      class: 'problem', 'data-source': p.source, 'data-line': p.startLine, tabindex: 0,
      onclick: () => this.resolve(p.source)?.reveal(p.startLine || 1, p.startColumn || 1),
    },
    el('span', { class: 'sev', text: '●' }),
    el('span', { class: 'loc', text: `${label(p.source)}${p.startLine ? `:${p.startLine}:${p.startColumn}` : ''}` }),
    el('span', { class: 'msg', text: p.message }))));
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
      severity: this.monaco.MarkerSeverity.Error,
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
