// The Query tab (OPA Playground's Evaluate): any Rego query against the template, its libs and the test
// modules, with data.inventory and the selected sample's review as input. The answer is opa eval's JSON; errors
// show with their position. ↑/↓ walk the history (on the first / last line of the box), Ctrl+Enter runs.

import { $, byTestId } from './dom.js';

const HISTORY_MAX = 50;

export class QueryView {
  /** @param run (text) → Promise of the backend's query reply */
  constructor({ run, context }) {
    this.run = run;
    this.context = context;
    this.input = byTestId('query-input');
    this.output = byTestId('query-result');
    this.contextLine = $('[data-role="query-context"]');
    this.history = [];
    this.cursor = 0;
    byTestId('query-run').addEventListener('click', () => this.evaluate());
    this.input.addEventListener('keydown', (e) => this.key(e));
  }

  /** Puts a query into the box and evaluates it ("Evaluate selection"). */
  evaluateText(text) {
    this.input.value = text;
    return this.evaluate();
  }

  async evaluate() {
    const text = this.input.value.trim();
    if (!text) return;
    if (this.history[this.history.length - 1] !== text) this.history.push(text);
    if (this.history.length > HISTORY_MAX) this.history.shift();
    this.cursor = this.history.length;
    this.contextLine.textContent = this.context();
    this.output.dataset.state = 'running';
    try {
      const reply = await this.run(text);
      this.show(reply);
    } catch (error) {
      this.output.dataset.state = 'error';
      this.output.textContent = error.message;
    }
  }

  show(reply) {
    if (reply.errors.length) {
      this.output.dataset.state = 'error';
      this.output.textContent = reply.errors.map((e) => {
        const where = e.at ? `${e.at.module === 'query' ? 'query' : e.at.module}:${e.at.line}:${e.at.column}: ` : '';
        return `${where}${e.code ? `${e.code}: ` : ''}${e.message.replace(/^.*?: (rego_\w+|eval_\w+): /, '')}`;
      }).join('\n');
      return;
    }
    this.output.dataset.state = reply.defined ? 'defined' : 'undefined';
    const prints = reply.prints.length ? `\n\nprint() output:\n${reply.prints.join('\n')}` : '';
    this.output.textContent = (reply.defined ? reply.result.trimEnd() : 'undefined') + prints;
  }

  key(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      this.evaluate();
      return;
    }
    const before = this.input.value.slice(0, this.input.selectionStart);
    const after = this.input.value.slice(this.input.selectionEnd);
    if (e.key === 'ArrowUp' && !before.includes('\n') && this.cursor > 0) {
      e.preventDefault();
      this.cursor -= 1;
      this.input.value = this.history[this.cursor];
    } else if (e.key === 'ArrowDown' && !after.includes('\n') && this.cursor < this.history.length) {
      e.preventDefault();
      this.cursor += 1;
      this.input.value = this.history[this.cursor] ?? '';
    }
  }
}
