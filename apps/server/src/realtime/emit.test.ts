import { describe, expect, it, vi } from "vitest";
import { Server } from "socket.io";
import { viewerRooms } from "../access/client-view.ts";
import { broadcastToRoom, emitToRoom, markSingleInstance } from "./emit.ts";
import type { CrewboardServer, CrewboardSocket } from "./types.ts";

// A person of the operating company as every mapper writes one: clients see `displayName` as `name`.
const envelope = {
  room: "board",
  seq: 1,
  event: "task:updated",
  data: { assignee: { id: "u1", name: "Ada Lovelace", displayName: "Ada", role: "crew" } },
};

/** A Socket.IO server without transport (nothing to close); connections are put in rooms straight in its adapter. */
function server(options: { single: boolean }) {
  const io: CrewboardServer = new Server();
  if (options.single) markSingleInstance(io);
  const adapter = io.of("/").adapter;
  const broadcast = vi.spyOn(adapter, "broadcast").mockImplementation(() => undefined);
  // (private in its types: the encode an emit to nobody should not pay for)
  const encode = vi.spyOn((adapter as unknown as { encoder: { encode(packet: unknown): unknown } }).encoder, "encode");
  const connect = (id: string, rooms: string[]) => adapter.addAll(id, new Set([id, ...rooms]));
  return { io, broadcast, encode, connect };
}

/** What each emit went to (the room left out) and the name it carried. */
const sent = (broadcast: ReturnType<typeof server>["broadcast"]) =>
  broadcast.mock.calls.map(([packet, opts]) => ({
    except: [...(opts.except ?? [])],
    name: (packet.data as [string, typeof envelope])[1].data.assignee.name,
  }));

describe("emits on a single instance reach only the kinds of viewer in the room", () => {
  it("a room nobody is in: nothing is encoded nor emitted", () => {
    const { io, broadcast, encode, connect } = server({ single: true });
    connect("staff-1", [viewerRooms.fullNames, "team:1"]);
    emitToRoom(io, "board", "task:updated", envelope);
    expect(broadcast).not.toHaveBeenCalled();
    expect(encode).not.toHaveBeenCalled();
  });

  it("only the company's people: one emit, full names", () => {
    const { io, broadcast, connect } = server({ single: true });
    connect("staff-1", [viewerRooms.fullNames, "board"]);
    emitToRoom(io, "board", "task:updated", envelope);
    expect(sent(broadcast)).toEqual([{ except: [viewerRooms.displayNames], name: "Ada Lovelace" }]);
  });

  it("only a client: one emit, display names", () => {
    const { io, broadcast, connect } = server({ single: true });
    connect("client-1", [viewerRooms.displayNames, "board"]);
    emitToRoom(io, "board", "task:updated", envelope);
    expect(sent(broadcast)).toEqual([{ except: [viewerRooms.fullNames], name: "Ada" }]);
  });

  it("both kinds: both emits, each as its viewers may see it", () => {
    const { io, broadcast, connect } = server({ single: true });
    connect("staff-1", [viewerRooms.fullNames, "board"]);
    connect("client-1", [viewerRooms.displayNames, "board"]);
    emitToRoom(io, "board", "task:updated", envelope);
    expect(sent(broadcast)).toEqual([
      { except: [viewerRooms.displayNames], name: "Ada Lovelace" },
      { except: [viewerRooms.fullNames], name: "Ada" },
    ]);
  });
});

describe("a socket's broadcast (typing)", () => {
  it("leaves the sender out: alone in its room, nothing is sent", () => {
    const { io, broadcast, connect } = server({ single: true });
    connect("staff-1", [viewerRooms.fullNames, "chat:1"]);
    const sender = { id: "staff-1", nsp: { server: io }, to: (room: string) => io.to(room).except("staff-1") };
    broadcastToRoom(sender as unknown as CrewboardSocket, "chat:1", "typing:updated", envelope);
    expect(broadcast).not.toHaveBeenCalled();
    connect("client-1", [viewerRooms.displayNames, "chat:1"]);
    broadcastToRoom(sender as unknown as CrewboardSocket, "chat:1", "typing:updated", envelope);
    expect(sent(broadcast)).toEqual([{ except: ["staff-1", viewerRooms.fullNames], name: "Ada" }]);
  });
});

describe("with an adapter between instances", () => {
  it("both emits always go out: other instances may hold the room's connections", () => {
    const { io, broadcast } = server({ single: false });
    emitToRoom(io, "board", "task:updated", envelope);
    expect(sent(broadcast)).toEqual([
      { except: [viewerRooms.displayNames], name: "Ada Lovelace" },
      { except: [viewerRooms.fullNames], name: "Ada" },
    ]);
  });
});
