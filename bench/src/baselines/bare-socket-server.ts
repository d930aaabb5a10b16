// Bare baseline for the socket scenarios: node:http + Socket.IO and nothing else. It speaks just
// enough of Crewboard's protocol for the bench's client (room:join and sync:request answered at
// once, no session, no database), and broadcasts a change to the board room when asked:
//
//   POST /broadcast { "task": { …a task as the API returns it… } }
//     → emits task:updated { room: "board", seq, event, data: task, at } to every board socket
//
// So a fan-out measured against it is "a write arrives, one event goes to every socket" with the
// same payload Crewboard sends, without Crewboard's database work, rooms logic or event log.
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.env.PORT ?? 0);
let seq = 0;

const httpServer = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (req.method === "POST" && req.url === "/broadcast") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { task } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { task: unknown };
      seq += 1;
      io.to("board").emit("task:updated", {
        room: "board",
        seq,
        event: "task:updated",
        data: task,
        at: new Date().toISOString(),
      });
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});

const io = new Server(httpServer, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("room:join", (payload: { room: string }, ack: (answer: unknown) => void) => {
    void socket.join(payload.room);
    ack({ ok: true, data: { room: payload.room, latest: seq } });
  });
  socket.on("sync:request", (_payload: unknown, ack: (answer: unknown) => void) =>
    ack({ ok: true, data: { rooms: {} } }),
  );
});

httpServer.listen(port, "127.0.0.1");
const stop = () => {
  io.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
