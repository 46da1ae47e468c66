// The API client: the token lives in sessionStorage (this tab only; never a cookie or a URL), every
// call is an /api/v1 request with it as a bearer token, so the server's scopes and limits apply.

const KEY = 'warden.token';

export const session = {
  token: () => sessionStorage.getItem(KEY),
  set: (token) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A refused or failed call, with the problem+json detail the server gave. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

/** Calls the API; JSON in and out unless contentType says otherwise. 401 ends the session. */
export async function api(path, {method = 'GET', body, contentType = 'application/json', token} = {}) {
  const bearer = token || session.token();
  if (!bearer) throw new ApiError(401, 'not signed in'); // signed out while a page was loading
  const headers = {Authorization: `Bearer ${bearer}`, Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(path, {
    method, headers, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401 && !token) window.dispatchEvent(new Event('warden:logout'));
    throw new ApiError(response.status, data && data.detail);
  }
  return data;
}

/**
 * The WebSocket stream: one socket per tab, topics subscribed on demand, the token sent as the
 * first message (browsers cannot set headers on a WebSocket, and a URL would leak it). Reconnects
 * with a growing delay and subscribes again.
 */
export class Stream {
  constructor(onState) {
    this.handlers = new Map();
    this.onState = onState;
    this.delay = 1000;
    this.closed = false;
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(`${scheme}${location.host}/api/v1/stream`);
    this.socket = socket;
    socket.onopen = () => {
      this.delay = 1000;
      socket.send(JSON.stringify({type: 'auth', token: session.token()}));
      const topics = [...this.handlers.keys()];
      if (topics.length) socket.send(JSON.stringify({type: 'subscribe', topics}));
      this.onState(true);
    };
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.topic) {
        for (const handler of this.handlers.get(frame.topic) || []) handler(frame.data);
      } else if (frame.type === 'error') {
        console.warn('stream:', frame.detail);
      }
    };
    socket.onclose = () => {
      this.onState(false);
      if (this.closed) return;
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 15000);
    };
  }

  /** Calls handler with each push of topic until the returned function is called. */
  subscribe(topic, handler) {
    if (!this.handlers.has(topic)) {
      this.handlers.set(topic, new Set());
      this.send({type: 'subscribe', topics: [topic]});
    }
    this.handlers.get(topic).add(handler);
    return () => {
      const set = this.handlers.get(topic);
      if (!set) return;
      set.delete(handler);
      if (!set.size) {
        this.handlers.delete(topic);
        this.send({type: 'unsubscribe', topics: [topic]});
      }
    };
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close() {
    this.closed = true;
    if (this.socket) this.socket.close();
  }
}
