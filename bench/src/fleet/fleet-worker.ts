// A child process holding a share of the bench's connections, so that thousands of sockets are
// driven by more than one event loop (and one process's file descriptors). Controlled by
// fleet.ts over IPC (advanced serialization, so latency arrays travel as typed arrays).
import { LiveClient } from "./live-client.ts";
import { PlankaClient } from "./planka-client.ts";
import type { FleetReply, FleetRequest, SocketReport, SocketSpec } from "./protocol.ts";

type Client = LiveClient | PlankaClient;
let clients: Client[] = [];

function clientFor(req: Extract<FleetRequest, { op: "connect" }>, spec: SocketSpec): Client {
  if (spec.planka)
    return new PlankaClient(req.url, spec.planka, { ackTimeoutMs: req.ackTimeoutMs, connectTimeoutMs: req.timeoutMs });
  return new LiveClient({
    url: req.url,
    cookie: spec.cookie,
    rooms: spec.rooms,
    user: spec.user,
    reconnect: req.reconnect,
    trackSeqs: req.trackSeqs,
    ackTimeoutMs: req.ackTimeoutMs,
    connectTimeoutMs: req.timeoutMs,
  });
}

function send(message: FleetReply): void {
  process.send!(message);
}

async function connect(req: Extract<FleetRequest, { op: "connect" }>): Promise<void> {
  const started: Client[] = [];
  const results: boolean[] = [];
  let next = 0;
  const startOne = async () => {
    while (next < req.sockets.length) {
      const spec = req.sockets[next++]!;
      let ok = false;
      for (let attempt = 0; attempt <= req.retries && !ok; attempt++) {
        const client = clientFor(req, spec);
        ok = await Promise.race([
          client.start(),
          new Promise<boolean>((r) => setTimeout(() => r(false), req.timeoutMs)),
        ]);
        if (ok || attempt === req.retries) started.push(client);
        else client.close();
      }
      results.push(ok);
    }
  };
  const lanes = Math.min(req.concurrency, req.sockets.length);
  await Promise.all(Array.from({ length: lanes }, startOne));
  clients.push(...started);
  const errors = [...new Set(started.map((c) => c.firstError).filter((e): e is string => Boolean(e)))].slice(0, 5);
  const readyTimes = started.map((c) => c.readyAt).filter((t): t is number => t !== undefined);
  send({
    op: "connected",
    id: req.id,
    ok: results.filter(Boolean).length,
    failed: results.filter((r) => !r).length,
    lastReadyAt: readyTimes.length ? Math.max(...readyTimes) : Number.NaN,
    errors,
  });
}

/** Latency of every measured write at every socket: arrival − the time the write was sent. */
function latencies(req: Extract<FleetRequest, { op: "latencies" }>): void {
  const out: number[] = [];
  let missing = 0;
  for (const client of clients) {
    for (let i = 0; i < req.sentAt.length; i++) {
      const sent = req.sentAt[i]!;
      if (Number.isNaN(sent)) continue; // warm-up, or a write that was not applied
      const arrived = client.arrivals.get(i);
      if (arrived === undefined) missing++;
      else out.push(arrived - sent);
    }
  }
  send({
    op: "latencies",
    id: req.id,
    latencies: Float64Array.from(out),
    missing,
    disconnects: clients.reduce((n, c) => n + c.disconnects, 0),
  });
}

function report(req: Extract<FleetRequest, { op: "report" }>): void {
  // the reconnect storm's report: Crewboard's live clients only (Planka's are not restarted)
  const live = clients.filter((c): c is LiveClient => c instanceof LiveClient);
  const sockets: SocketReport[] = live.map((c) => {
    let lost = 0;
    if (c.boardStart !== undefined)
      for (let s = c.boardStart + 1; s <= req.finalBoardSeq; s++) if (!c.boardSeqs.has(s)) lost++;
    return {
      connected: c.socket.connected,
      connects: c.connects,
      backAt: c.backAt ?? Number.NaN,
      resyncedAt: c.resyncedAt ?? Number.NaN,
      resets: c.resets,
      syncErrors: c.syncErrors,
      lost,
      lastSeq: c.lastSeq.get("board") ?? Number.NaN,
    };
  });
  send({ op: "report", id: req.id, sockets });
}

process.on("message", (req: FleetRequest) => {
  switch (req.op) {
    case "connect":
      void connect(req);
      break;
    case "latencies":
      latencies(req);
      break;
    case "report":
      report(req);
      break;
    case "arrived":
      send({ op: "arrived", id: req.id, count: clients.reduce((n, c) => n + c.arrivals.size, 0) });
      break;
    case "clear":
      for (const c of clients) c.arrivals.clear();
      send({ op: "cleared", id: req.id });
      break;
    case "close":
      for (const c of clients) c.close();
      clients = [];
      send({ op: "closed", id: req.id });
      break;
  }
});
// the bench is gone (crashed, or stopped with a signal): so are its connections
process.on("disconnect", () => process.exit(0));
send({ op: "ready", id: 0 });
