// A minimal JSON-RPC 2.0 / LSP client over a websocket: one message per text frame, as the
// backend's /lsp endpoint expects (no Content-Length headers, unlike LSP over stdio).
//
// Lifecycle: connecting → (initialize answered) connected → (socket closed) disconnected →
// after a backoff, connecting again. Every state change goes to `onState`; every successful
// handshake goes to `onReady`, so callers can (re)open their documents.

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

export class LspClient {
  constructor(url, { onState = () => {}, onReady = () => {} } = {}) {
    this.url = url;
    this.onState = onState;
    this.onReady = onReady;
    this.state = State.DISCONNECTED;
    this.nextId = 1;
    this.pending = new Map();
    this.notificationHandlers = new Map();
    this.retryMs = INITIAL_RETRY_MS;
    this.socket = null;
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

  async handshake() {
    try {
      this.serverInfo = (await this.request('initialize', {
        processId: null,
        clientInfo: { name: 'gatekeeper-studio-web' },
        rootUri: null,
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: false },
          },
        },
      })).serverInfo;
      this.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      this.retryMs = INITIAL_RETRY_MS;
      this.setState(State.CONNECTED);
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
