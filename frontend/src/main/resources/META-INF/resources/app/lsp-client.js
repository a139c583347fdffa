// A minimal JSON-RPC 2.0 / LSP client over a websocket: one message per text frame, as the
// backend's /lsp endpoint expects (no Content-Length headers, unlike LSP over stdio).
//
// API (everything the IDE needs):
//   const client = new LspClient(lspUrl(), { onState, onReady, onDiagnostics });
//   client.start();                                  // connects, reconnects with backoff
//   client.openDocument(uri, languageId, text);      // languageId 'rego' or 'yaml'; uri = model.uri.toString()
//   client.updateDocument(uri, text);                // full text (the server uses full sync)
//   client.closeDocument(uri);
//   client.setWorkspaceContext({ parameters, samples, kinds, templateUris, regoVersion, rulesBaseUrl });
//       parameters: the template's openAPIV3Schema (object) → input.parameters.* completion/hover
//       samples: Kubernetes objects (JSON) → input.review.object.* completion
//       kinds: matched kinds, e.g. ['Pod'] (narrows the Kubernetes schema)
//       templateUris: .rego documents that are a template's entry point (Gatekeeper checks)
//       regoVersion: 'v0' (default) or 'v1' for .rego documents without v1 hints
//       rulesBaseUrl: absolute base of the lint rules' documentation links (the backend serves them at /rules/)
//   client.addEventListener('diagnostics', (e) => e.detail)  // {uri, version, diagnostics} (LSP shapes)
//   onDiagnostics(params) in the constructor options does the same.
// Monaco: once connected, the client attaches itself to window.monaco (lsp-monaco.js): markers
// for diagnostics and providers for every language feature on 'rego' and 'yaml' models, which
// must be documents opened with the uri of their model. Call client.attachMonaco(monaco) to do it
// earlier or with another Monaco instance. Documents opened with openDocument are re-opened (with their
// latest text) after a reconnect. The IDE's documents and context go through lsp-workspace.js.
//
// Lifecycle: connecting → (initialize answered) connected → (socket closed) disconnected →
// after a backoff, connecting again. Every state change goes to `onState`; every successful
// handshake goes to `onReady`, so callers can (re)open their documents.

import { attachMonaco, attachSemanticTokens } from './lsp-monaco.js';

const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export const State = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  DISCONNECTED: 'disconnected',
});

export function lspUrl(location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/lsp`;
}

export class LspClient extends EventTarget {
  constructor(url, { onState = () => {}, onReady = () => {}, onDiagnostics = () => {} } = {}) {
    super();
    this.url = url;
    this.onState = onState;
    this.onReady = onReady;
    this.onDiagnostics = onDiagnostics;
    this.documents = new Map(); // uri → {languageId, version, text} opened through openDocument
    this.monaco = null;
    this.state = State.DISCONNECTED;
    this.nextId = 1;
    this.pending = new Map();
    this.notificationHandlers = new Map();
    this.retryMs = INITIAL_RETRY_MS;
    this.socket = null;
    // without Monaco, diagnostics still reach the listeners (attachMonaco adds the markers)
    this.onNotification('textDocument/publishDiagnostics', (params) => {
      this.onDiagnostics(params);
      this.dispatchEvent(new CustomEvent('diagnostics', { detail: params }));
    });
  }

  start() {
    this.setState(State.CONNECTING);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.handshake();
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    // A failed connection fires both error and close; close alone drives the retry.
    socket.onclose = () => this.disconnected();
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    if (this.state === State.CONNECTED) {
      this.send({ jsonrpc: '2.0', method, params });
    }
  }

  onNotification(method, handler) {
    this.notificationHandlers.set(method, handler);
  }

  openDocument(uri, languageId, text) {
    const doc = { languageId, version: 1, text };
    this.documents.set(uri, doc);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: doc.version, text } });
  }

  updateDocument(uri, text) {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.version += 1;
    doc.text = text;
    this.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  closeDocument(uri) {
    this.documents.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  setWorkspaceContext(context) {
    this.workspaceContext = context;
    this.notify('workspace/didChangeConfiguration', { settings: { gatekeeper: context } });
  }

  /** Maps the server onto a Monaco instance (once). */
  attachMonaco(monaco) {
    if (this.monaco) return;
    this.monaco = monaco;
    attachMonaco(monaco, this, {
      onDiagnostics: (params) => {
        this.onDiagnostics(params);
        this.dispatchEvent(new CustomEvent('diagnostics', { detail: params }));
      },
    });
    const legend = this.capabilities?.semanticTokensProvider?.legend;
    if (legend) attachSemanticTokens(monaco, this, legend);
  }

  async handshake() {
    try {
      const result = await this.request('initialize', {
        processId: null,
        clientInfo: { name: 'gatekeeper-studio-web' },
        rootUri: null,
        initializationOptions: this.workspaceContext ? { gatekeeper: this.workspaceContext } : undefined,
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: true, dataSupport: true },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
            hover: { contentFormat: ['markdown'] },
            rename: { prepareSupport: true },
            codeAction: { disabledSupport: true, isPreferredSupport: true },
          },
        },
      });
      this.serverInfo = result.serverInfo;
      this.capabilities = result.capabilities;
      this.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      this.retryMs = INITIAL_RETRY_MS;
      this.setState(State.CONNECTED);
      if (!this.monaco && globalThis.monaco) this.attachMonaco(globalThis.monaco);
      for (const [uri, doc] of this.documents) {
        this.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, ...doc } } });
      }
      this.onReady(this);
    } catch (error) {
      console.warn('LSP initialize failed', error);
      this.socket.close();
    }
  }

  receive(message) {
    if (message.id !== undefined && !message.method) {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!call) return;
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    } else if (message.method && message.id === undefined) {
      this.notificationHandlers.get(message.method)?.(message.params);
    } else if (message.method) {
      // The server asked us something we do not implement yet.
      this.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32601, message: `unsupported: ${message.method}` },
      });
    }
  }

  send(message) {
    this.socket.send(JSON.stringify(message));
  }

  disconnected() {
    for (const call of this.pending.values()) call.reject(new Error('connection closed'));
    this.pending.clear();
    this.setState(State.DISCONNECTED);
    setTimeout(() => this.start(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  setState(state) {
    this.state = state;
    this.onState(state);
  }
}
