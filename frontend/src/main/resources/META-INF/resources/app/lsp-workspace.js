// The IDE's side of the language server session (lsp-client.js does the protocol):
//   - which editor models are LSP documents: the template's Rego (entry point and each lib, languageId
//     'rego') and the whole-template YAML ('yaml'); opened, updated on every edit (full text) and closed
//     as libs come and go. The client re-opens them after a reconnect.
//   - the Gatekeeper context the server completes and checks with (language-server README, "Workspace
//     context"): the template's parameters schema, the sample objects, the kinds the constraints match,
//     the template's entry URI, the Rego version and where lint rule pages live. Sent only when it changed.

// Absolute: LSP's codeDescription.href is a URI, and the server leaves out links it cannot make absolute.
export const RULES_BASE_URL = new URL('/rules/', globalThis.location?.href ?? 'http://localhost/').href;

export class LspWorkspace {
  constructor(client) {
    this.client = client;
    this.open = new Map(); // uri → { model, listener }
    this.context = null;
    this.sentContext = '';
  }

  /** Makes exactly these models the open documents: [{ model, languageId }]. */
  syncModels(documents) {
    const wanted = new Map(documents.filter((d) => d.model && !d.model.isDisposed())
      .map((d) => [d.model.uri.toString(), d]));
    for (const [uri, entry] of this.open) {
      if (!wanted.has(uri)) {
        entry.listener.dispose();
        this.open.delete(uri);
        this.client.closeDocument(uri);
      }
    }
    for (const [uri, { model, languageId }] of wanted) {
      const entry = this.open.get(uri);
      if (entry?.model === model) continue;
      const listener = model.onDidChangeContent(() => this.client.updateDocument(uri, model.getValue()));
      if (entry) {
        // a new model under the same URI (the libs are recreated when a template loads)
        entry.listener.dispose();
        this.client.updateDocument(uri, model.getValue());
      } else {
        this.client.openDocument(uri, languageId, model.getValue());
      }
      this.open.set(uri, { model, listener });
    }
  }

  /** Merges context keys and sends the whole context when it differs from the last one sent. */
  updateContext(partial) {
    this.context = { ...this.context, ...partial };
    const text = JSON.stringify(this.context);
    if (text === this.sentContext) return;
    this.sentContext = text;
    this.client.setWorkspaceContext(this.context);
  }
}

/**
 * The context keys that come from an evaluation result: the parameters schema as the backend parsed it,
 * the reviewed object of each sample, and the kinds the constraints match ([] = all kinds).
 */
export function contextFromResult(result) {
  return {
    parameters: result.schema ?? null,
    samples: result.samples.map((s) => s.object).filter((o) => o && typeof o === 'object' && !Array.isArray(o)),
    kinds: matchedKinds(result.constraints),
  };
}

export function matchedKinds(constraints) {
  const kinds = new Set();
  for (const c of constraints ?? []) {
    const match = c.object?.spec?.match;
    if (!c.object) continue;
    const groups = Array.isArray(match?.kinds) ? match.kinds : [];
    if (groups.length === 0) return []; // a constraint without match.kinds matches every kind
    for (const g of groups) {
      const names = Array.isArray(g?.kinds) ? g.kinds : [];
      if (names.length === 0 || names.includes('*')) return [];
      names.filter((k) => typeof k === 'string').forEach((k) => kinds.add(k));
    }
  }
  return [...kinds];
}
