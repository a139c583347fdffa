// The template's "Rego v0 / v1" selector (source.version, for the entry point and every lib). When it changes, the
// template's Rego modules are checked again by the language server, which answers with its code actions
// (language-server CodeActionFeature), once it has the new version:
//   - to v1: a module that does not parse as v1 but does as v0 is offered "Convert to Rego v1" (RegoFormatter's
//     v0 → v1 conversion). It is applied at once, as one undo step per module: Ctrl+Z in the editor (or Undo in
//     the notice) restores the v0 text, and the selector follows back to v0 (Ctrl+Y / redo goes to v1 again).
//   - to v0: a module that only parses as v1 is offered a disabled "Convert to Rego v0" whose reason says why
//     (OPA has no v1 → v0 conversion): the selector returns to v1 and the text is kept.
// The outcome is shown in a notice above the Rego editor: data-testid `rego-version-notice`, data-state
// `converted` | `undone` | `kept`. While the modules are checked the selector has data-checking.

import { el } from './dom.js';
import { toMonacoRange } from './lsp-monaco.js';

export const CONVERT_V1 = 'Convert to Rego v1';
export const CONVERT_V0 = 'Convert to Rego v0';

export class RegoVersionSwitch {
  /**
   * @param client         LspClient
   * @param select         the version <select> (its 'input' event updates the workspace and the LSP context)
   * @param modules        () → [{ name, model }]: the template's Rego modules (entry point first)
   * @param editor         the Rego editor (edits to its current model go through executeEdits)
   * @param updateContext  sends the LSP context when it changed (the new version must reach the server first)
   * @param anchor         the element the notice is placed before
   */
  constructor({ client, select, modules, editor, updateContext, anchor }) {
    Object.assign(this, { client, select, modules, editor, updateContext, anchor });
    this.seq = 0;
    this.link = null; // the last conversion: { entries: [{ model, before, after }], listeners }
    this.notice = null;
    select.addEventListener('change', () => this.switched(select.value));
  }

  /** A new workspace (gallery, split template): the last conversion and its notice no longer apply. */
  reset() {
    this.seq += 1;
    this.forget();
    this.clearNotice();
  }

  async switched(to) {
    const seq = ++this.seq;
    this.forget();
    this.clearNotice();
    if (this.client.state !== 'connected') return;
    this.updateContext();
    this.select.dataset.checking = 'true';
    try {
      const answers = await Promise.all(this.modules().map(async (m) => {
        const versionId = m.model.getVersionId();
        return { ...m, versionId, actions: await this.codeActions(m.model) };
      }));
      if (seq !== this.seq || this.select.value !== to) return; // switched again meanwhile
      // a module typed into meanwhile is left alone (the action was computed on older text)
      const current = answers.filter((a) => !a.model.isDisposed() && a.model.getVersionId() === a.versionId);
      if (to === 'v1') this.convert(current);
      else this.keepV1(current);
    } finally {
      if (seq === this.seq) delete this.select.dataset.checking;
    }
  }

  async codeActions(model) {
    const uri = model.uri.toString();
    if (!this.client.documents.has(uri)) return [];
    const range = model.getFullModelRange();
    try {
      const actions = await this.client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: range.endLineNumber - 1, character: range.endColumn - 1 } },
        context: { diagnostics: [] },
      });
      return Array.isArray(actions) ? actions : [];
    } catch (error) {
      return [];
    }
  }

  convert(answers) {
    const entries = [];
    // libs first: the language server checks the entry point against the libs as they are when it is changed
    for (const a of [...answers.slice(1), ...answers.slice(0, 1)]) {
      const action = a.actions.find((x) => x.title === CONVERT_V1 && x.edit);
      const edits = (action?.edit?.changes?.[a.model.uri.toString()] ?? [])
        .map((e) => ({ range: toMonacoRange(e.range), text: e.newText }));
      if (edits.length === 0) continue;
      const before = a.model.getValue();
      if (this.editor.getModel() === a.model) {
        this.editor.pushUndoStop();
        this.editor.executeEdits('rego-v1-conversion', edits);
        this.editor.pushUndoStop();
      } else {
        a.model.pushStackElement();
        a.model.pushEditOperations([], edits, () => null);
        a.model.pushStackElement();
      }
      entries.push({ name: a.name, model: a.model, before, after: a.model.getValue() });
    }
    if (entries.length === 0) return;
    const order = (entry) => answers.findIndex((a) => a.model === entry.model);
    entries.sort((x, y) => order(x) - order(y)); // template.rego first again, for the notice
    this.link = {
      entries,
      listeners: entries.map((entry) => entry.model.onDidChangeContent((e) => this.followUndo(entry, e))),
    };
    const undo = el('button', {
      type: 'button', class: 'btn small', 'data-action': 'undo-conversion', text: 'Undo',
      title: 'Restore the v0 text and Rego v0 (or press Ctrl+Z in the editor)',
      onclick: () => entries[0].model.undo(),
    });
    this.show('converted', `Converted ${names(entries)} from Rego v0 to v1 syntax (same rules). Ctrl+Z in the editor undoes it.`, undo);
  }

  /** Undo / redo of a converted module back to its v0 / v1 text: the other modules and the selector follow. */
  followUndo(entry, e) {
    if (this.following) return;
    const text = entry.model.getValue();
    let op = null;
    if (e.isUndoing && text === entry.before && this.select.value === 'v1') op = 'undo';
    else if (e.isRedoing && text === entry.after && this.select.value === 'v0') op = 'redo';
    if (!op) {
      if (!e.isUndoing && !e.isRedoing) this.notice?.querySelector('[data-action="undo-conversion"]')?.remove();
      return;
    }
    this.following = true;
    try {
      for (const other of this.link.entries) {
        if (other === entry || other.model.isDisposed()) continue;
        if (other.model.getValue() === (op === 'undo' ? other.after : other.before)) other.model[op]();
      }
    } finally {
      this.following = false;
    }
    this.setVersion(op === 'undo' ? 'v0' : 'v1');
    this.show('undone', op === 'undo'
      ? `Conversion undone: ${names(this.link.entries)} back to Rego v0.`
      : `Converted ${names(this.link.entries)} to Rego v1 again.`);
  }

  keepV1(answers) {
    const blocked = answers.map((a) => ({ ...a, action: a.actions.find((x) => x.title === CONVERT_V0 && x.disabled) }))
      .filter((a) => a.action);
    if (blocked.length === 0) return;
    this.setVersion('v1');
    this.show('kept', `Kept Rego v1, text unchanged (${names(blocked)}). ${blocked[0].action.disabled.reason}`);
  }

  setVersion(version) {
    this.select.value = version;
    this.select.dispatchEvent(new Event('input')); // not 'change': that is a user's switch
  }

  forget() {
    for (const l of this.link?.listeners ?? []) l.dispose();
    this.link = null;
  }

  show(state, text, ...actions) {
    this.clearNotice();
    const close = el('button', { type: 'button', class: 'btn small', 'aria-label': 'Dismiss', text: '×', onclick: () => this.clearNotice() });
    this.notice = el('div', {
      class: `rego-version-notice ${state}`, 'data-testid': 'rego-version-notice', 'data-state': state,
      role: state === 'kept' ? 'alert' : 'status',
    }, el('span', { class: 'text', text }), ...actions, close);
    this.anchor.before(this.notice);
  }

  clearNotice() {
    this.notice?.remove();
    this.notice = null;
  }
}

const names = (entries) => entries.map((e) => e.name).join(', ');
