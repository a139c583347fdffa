// Sharing: the Share button (a permanent link /s/<id> from POST /api/share, and the server-free
// URL form /#w=<deflate-raw, base64url>), opening such links read-only until the visitor edits
// (then it is their copy), and the Export menu (export.js, cluster.js). See the backend's
// ShareResource for the API. Shared content is only ever shown as text.
//
//   installShareUi(workspaceApi)   workspaceApi = window.studio: { state, editors, ... }

import { $, el } from './dom.js';
import { toast } from './generated-view.js';
import { installStyles, openDialog, copyField, problemList, call, postJson } from './share-dialog.js';
import { installExportMenu } from './export.js';

/** Longest `#w=` URL offered; beyond it the server link is the way. */
export const MAX_URL_CHARS = 8000;
const SHARE_PATH = /^\/s\/([0-9A-Za-z]{1,64})\/?$/;

// ---- workspace <-> share document

function settings() {
  const coverage = document.querySelector('[data-testid="coverage-toggle"]');
  return { coverage: !!coverage?.checked };
}

export function shareDocument(api) {
  const w = api.state.workspace();
  const doc = { format: 1, template: w.template, constraints: w.constraints, samples: w.samples, inventory: w.inventory };
  // unit tests, provider mocks and mutators only when there are some: a workspace without them keeps its link
  if (w.tests?.length) doc.tests = w.tests;
  if (hasContent(w.providers)) doc.providers = w.providers;
  if (hasContent(w.mutators)) doc.mutators = w.mutators;
  doc.settings = settings();
  return doc;
}

/** Whether an editor holds more than comments (its hint). */
const hasContent = (text) => !!text?.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'));

export function applySettings(s) {
  const coverage = document.querySelector('[data-testid="coverage-toggle"]');
  if (coverage && typeof s?.coverage === 'boolean' && coverage.checked !== s.coverage) {
    coverage.checked = s.coverage;
    coverage.dispatchEvent(new Event('change'));
  }
}

// ---- URL fragment form: deflate-raw + base64url

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it is not base64url text');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeFragment(doc) {
  const json = new TextEncoder().encode(JSON.stringify(doc));
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/**
 * Most bytes a `#w=` link may expand to: twice the server's share limit (512 KiB of canonical JSON),
 * so no valid workspace is cut off, while a deflate bomb (about 1000:1) stops here instead of
 * filling the tab's memory.
 */
export const MAX_FRAGMENT_BYTES = 2 * 1024 * 1024;
/** Longest `#w=` text decoded at all (about 1.5 MiB compressed: more than any valid link needs). */
export const MAX_FRAGMENT_CHARS = 2 * 1024 * 1024;
/** Compressed bytes fed to the decompressor at a time: one piece expands to at most ~1 MiB. */
const FEED_BYTES = 1024;

function tooLarge(message) {
  return Object.assign(new Error(message), { tooLarge: true });
}

/** Decompresses deflate-raw data, refusing (and stopping the decompressor) beyond `limit` bytes. */
export async function inflateCapped(bytes, limit = MAX_FRAGMENT_BYTES) {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // small input pieces with backpressure: the decompressor never runs far ahead of the reader
  const feeding = (async () => {
    for (let i = 0; i < bytes.length; i += FEED_BYTES) await writer.write(bytes.subarray(i, i + FEED_BYTES));
    await writer.close();
  })();
  feeding.catch(() => {}); // a failure also errors the readable side, reported below
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        throw tooLarge(`it expands to more than ${(limit / 1048576).toFixed(0)} MiB, more than any shareable workspace`);
      }
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    throw e;
  }
  await feeding;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The JSON text of a `#w=` fragment (bounded: see MAX_FRAGMENT_CHARS, MAX_FRAGMENT_BYTES). */
export async function decodeFragmentText(text) {
  if (text.length > MAX_FRAGMENT_CHARS) {
    throw tooLarge(`it is ${text.length.toLocaleString()} characters long; a link holds at most ${MAX_FRAGMENT_CHARS.toLocaleString()}`);
  }
  // not parsed here: JSON.parse recurses (a deeply nested text overflows the stack); the server's
  // check reports syntax errors and nesting deeper than 32 levels with their line and column
  return new TextDecoder().decode(await inflateCapped(fromBase64Url(text)));
}

export async function decodeFragment(text) {
  return JSON.parse(await decodeFragmentText(text));
}

/** The `#w=` link of the current workspace, or {tooBig, length}. */
export async function urlLink(api) {
  const fragment = await encodeFragment(shareDocument(api));
  const url = `${location.origin}/#w=${fragment}`;
  return url.length > MAX_URL_CHARS ? { tooBig: true, length: url.length } : { url, length: url.length };
}

// ---- read-only shared workspace

class ReadOnly {
  constructor(api) {
    this.api = api;
    this.active = false;
    this.restoring = false;
    this.banner = null;
    // The editors stay editable while a shared workspace is shown: the first edit makes it the visitor's
    // copy and is kept (a read-only editor would swallow that keystroke). Another workspace loaded over
    // it (gallery, New policy, Recent) ends the shared state and its banner.
    api.state.onChange((origin) => {
      if (origin === 'load' && !this.restoring) this.leave();
      else if (this.active && !['load', 'share', 'connect', 'manual', 'coverage'].includes(origin)) this.fork(origin);
    });
  }

  leave() {
    if (!document.body.dataset.shared) return;
    this.active = false;
    this.clearBanner();
    delete document.body.dataset.shared;
    if (location.pathname !== '/' || location.hash) history.replaceState(null, '', '/');
  }

  open(label) {
    this.active = true;
    const edit = el('button', { type: 'button', class: 'btn small primary', 'data-testid': 'share-edit', text: 'Edit a copy' });
    edit.addEventListener('click', () => this.fork('button'));
    this.showBanner('share-banner', false, el('strong', { text: 'Shared workspace' }),
      el('span', { class: 'gk-muted', text: `${label} · your first edit makes it your own copy (the link never changes).` }),
      el('span', { class: 'gk-spacer' }), edit);
    document.body.dataset.shared = 'readonly';
  }

  fork() {
    if (!this.active) return;
    this.active = false;
    history.replaceState(null, '', '/');
    document.body.dataset.shared = 'fork';
    this.showBanner('share-banner', false, el('strong', { text: 'Your copy' }),
      el('span', { class: 'gk-muted', text: 'Edits are yours; Share again for a new link.' }), el('span', { class: 'gk-spacer' }),
      el('button', { type: 'button', class: 'btn small', text: 'Dismiss', onclick: () => this.clearBanner() }));
  }

  showBanner(testId, error, ...children) {
    installStyles();
    this.clearBanner();
    this.banner = el('div', { class: `gk-banner${error ? ' error' : ''}`, 'data-testid': testId, role: error ? 'alert' : 'status' }, ...children);
    const header = document.querySelector('header.topbar');
    header.after(this.banner);
  }

  clearBanner() {
    this.banner?.remove();
    this.banner = null;
  }

  /** Restoring failed: say what is wrong, keep the default workspace usable. */
  showError(title, error) {
    document.body.dataset.shared = 'error';
    const close = el('button', { type: 'button', class: 'btn small', text: 'Dismiss', onclick: () => this.clearBanner() });
    this.showBanner('share-error', true,
      el('div', {}, el('strong', { text: title }), ' ', el('span', { 'data-testid': 'share-error-message', text: error.message }),
        problemList(error.problems)),
      el('span', { class: 'gk-spacer' }), close);
  }
}

async function restore(api, readOnly, initial = true) {
  const path = SHARE_PATH.exec(location.pathname);
  const fragment = location.hash.startsWith('#w=') ? location.hash.slice(3) : null;
  if (!path && location.pathname.startsWith('/s/')) {
    readOnly.showError('This share link cannot be opened:', new Error('a link id is 14 letters and digits.'));
    return;
  }
  if (!path && !fragment) return;
  try {
    let workspace;
    let label;
    if (path) {
      const response = await call(`/api/share/${path[1]}`);
      workspace = (await response.json()).workspace;
      label = `link ${path[1]}`;
    } else {
      let text;
      try {
        text = await decodeFragmentText(fragment);
      } catch (e) {
        throw new Error(e.tooLarge ? `the link's #w= part is too large: ${e.message}.`
          : `the link's #w= part is damaged or truncated (${e.message}).`);
      }
      // the text as decoded goes to the server, which validates it and says what is wrong, with a position
      workspace = (await (await call('/api/share/check',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text })).json()).workspace;
      label = 'workspace from the link itself (#w=)';
    }
    if (!initial) api.store?.remember(); // a #w= link opened over the current work: keep it under Recent
    readOnly.restoring = true;
    try {
      api.state.load(workspace, 'load');
    } finally {
      readOnly.restoring = false;
    }
    applySettings(workspace.settings);
    readOnly.open(label);
    document.dispatchEvent(new CustomEvent('studio:shared-loaded', { detail: { label } }));
  } catch (error) {
    readOnly.showError(path ? 'This share link cannot be opened:' : 'This link cannot be opened:', error);
  }
}

// ---- the Share dialog

async function share(api) {
  const dialog = openDialog('Share this workspace', { testId: 'share-dialog' });
  const status = el('div', { class: 'gk-muted', text: 'Saving…' });
  dialog.body.append(status);
  try {
    const response = await postJson('/api/share', shareDocument(api));
    const result = await response.json();
    status.replaceWith(
      el('div', {}, 'Permanent link: anyone with it sees exactly this workspace, read-only until they edit a copy. ',
        'The same workspace always gets the same link.'),
      copyField(result.url, 'share-url'));
  } catch (error) {
    status.replaceWith(el('div', { class: 'gk-error', 'data-testid': 'share-failure', text: error.message }),
      problemList(error.problems) ?? '');
  }
  const urlPart = el('div', { class: 'gk-muted', text: 'Link without the server: computing…' });
  dialog.body.append(urlPart);
  try {
    const link = await urlLink(api);
    urlPart.replaceWith(link.tooBig
      ? el('div', { class: 'gk-warn', 'data-testid': 'share-url-too-big',
        text: `This workspace is too big for a URL (${link.length.toLocaleString()} characters compressed; the limit is ${MAX_URL_CHARS.toLocaleString()}). Use the permanent link above.` })
      : el('div', {}, el('div', { text: 'Link holding the workspace itself (nothing stored on the server):' }),
        copyField(link.url, 'share-fragment-url')));
  } catch (error) {
    urlPart.replaceWith(el('div', { class: 'gk-error', text: `No URL link: ${error.message}` }));
  }
}

/**
 * Adds the Share button and the Export menu to the header, and opens /s/<id> and /#w= links.
 * @param api the IDE's workspace API (window.studio: state, editors)
 */
export function installShareUi(api) {
  installStyles();
  const anchor = $('[data-action="theme"]');
  const shareButton = el('button', { type: 'button', class: 'btn', 'data-action': 'share', 'data-testid': 'share-button',
    title: 'Share this workspace by link', text: 'Share' });
  shareButton.addEventListener('click', () => share(api).catch((e) => toast(e.message)));
  anchor.before(shareButton, installExportMenu(api, shareDocument));
  const readOnly = new ReadOnly(api);
  window.addEventListener('hashchange', () => { if (location.hash.startsWith('#w=')) restore(api, readOnly, false); });
  return restore(api, readOnly);
}
