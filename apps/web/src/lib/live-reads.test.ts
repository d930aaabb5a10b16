// The board's tasks are read without waiting for the live connection (issue 14); the read says at
// which sequence of `board` it was taken, and followReads + LiveClient.readAt make every change
// after it reach the cache: here with the board's own query, the real live client over a fake
// socket, and a fake server, in the orders that could lose a change.
import { afterEach, describe, expect, it, vi } from "vitest";
import { InfiniteQueryObserver, type InfiniteData } from "@tanstack/react-query";
import type { Ack, SyncResponse } from "@crewboard/contracts";
import { boardTasksQuery } from "../features/board/board-prefetch.ts";
import { followReads } from "./live.ts";
import { LiveClient, type ClientSocket, type LiveEnvelope } from "./socket.ts";
import type { Page, Task } from "./api.ts";
import { task } from "../test/fixtures.ts";
import { FakeSocketBase } from "../test/fake-socket.ts";
import { testQueryClient } from "../test/query-client.ts";

/** The server's side of the socket: `board`'s events so far, answering joins and syncs from them. */
class FakeSocket extends FakeSocketBase {
  readonly events: LiveEnvelope[] = [];
  /** holds room:join answers until released (the join is slow) */
  joinGate: Promise<void> = Promise.resolve();
  /** the `board` sequence each sync:request asked from */
  readonly syncedFrom: number[] = [];
  /** sync:requests to refuse (rate_limited) before answering */
  refuseSyncs = 0;

  get latest() {
    return this.events.length;
  }
  /** a change committed: sent live to a socket that has joined */
  commit(data: Task, live: boolean) {
    const envelope: LiveEnvelope = {
      room: "board",
      seq: this.events.length + 1,
      event: "task:updated",
      data,
      at: new Date(Date.UTC(2026, 10, 24, 1, 0, this.events.length + 1)).toISOString(),
    };
    this.events.push(envelope);
    if (live) this.fire("task:updated", envelope);
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: unknown): Promise<Ack<unknown>> => {
        if (event === "room:join") {
          await this.joinGate;
          const room = (payload as { room: string }).room;
          return { ok: true, data: { room, latest: room === "board" ? this.latest : 0 } };
        }
        if (event === "sync:request") {
          const rooms = (payload as { rooms: Record<string, number> }).rooms;
          if (rooms.board !== undefined) this.syncedFrom.push(rooms.board);
          if (this.refuseSyncs > 0) {
            this.refuseSyncs--;
            return { ok: false, error: { code: "rate_limited", status: 429, title: "too many" } };
          }
          const answer: SyncResponse = {
            rooms: Object.fromEntries(
              Object.entries(rooms).map(([room, after]) => [
                room,
                room === "board"
                  ? { events: this.events.filter((e) => e.seq > after), latest: this.latest, reset: false }
                  : { events: [], latest: 0, reset: false },
              ]),
            ),
          };
          return { ok: true, data: answer };
        }
        return { ok: false, error: { code: "route.not_found", status: 404, title: "no such event" } };
      },
    };
  }
}

const USER = {
  id: "0190d6c8-0000-7000-8000-0000000000m1",
  role: "manager" as const,
  clientCompanyId: null,
  teamId: null,
};

/** The task list's answers, each held until the test releases it, with `board`'s sequence as of then. */
function fakeServer(socket: FakeSocket, pages: Task[][]) {
  const releases: (() => void)[] = [];
  let served = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      const index = served++;
      await new Promise<void>((resolve) => releases.push(resolve));
      const page: Page<Task> = {
        items: pages[index]!,
        nextCursor: index + 1 < pages.length ? `cursor-${index + 1}` : null,
        seqs: { board: socket.latest, [`user:${USER.id}`]: 0 },
      };
      return Response.json(page);
    }),
  );
  return {
    /** the next waiting request reads now: the page holds what was committed so far */
    async answer() {
      await vi.waitFor(() => expect(releases.length).toBeGreaterThan(0));
      releases.shift()!();
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function setUp() {
  const socket = new FakeSocket();
  const live = new LiveClient({ createSocket: () => socket as unknown as ClientSocket });
  const queryClient = testQueryClient();
  followReads(queryClient, live, { userId: USER.id });
  // what useLiveCacheSync does with each event
  live.subscribe((envelope) => {
    if (envelope.event !== "task:updated") return;
    queryClient.setQueryData<InfiniteData<Page<Task>>>(boardTasksQuery(false).queryKey, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              items: p.items.map((t) =>
                t.id === envelope.data.id && t.version < envelope.data.version ? envelope.data : t,
              ),
            })),
          }
        : data,
    );
  });
  const title = (id: string) =>
    queryClient
      .getQueryData<InfiniteData<Page<Task>>>(boardTasksQuery(false).queryKey)
      ?.pages.flatMap((p) => p.items)
      .find((t) => t.id === id)?.title;
  return { socket, live, queryClient, title };
}

describe("the board read without waiting for the live connection: no change is lost", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("a change committed between the read and the join reaches the board", async () => {
    const { socket, live, queryClient, title } = setUp();
    let openJoin!: () => void;
    socket.joinGate = new Promise((resolve) => (openJoin = resolve));
    const server = fakeServer(socket, [[task({ id: "task-1", title: "前", version: 1 })]]);
    live.connect(USER);
    const loaded = queryClient.fetchInfiniteQuery(boardTasksQuery(false));
    await server.answer(); // read at board 0
    await loaded;
    socket.commit(task({ id: "task-1", title: "後", version: 2 }), false); // not joined yet: not sent
    expect(title("task-1")).toBe("前");
    openJoin();
    await settle();
    expect(title("task-1")).toBe("後");
    expect(live.seqOf("board")).toBe(1);
  });

  it("a change delivered live while the read was under way (its answer replaced the cache) reaches the board", async () => {
    const { socket, live, queryClient, title } = setUp();
    const server = fakeServer(socket, [[task({ id: "task-1", title: "前", version: 1 })]]);
    live.connect(USER);
    await settle(); // joined at board 0
    const loaded = queryClient.fetchInfiniteQuery(boardTasksQuery(false));
    await server.answer(); // read at board 0…
    socket.commit(task({ id: "task-1", title: "後", version: 2 }), true); // …and this arrives before its answer
    await loaded;
    await settle();
    expect(title("task-1")).toBe("後");
  });

  it("a change to a loaded page while the next page was read reaches the board", async () => {
    const { socket, live, queryClient, title } = setUp();
    const server = fakeServer(socket, [[task({ id: "task-1", title: "前", version: 1 })], [task({ id: "task-2" })]]);
    live.connect(USER);
    await settle();
    const first = queryClient.fetchInfiniteQuery(boardTasksQuery(false));
    await server.answer();
    await first;
    await settle();
    const more = new InfiniteQueryObserver(queryClient, boardTasksQuery(false)).fetchNextPage();
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(1));
    socket.commit(task({ id: "task-1", title: "後", version: 2 }), true); // applied to page 1…
    expect(title("task-1")).toBe("後");
    await server.answer(); // …which the next page's answer replaces with page 1 as it was
    await more;
    await settle();
    expect(title("task-2")).toBeDefined();
    expect(title("task-1")).toBe("後");
  });

  it("the next page asks for what came after the live client's position when it started, not after the first page's read", async () => {
    const { socket, live, queryClient, title } = setUp();
    const server = fakeServer(socket, [[task({ id: "task-1", title: "0", version: 1 })], [task({ id: "task-2" })]]);
    live.connect(USER);
    await settle();
    const first = queryClient.fetchInfiniteQuery(boardTasksQuery(false));
    await server.answer(); // read at board 0
    await first;
    for (const version of [2, 3, 4]) socket.commit(task({ id: "task-1", title: `${version}`, version }), true);
    await settle();
    const more = new InfiniteQueryObserver(queryClient, boardTasksQuery(false)).fetchNextPage();
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(1)); // started at board 3
    socket.commit(task({ id: "task-1", title: "5", version: 5 }), true); // lost by the next page's answer…
    await server.answer();
    await more;
    await settle();
    expect(title("task-1")).toBe("5"); // …and given again
    expect(socket.syncedFrom).toEqual([3]); // not the whole board's events since 0
  });

  it("a catch-up refused for now (rate limited) is asked again a little later, not answered by reloading the board", async () => {
    const { socket, live, queryClient, title } = setUp();
    const server = fakeServer(socket, [[task({ id: "task-1", title: "前", version: 1 })]]);
    live.connect(USER);
    await settle();
    const resets: string[] = [];
    live.onReset((room) => resets.push(room));
    socket.refuseSyncs = 1;
    const loaded = queryClient.fetchInfiniteQuery(boardTasksQuery(false));
    await server.answer();
    socket.commit(task({ id: "task-1", title: "後", version: 2 }), true);
    await loaded;
    await vi.waitFor(() => expect(title("task-1")).toBe("後"), { timeout: 10_000 });
    expect(socket.syncedFrom).toEqual([0, 0]);
    expect(resets).toEqual([]);
  });
});
