// The browser end of /ws/eval (see the backend's EvalProtocol): sends the workspace after
// every edit with an increasing version, receives results tagged with the version they
// belong to, and answers explain / split requests by id. It never waits before sending: the
// backend coalesces edits that arrive while an evaluation runs.

const RETRY_MS = 1000;

export function evalUrl(location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/eval`;
}

export class EvalClient {
  constructor(url, { onResult = () => {}, onTests = () => {}, onState = () => {}, onError = () => {} } = {}) {
    this.url = url;
    this.onResult = onResult;
    this.onTests = onTests;
    this.onState = onState;
    this.onError = onError;
    this.nextId = 1;
    this.pending = new Map();
    this.queued = null; // the newest evaluate message not yet sent (while connecting)
    this.socket = null;
  }

  start() {
    this.onState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.onState('open');
      if (this.queued) this.send(this.queued);
    };
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = () => {
      for (const call of this.pending.values()) call.reject(new Error('connection closed'));
      this.pending.clear();
      this.onState('closed');
      setTimeout(() => this.start(), RETRY_MS);
    };
  }

  /** Sends a workspace for evaluation now; `version` must grow with every call. */
  evaluate(version, workspace, { coverage = false } = {}) {
    const message = { type: 'evaluate', version, workspace, coverage };
    this.queued = message;
    if (this.socket?.readyState === WebSocket.OPEN) this.send(message);
  }

  /**
   * Traces one sample against one constraint with the last workspace sent; with `values` the reply also
   * lists what each rule and variable evaluated to (the Rego editor's hover).
   */
  explain(sample, constraint, message, { values = false } = {}) {
    return this.request({ type: 'explain', sample, constraint, message, values });
  }

  /** Evaluates a Rego query against the last workspace's modules, with sample `sample`'s review as input. */
  query(text, sample) {
    return this.request({ type: 'query', text, sample });
  }

  /** Splits a whole ConstraintTemplate YAML into the editors' parts. */
  split(text) {
    return this.request({ type: 'split', text });
  }

  request(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.socket?.readyState !== WebSocket.OPEN) {
        reject(new Error('not connected'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.send({ ...message, id });
    });
  }

  send(message) {
    this.socket.send(JSON.stringify(message));
    if (message.type === 'evaluate') this.queued = null;
  }

  receive(message) {
    if (message.type === 'result') {
      this.onResult(message);
      return;
    }
    if (message.type === 'tests') {
      this.onTests(message);
      return;
    }
    const call = message.id != null ? this.pending.get(message.id) : undefined;
    if (call) {
      this.pending.delete(message.id);
      if (message.type === 'error') call.reject(new Error(message.message));
      else call.resolve(message);
    } else if (message.type === 'error') {
      this.onError(message);
    }
  }
}
