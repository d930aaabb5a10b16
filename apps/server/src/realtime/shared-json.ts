// One JSON text for many connections (issue 14, reconnect storm). After a restart, a thousand
// clients ask `sync:request` for the same rooms from the same sequence numbers; the database read
// is shared (coalesce.ts), and so is its encoding here: the answer of a room is written as JSON once
// per kind of viewer, and every connection's acknowledgement carries that text, instead of
// Socket.IO walking (hasBinary) and stringifying the same ~100 KB of events once per connection.
//
// Socket.IO lets a server bring its own parser (ServerOptions.parser); this one is socket.io-parser
// itself with one change in its Encoder: an acknowledgement marked with `carryingSharedJson`
// has each SharedJson in it written as its JSON text. Anything else is encoded as before.
import { randomBytes } from "node:crypto";
import * as parser from "socket.io-parser";

/**
 * A value whose JSON text is made once, on first use, for every connection it goes to. It is
 * made for one kind of viewer (access/client-view.ts: forViewer passes it as it is), and holds
 * no binary data (it is sent as text).
 */
export class SharedJson<T = unknown> {
  #json: string | undefined;
  constructor(readonly value: T) {}
  get json(): string {
    return (this.#json ??= JSON.stringify(this.value));
  }
  /** written by any other JSON.stringify (a test, another parser) as the value itself */
  toJSON(): T {
    return this.value;
  }
}

/** The objects whose SharedJson the encoder writes as text (their acknowledgement's `data`). */
const carriers = new WeakSet<object>();

/** Marks `value` (an acknowledgement's data) as holding SharedJson values, for the encoder. */
export function carryingSharedJson<T extends object>(value: T): T {
  carriers.add(value);
  return value;
}

/** `value` was marked by carryingSharedJson: it is already as its viewer may see it. */
export function isSharedJsonCarrier(value: unknown): boolean {
  return value !== null && typeof value === "object" && carriers.has(value);
}

function carries(args: unknown): boolean {
  if (!Array.isArray(args)) return false;
  // an acknowledgement is `{ ok: true, data }` (operations/socket.ts)
  return args.some(
    (arg) => arg !== null && typeof arg === "object" && isSharedJsonCarrier((arg as { data?: unknown }).data),
  );
}

// Stands for the i-th shared text while the rest is stringified; the random part makes it one that
// no text a user wrote can be (it is never sent: every occurrence is replaced).
const PLACEHOLDER = `shared-json:${randomBytes(16).toString("hex")}:`;

class SharedJsonEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): unknown[] {
    if (packet.type !== parser.PacketType.ACK || !carries(packet.data)) return super.encode(packet);
    const texts: string[] = [];
    const outer = JSON.stringify(packet.data, function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key]; // before toJSON: the SharedJson itself
      if (!(raw instanceof SharedJson)) return value;
      texts.push(raw.json);
      return `${PLACEHOLDER}${texts.length - 1}`;
    });
    let data = outer;
    texts.forEach((text, i) => {
      data = data.replace(JSON.stringify(`${PLACEHOLDER}${i}`), () => text);
    });
    // the type, namespace and id as socket.io-parser writes them (encodeAsString), then the data
    const nsp = packet.nsp && packet.nsp !== "/" ? `${packet.nsp},` : "";
    return [`${packet.type}${nsp}${packet.id ?? ""}${data}`];
  }
}

/** socket.io-parser with the Encoder above, for `new Server(httpServer, { parser })`. */
export const sharedJsonParser = { ...parser, Encoder: SharedJsonEncoder };
