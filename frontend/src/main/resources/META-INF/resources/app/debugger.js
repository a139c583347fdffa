// The Rego debugger in the browser (issue 20), the end of /ws/debug (see the backend's DebugProtocol):
// gutter breakpoints in the Rego editor (entry point and libs; click the glyph margin or press F9), a Debug button
// on each result card, and the Debug tab: toolbar (continue, step over / into / out, stop), the current line,
// Call stack, Variables (lazy, paged) and Watch expressions evaluated in the selected frame. The paused line is
// highlighted in the Rego editor and the sample line its bindings point at in the samples editor.

import { el, byTestId, replace } from './dom.js';
import { selectTab } from './tabs.js';

const PAGE = 100;

export function debugUrl(location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/debug`;
}

const moduleLabel = (module) => (module?.startsWith('lib:') ? `lib_${module.slice(4)}.rego` : 'template.rego');

export function installDebugger(studio) {
  const dbg = new Debugger(studio);
  window.studio = Object.assign(window.studio ?? {}, { debugger: dbg });
  return dbg;
}

class Debugger {
  constructor({ monaco, regoEditor, state, moduleOf, highlights, revealRego, result, toast }) {
    this.monaco = monaco;
    this.editor = regoEditor;
    this.state = state;
    this.moduleOf = moduleOf;
    this.highlights = highlights;
    this.revealRego = revealRego;
    this.result = result;
    this.toast = toast;
    this.breakpoints = new Map(); // model → decoration ids
    this.current = new Map(); // model → decoration ids of the paused line
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map(); // request id → callback
    this.paused = null;
    this.frame = 0;
    this.active = false;
    this.watches = [];
    this.panel = byTestId('debug');
    this.buildPanel();
    this.installGutter();
    document.addEventListener('studio:rendered', () => this.addDebugButtons());
    this.render();
  }

  // ---- breakpoints
  installGutter() {
    this.editor.updateOptions({ glyphMargin: true });
    const { MouseTargetType } = this.monaco.editor;
    this.editor.onMouseDown((e) => {
      if (e.target.type !== MouseTargetType.GUTTER_GLYPH_MARGIN || !e.target.position) return;
      this.toggleBreakpoint(this.editor.getModel(), e.target.position.lineNumber);
    });
    this.editor.addCommand(this.monaco.KeyCode.F9, () => {
      const pos = this.editor.getPosition();
      if (pos) this.toggleBreakpoint(this.editor.getModel(), pos.lineNumber);
    });
  }

  toggleBreakpoint(model, line) {
    if (!this.moduleOf(model)) return;
    const ids = this.breakpoints.get(model) ?? [];
    const lines = this.lines(model);
    const keep = lines.filter((l) => l !== line);
    if (keep.length === lines.length) keep.push(line);
    const decorations = keep.map((l) => ({
      range: new this.monaco.Range(l, 1, l, 1),
      options: {
        glyphMarginClassName: 'debug-breakpoint-glyph',
        glyphMarginHoverMessage: { value: 'Breakpoint (click or F9 to remove)' },
        stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    }));
    this.breakpoints.set(model, model.deltaDecorations(ids, decorations));
    this.sendBreakpoints();
    this.renderBreakpointCount();
  }

  /** Breakpoint lines of a model, following its edits. */
  lines(model) {
    const ids = this.breakpoints.get(model) ?? [];
    return [...new Set(ids.map((id) => model.getDecorationRange(id)?.startLineNumber).filter(Boolean))].sort((a, b) => a - b);
  }

  allBreakpoints() {
    const out = [];
    for (const model of this.breakpoints.keys()) {
      const module = this.moduleOf(model);
      if (!module || model.isDisposed()) continue;
      for (const line of this.lines(model)) out.push({ module, line });
    }
    return out;
  }

  sendBreakpoints() {
    if (this.active) this.send({ type: 'breakpoints', breakpoints: this.allBreakpoints() });
  }

  // ---- session
  connect() {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return this.opened;
    const socket = new WebSocket(debugUrl());
    this.socket = socket;
    this.opened = new Promise((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('the debugger is not reachable'));
    });
    socket.onmessage = (e) => this.receive(JSON.parse(e.data));
    socket.onclose = () => {
      if (this.socket === socket) this.socket = null;
      if (this.active) this.ended({ message: 'debugger connection closed' });
    };
    return this.opened;
  }

  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  request(message, callback) {
    const id = this.nextId++;
    this.pending.set(id, callback);
    this.send({ ...message, id });
  }

  /** Debugs one sample (its card in the results) against its first violated or matched constraint. */
  async start(sample) {
    const constraint = sample.violations[0]?.constraint ?? sample.matched[0] ?? null;
    selectTab('details', 'debug');
    this.active = true;
    this.paused = null;
    this.lastEnd = null;
    this.sampleName = sample.name;
    this.render();
    try {
      await this.connect();
    } catch (error) {
      this.active = false;
      this.lastEnd = error.message;
      this.render();
      return;
    }
    this.send({
      type: 'start', workspace: this.state.workspace(), sample: sample.index, constraint,
      breakpoints: this.allBreakpoints(), stopOnFail: this.stopOnFail.checked,
    });
  }

  command(type) {
    if (!this.active) return;
    if (type !== 'stop') {
      this.paused = null;
      this.clearCurrent();
    }
    this.send({ type });
    this.render();
  }

  receive(msg) {
    if (msg.type === 'stopped') this.stopped(msg);
    else if (msg.type === 'terminated') this.ended(msg);
    else if (msg.id !== undefined && this.pending.has(msg.id)) {
      const callback = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      callback(msg);
    } else if (msg.type === 'error') {
      this.active = false;
      this.lastEnd = msg.message;
      this.toast(msg.message);
      this.render();
    }
  }

  stopped(msg) {
    this.paused = msg;
    this.frame = 0;
    this.render();
    this.showFrame(0, true);
    if (msg.sampleRange) {
      selectTab('samples', 'samples');
      this.highlights.showSampleRange(msg.sampleRange);
    }
  }

  ended(msg) {
    this.active = false;
    this.paused = null;
    this.clearCurrent();
    const violations = msg.violations ?? [];
    this.lastEnd = msg.message ?? msg.error
      ?? `finished: ${violations.length} violation${violations.length === 1 ? '' : 's'}${violations.length ? ` — ${violations.join('; ')}` : ''}`;
    this.render();
  }

  // ---- frames and the current line
  showFrame(index, reveal) {
    this.frame = index;
    const f = this.paused?.frames[index];
    this.clearCurrent();
    if (!f) return;
    if (f.module && f.line > 0) {
      if (reveal || index !== 0) this.revealRego(f.module, f.line);
      const model = this.state.moduleModel(f.module);
      if (model) {
        this.current.set(model, model.deltaDecorations([], [{
          range: new this.monaco.Range(f.line, 1, f.line, 1),
          options: { isWholeLine: true, className: 'debug-current-line-highlight', linesDecorationsClassName: 'debug-current-line-glyph' },
        }]));
      }
    }
    this.renderStack();
    this.renderVariables();
    this.refreshWatches();
  }

  clearCurrent() {
    for (const [model, ids] of this.current) if (!model.isDisposed()) model.deltaDecorations(ids, []);
    this.current.clear();
  }

  // ---- panel
  buildPanel() {
    const button = (testid, text, title, type) => el('button', {
      class: 'btn small', 'data-testid': testid, title, text, onclick: () => this.command(type),
    });
    this.buttons = {
      continue: button('debug-continue', '▶ Continue', 'Run to the next breakpoint', 'continue'),
      stepOver: button('debug-step-over', '↷ Over', 'Step over: next expression in this or an outer query', 'stepOver'),
      stepInto: button('debug-step-into', '↓ Into', 'Step into: next expression anywhere', 'stepInto'),
      stepOut: button('debug-step-out', '↑ Out', 'Step out: next expression in an outer query', 'stepOut'),
      stop: button('debug-stop', '■ Stop', 'End the debug session', 'stop'),
    };
    this.stopOnFail = el('input', { type: 'checkbox', 'data-testid': 'debug-stop-on-fail' });
    this.status = el('span', { class: 'debug-status', 'data-testid': 'debug-status' });
    this.currentLine = el('div', { class: 'debug-current', 'data-testid': 'debug-current-line' });
    this.stack = el('ol', { class: 'debug-stack', 'data-testid': 'debug-stack' });
    this.variables = el('div', { class: 'debug-tree', 'data-testid': 'debug-variables' });
    this.watchInput = el('input', {
      type: 'text', class: 'debug-watch-input', 'data-testid': 'debug-watch-input',
      placeholder: 'Add a watch: a Rego expression, e.g. count(containers)', 'aria-label': 'Watch expression',
    });
    this.watchInput.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !this.watchInput.value.trim()) return;
      this.watches.push({ expression: this.watchInput.value.trim(), value: null, error: null });
      this.watchInput.value = '';
      this.refreshWatches();
    });
    this.watchList = el('ul', { class: 'debug-watch-list' });
    this.bpCount = el('span', { class: 'debug-bp-count', 'data-testid': 'debug-breakpoints' });
    replace(this.panel,
      el('div', { class: 'debug-toolbar' }, Object.values(this.buttons),
        el('label', { class: 'debug-option' }, this.stopOnFail, ' stop on failing expression'),
        this.bpCount, this.status),
      this.currentLine,
      el('div', { class: 'debug-columns' },
        el('section', { class: 'debug-section' }, el('h4', { text: 'Variables' }), this.variables),
        el('section', { class: 'debug-section' }, el('h4', { text: 'Call stack' }), this.stack),
        el('section', { class: 'debug-section', 'data-testid': 'debug-watch' },
          el('h4', { text: 'Watch' }), this.watchInput, this.watchList)));
    this.renderBreakpointCount();
  }

  renderBreakpointCount() {
    const n = this.allBreakpoints().length;
    this.bpCount.textContent = n ? `${n} breakpoint${n === 1 ? '' : 's'}` : 'no breakpoints: click the Rego editor\'s gutter or press F9';
  }

  render() {
    const paused = Boolean(this.paused);
    for (const key of ['continue', 'stepOver', 'stepInto', 'stepOut']) this.buttons[key].disabled = !paused;
    this.buttons.stop.disabled = !this.active;
    this.panel.dataset.state = paused ? 'paused' : this.active ? 'running' : 'idle';
    if (paused) {
      const top = this.paused.frames[0];
      const where = top.module ? `${moduleLabel(top.module)}:${top.line}` : 'query';
      this.status.textContent = `Paused (${this.paused.reason}) · ${this.sampleName}${this.paused.detail ? ` · ${this.paused.detail}` : ''}`;
      this.currentLine.textContent = `${where}  ${top.text}`;
      this.currentLine.dataset.module = top.module ?? '';
      this.currentLine.dataset.line = String(top.line);
      this.currentLine.hidden = false;
    } else {
      this.status.textContent = this.active ? `Running · ${this.sampleName}` : (this.lastEnd ?? 'Press Debug on a result card to start');
      this.currentLine.hidden = true;
      this.currentLine.dataset.line = '';
      if (!this.active) {
        replace(this.stack);
        replace(this.variables);
      }
    }
  }

  renderStack() {
    const frames = this.paused?.frames ?? [];
    replace(this.stack, frames.map((f, i) => el('li', {
      class: i === this.frame ? 'selected' : '', 'data-frame': i, tabindex: 0,
      title: f.text, onclick: () => this.showFrame(i, true),
    },
    el('span', { class: 'frame-name', text: f.name }),
    el('span', { class: 'frame-where', text: f.module ? `${moduleLabel(f.module)}:${f.line}` : 'query' }))));
  }

  renderVariables() {
    const p = this.paused;
    if (!p) return;
    const f = p.frames[this.frame];
    replace(this.variables,
      this.node({ name: 'Locals', value: `${f.localsSize} binding${f.localsSize === 1 ? '' : 's'}`, ref: f.localsRef, size: f.localsSize }, true),
      this.node({ ...p.input, name: 'input' }, false),
      this.node({ ...p.data, name: 'data' }, false));
  }

  /** One tree row; composite values load their children a page at a time when opened. */
  node(child, open) {
    const row = el('div', { class: 'debug-var', 'data-testid': 'debug-var', 'data-name': child.name },
      el('span', { class: 'var-toggle', text: child.ref ? '▸' : ' ' }),
      el('span', { class: 'var-name', text: child.name }),
      el('span', { class: 'var-value', 'data-role': 'value', text: child.value }));
    const kids = el('div', { class: 'debug-children', hidden: true });
    const wrap = el('div', { class: 'debug-node' }, row, kids);
    let loaded = false;
    const toggle = () => {
      if (!child.ref) return;
      kids.hidden = !kids.hidden;
      row.querySelector('.var-toggle').textContent = kids.hidden ? '▸' : '▾';
      if (!loaded) {
        loaded = true;
        this.loadPage(child.ref, 0, kids);
      }
    };
    row.addEventListener('click', toggle);
    if (open && child.ref) toggle();
    return wrap;
  }

  loadPage(ref, start, container) {
    this.request({ type: 'variables', ref, start, count: PAGE }, (reply) => {
      if (reply.type === 'error') {
        container.append(el('div', { class: 'debug-var muted', text: reply.message }));
        return;
      }
      for (const c of reply.children) container.append(this.node(c, false));
      const next = reply.start + reply.children.length;
      if (next < reply.size) {
        const more = el('button', {
          class: 'btn small debug-more', text: `more (${reply.size - next} left)`,
          onclick: () => { more.remove(); this.loadPage(ref, next, container); },
        });
        container.append(more);
      }
    });
  }

  refreshWatches() {
    for (const w of this.watches) {
      if (!this.paused) continue;
      this.request({ type: 'watch', expression: w.expression, frame: this.frame }, (reply) => {
        w.value = reply.value ?? null;
        w.error = reply.error ?? null;
        this.renderWatches();
      });
    }
    this.renderWatches();
  }

  renderWatches() {
    replace(this.watchList, this.watches.map((w, i) => el('li', { 'data-testid': 'debug-watch-item', 'data-expression': w.expression },
      el('span', { class: 'var-name', text: w.expression }),
      el('span', { class: w.error ? 'var-value error' : 'var-value', 'data-role': 'value', text: w.error ?? w.value ?? '…' }),
      el('button', {
        class: 'btn small', text: '×', title: 'Remove this watch',
        onclick: () => { this.watches.splice(i, 1); this.renderWatches(); },
      }))));
  }

  /** A Debug button on each card of a sample that can be evaluated. */
  addDebugButtons() {
    const result = this.result();
    if (!result) return;
    for (const card of document.querySelectorAll('[data-testid="results"] .sample[data-sample-index]')) {
      const sample = result.samples.find((s) => String(s.index) === card.dataset.sampleIndex);
      const head = card.querySelector('.sample-head');
      if (!sample || !head || head.querySelector('[data-testid="debug-start"]')) continue;
      head.insertBefore(el('button', {
        class: 'btn small', 'data-testid': 'debug-start', 'data-sample': sample.name,
        title: sample.status === 'error' ? 'A sample with errors cannot be debugged' : 'Debug this sample\'s evaluation step by step',
        disabled: sample.status === 'error' || (!sample.violations.length && !sample.matched.length),
        text: 'Debug',
        onclick: (e) => { e.stopPropagation(); this.start(sample); },
      }), head.querySelector('.time'));
    }
  }
}
