// Scale-out: with REDIS_URL, instances share emits and room changes through the Socket.IO
// Redis Streams adapter (it also survives short Redis outages without losing packets).
import type { Logger } from "pino";

export async function createRedisAdapter(redisUrl: string, options: { streamName?: string; logger?: Logger } = {}) {
  // Loaded only when REDIS_URL is set: evaluating `redis` took ~90 ms of every start's CPU (a
  // restart's downtime, issue 14's reconnect storm), for the one instance that never uses it.
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import("redis"),
    import("@socket.io/redis-streams-adapter"),
  ]);
  const client = createClient({ url: redisUrl });
  // node-redis emits 'error' when its connection is lost, then reconnects by itself; an 'error'
  // nobody listens to would end the process instead. Said once per outage, not once per attempt.
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    options.logger?.warn({ err: error }, "Redis does not answer; reconnecting (realtime fan-out waits meanwhile)");
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    options.logger?.info("Redis answers again");
  });
  await client.connect();
  // The streams adapter sends its request-style messages (fetchSockets, serverSideEmit) with PUBLISH
  // and drops the promise. When that PUBLISH failed — Redis gone, or this client already closed by a
  // shutdown while the sockets' disconnect handlers (presence) still ran — the rejection was
  // unhandled and ended the process with exit code 1 (the scaled test's drained instance). Failing
  // quietly is enough: whoever waits for the answers times out, as with a lost message.
  const publish = client.publish.bind(client);
  Object.assign(client, {
    publish: async (...args: Parameters<typeof publish>) => {
      try {
        return await publish(...args);
      } catch {
        return 0;
      }
    },
  });
  return {
    adapter: createAdapter(client, { streamName: options.streamName ?? "crewboard:socket.io" }),
    /** the connected client, for other shared state (the sign-in limits' counters) */
    client,
    /** for readiness: rejects while Redis does not answer */
    ping: () => client.ping(),
    /** QUIT (pending commands go out first); while Redis is down that never answers, so after 2 s the connection is dropped */
    close: async () => {
      const quit = client.quit().catch(() => undefined);
      await Promise.race([quit, new Promise((r) => setTimeout(r, 2000).unref())]);
      try {
        if (client.isOpen) client.destroy();
      } catch {
        // closed meanwhile
      }
    },
  };
}
