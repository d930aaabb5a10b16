// The plumbing of a fake Socket.IO client socket for the live client's tests (lib/socket.test.ts,
// lib/live-reads.test.ts): listeners, connect and disconnect. Each test's subclass plays the server
// in `timeout().emitWithAck`.
type Handler = (...args: unknown[]) => void;

export class FakeSocketBase {
  connected = false;
  active = true;
  readonly handlers = new Map<string, Set<Handler>>();

  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect() {
    this.connected = true;
    queueMicrotask(() => this.fire("connect"));
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
}
