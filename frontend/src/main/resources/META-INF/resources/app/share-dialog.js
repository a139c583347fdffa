// A small modal dialog and the styles of the share / export / cluster UI. Everything shown comes
// from el()/textContent: names, messages and YAML of a shared workspace are never parsed as HTML.
// Styles go in a constructed stylesheet (no inline <style>, nothing the CSP must allow).

import { el } from './dom.js';

const CSS = `
.gk-dialog { position: fixed; inset: 0; z-index: 1000; display: flex; align-items: flex-start; justify-content: center;
  background: #0008; padding-top: 8vh; }
.gk-dialog > .gk-box { background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: 8px;
  width: min(860px, 92vw); max-height: 80vh; display: flex; flex-direction: column; box-shadow: 0 12px 40px #0008;
  font-family: var(--ui-font); font-size: 13px; }
.gk-box > header { display: flex; align-items: center; gap: 8px; padding: 10px 14px; border-bottom: 1px solid var(--border);
  font-weight: 600; }
.gk-box > header .gk-spacer { flex: 1; }
.gk-box > .gk-body { padding: 12px 14px; overflow: auto; display: flex; flex-direction: column; gap: 10px; }
.gk-box > footer:empty { display: none; }
.gk-box > footer { display: flex; gap: 8px; justify-content: flex-end; padding: 10px 14px; border-top: 1px solid var(--border); }
.gk-row { display: flex; gap: 8px; align-items: center; }
.gk-row input[type=text] { flex: 1; font-family: var(--mono); font-size: 12px; padding: 4px 6px; background: var(--bg);
  color: var(--text); border: 1px solid var(--border); border-radius: 4px; }
.gk-pre { font-family: var(--mono); font-size: 12px; white-space: pre; overflow: auto; max-height: 46vh; margin: 0;
  background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 8px; }
.gk-muted { color: var(--text-muted); }
.gk-error { color: var(--error); }
.gk-ok { color: var(--ok); }
.gk-warn { color: var(--warn); }
.gk-list { margin: 0; padding-left: 18px; }
.gk-banner { display: flex; align-items: center; gap: 10px; padding: 6px 14px; font-family: var(--ui-font); font-size: 12px;
  background: var(--highlight); border-bottom: 1px solid var(--border); color: var(--text); }
.gk-banner.error { background: var(--error-bg); }
.gk-banner .gk-spacer { flex: 1; }
.gk-menu { position: relative; display: inline-block; }
.gk-menu > .gk-items { position: absolute; right: 0; top: calc(100% + 4px); z-index: 900; min-width: 260px; background: var(--surface);
  border: 1px solid var(--border); border-radius: 6px; padding: 4px; box-shadow: 0 8px 24px #0006; display: flex; flex-direction: column; }
.gk-menu > .gk-items[hidden] { display: none; }
.gk-menu > .gk-items > button { text-align: left; background: none; border: 0; color: var(--text); padding: 6px 10px; border-radius: 4px;
  font: inherit; cursor: pointer; }
.gk-menu > .gk-items > button:hover:not(:disabled) { background: var(--highlight); }
.gk-menu > .gk-items > button:disabled { color: var(--text-muted); cursor: not-allowed; }
.gk-menu > .gk-items > .gk-sep { border-top: 1px solid var(--border); margin: 4px 0; }
.gk-progress { height: 6px; background: var(--bg); border: 1px solid var(--border); border-radius: 3px; overflow: hidden; }
.gk-progress > div { height: 100%; background: var(--accent); width: 0; transition: width .2s; }
.gk-table { border-collapse: collapse; width: 100%; }
.gk-table td, .gk-table th { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--border); vertical-align: top; }
.gk-ns { font-weight: 600; margin-top: 6px; }
.gk-note { padding: 4px 10px 6px; max-width: 300px; font-size: 12px; }
.gk-tabs { border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.gk-panel { display: flex; flex-direction: column; gap: 10px; }
.gk-panel[hidden] { display: none; }
`;

let installed = false;

export function installStyles() {
  if (installed) return;
  installed = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Opens a modal; returns { body, footer, close }. Escape and the ✕ close it. */
export function openDialog(title, { testId } = {}) {
  installStyles();
  const body = el('div', { class: 'gk-body' });
  const footer = el('footer');
  const closeButton = el('button', { type: 'button', class: 'btn small', 'aria-label': 'Close', text: '✕' });
  const box = el('div', { class: 'gk-box', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    el('header', {}, el('span', { text: title }), el('span', { class: 'gk-spacer' }), closeButton), body, footer);
  const overlay = el('div', { class: 'gk-dialog', 'data-testid': testId }, box);
  const onKey = (e) => { if (e.key === 'Escape') close(); };
  function close() {
    overlay.remove();
    document.removeEventListener('keydown', onKey);
  }
  closeButton.addEventListener('click', close);
  overlay.addEventListener('mousedown', (e) => { if (e.target === overlay) close(); });
  document.addEventListener('keydown', onKey);
  document.body.append(overlay);
  return { body, footer, close };
}

/** A read-only text field with a Copy button. */
export function copyField(value, testId) {
  const input = el('input', { type: 'text', readonly: true, value, 'data-testid': testId, spellcheck: 'false' });
  input.value = value;
  const copy = el('button', { type: 'button', class: 'btn small', text: 'Copy' });
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(value);
      copy.textContent = 'Copied';
    } catch {
      document.execCommand?.('copy');
      copy.textContent = 'Copied';
    }
  });
  return el('div', { class: 'gk-row' }, input, copy);
}

/** A list of {path, message} problems as text. */
export function problemList(problems) {
  if (!problems?.length) return null;
  return el('ul', { class: 'gk-list', 'data-testid': 'share-problems' },
    problems.map((p) => el('li', {}, p.path ? el('code', { text: p.path }) : null, p.path ? ': ' : '', p.message)));
}

/** fetch() that turns error bodies ({error, problems}) into thrown Errors. */
export async function call(url, options = {}) {
  const response = await fetch(url, options);
  if (response.ok) return response;
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON
  }
  const error = new Error(body?.error ?? `${response.status} ${response.statusText}`);
  error.status = response.status;
  error.problems = body?.problems ?? [];
  throw error;
}

export function postJson(url, value) {
  return call(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}
