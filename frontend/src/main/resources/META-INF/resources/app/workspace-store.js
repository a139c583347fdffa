// Work is never lost: the workspace is saved to the browser's storage on every change (debounced)
// and restored on the next visit; whatever replaces it (a gallery policy, "New policy", a recent
// workspace, a shared link) first puts it in the Recent list; and replacing edited work asks first.
//
//   const store = new WorkspaceStore(api)    api = { state, load(doc), document() }
//   store.restore()                          on start-up, unless a shared link is being opened
//   await store.replace(label, () => ...)    asks when there are unsaved edits, then runs the load

import { el } from './dom.js';
import { openDialog } from './share-dialog.js';

const CURRENT = 'gkstudio.workspace.current';
const RECENT = 'gkstudio.workspace.recent';
const MAX_RECENT = 8;
const SAVE_DELAY_MS = 400;
/** Origins of changes that are not the user's edits (see WorkspaceState.changed). */
const NOT_EDITS = new Set(['load', 'connect', 'manual', 'coverage']);

export class WorkspaceStore {
  constructor(api, storage = window.localStorage) {
    this.api = api;
    this.storage = storage;
    this.timer = null;
    this.dirty = false;
    this.listeners = [];
    api.state.onChange((origin) => {
      if (!NOT_EDITS.has(origin)) this.dirty = true;
      this.scheduleSave();
    });
    window.addEventListener('pagehide', () => this.saveNow());
  }

  onRecentChange(listener) {
    this.listeners.push(listener);
  }

  scheduleSave() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  saveNow() {
    clearTimeout(this.timer);
    this.timer = null;
    this.write(CURRENT, { savedAt: Date.now(), dirty: this.dirty, name: this.name(), doc: this.api.document() });
  }

  /** Loads the autosaved workspace; false when there is none (first visit, or storage unavailable). */
  restore() {
    const saved = this.read(CURRENT);
    if (!saved?.doc?.template) return false;
    this.api.load(saved.doc);
    this.dirty = !!saved.dirty;
    document.body.dataset.restored = 'true';
    return true;
  }

  /** A shared link is being opened instead of the autosaved workspace: keep that one under Recent. */
  archiveSaved() {
    const saved = this.read(CURRENT);
    if (!saved?.doc?.template) return;
    const text = JSON.stringify(saved.doc);
    const recent = this.recent().filter((r) => JSON.stringify(r.doc) !== text);
    recent.unshift({ savedAt: saved.savedAt ?? Date.now(), name: saved.name ?? 'Untitled policy', doc: saved.doc });
    this.write(RECENT, recent.slice(0, MAX_RECENT));
  }

  /**
   * Replaces the workspace with what `load` puts in: asks first when the current one has edits that
   * were not saved anywhere else, and keeps it in Recent either way. Resolves to false when cancelled.
   */
  async replace(label, load, { ask = true } = {}) {
    if (ask && this.dirty && !(await confirmReplace(label))) return false;
    this.remember();
    load();
    this.dirty = false;
    this.saveNow();
    return true;
  }

  /** Puts the current workspace at the top of Recent (once: the same text is not listed twice). */
  remember() {
    const doc = this.api.document();
    const text = JSON.stringify(doc);
    const recent = this.recent().filter((r) => JSON.stringify(r.doc) !== text);
    recent.unshift({ savedAt: Date.now(), name: this.name(), doc });
    this.write(RECENT, recent.slice(0, MAX_RECENT));
    for (const listener of this.listeners) listener();
  }

  recent() {
    const list = this.read(RECENT);
    return Array.isArray(list) ? list.filter((r) => r?.doc?.template) : [];
  }

  name() {
    const t = this.api.state.template();
    return t.kind || t.name || 'Untitled policy';
  }

  read(key) {
    try {
      const text = this.storage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch {
      return null; // storage disabled or a damaged entry: start as on a first visit
    }
  }

  write(key, value) {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {
      // quota exceeded or storage disabled: the Studio keeps working, only without autosave
    }
  }
}

/** Asks whether to replace edited work; resolves true to go on. */
function confirmReplace(label) {
  return new Promise((resolve) => {
    const dialog = openDialog('Replace your workspace?', { testId: 'confirm-replace' });
    let answered = false;
    const answer = (value) => {
      if (answered) return;
      answered = true;
      dialog.close();
      resolve(value);
    };
    dialog.body.append(el('div', {
      text: `${label} replaces the policy you have edited. It stays under Recent, where you can reopen it.`,
    }));
    const cancel = el('button', { type: 'button', class: 'btn', 'data-testid': 'confirm-replace-cancel', text: 'Keep editing' });
    const ok = el('button', { type: 'button', class: 'btn primary', 'data-testid': 'confirm-replace-ok', text: 'Replace' });
    cancel.addEventListener('click', () => answer(false));
    ok.addEventListener('click', () => answer(true));
    dialog.footer.append(cancel, ok);
    // closing the dialog any other way (Esc, ✕, outside) keeps the work
    new MutationObserver((_, observer) => {
      if (!document.body.contains(ok)) {
        observer.disconnect();
        answer(false);
      }
    }).observe(document.body, { childList: true });
    ok.focus();
  });
}

/** A minimal working policy: one kind, a violation rule, one constraint, one sample. */
export function newPolicySkeleton() {
  return {
    format: 1,
    template: {
      rego: `package k8smypolicy

# Each violation is reported with its msg. input.review.object is the object under review,
# input.parameters the constraint's spec.parameters.
violation contains {"msg": msg} if {
  some container in input.review.object.spec.containers
  endswith(container.image, ":latest")
  msg := sprintf("container %v uses the :latest tag", [container.name])
}
`,
      libs: [],
      regoVersion: 'v1',
      kind: 'K8sMyPolicy',
      name: 'k8smypolicy',
      schema: 'type: object\nproperties: {}\n',
      annotations: {},
    },
    constraints: `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sMyPolicy
metadata:
  name: my-policy
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
`,
    samples: `# case: pinned image
# expect: allowed
apiVersion: v1
kind: Pod
metadata:
  name: example
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
    inventory: '# Objects for data.inventory (referential policies), one YAML document each.\n',
    settings: { coverage: false },
  };
}

/** "3 min ago", "yesterday 14:05", ... for the Recent list. */
export function savedWhen(ms, now = Date.now()) {
  const minutes = Math.round((now - ms) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString() ? `today ${time}` : `${date.toLocaleDateString()} ${time}`;
}
