// Scale-out: with REDIS_URL, instances share emits and room changes through the Socket.IO
// Redis Streams adapter (it also survives short Redis outages without losing packets).
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-streams-adapter";

export async function createRedisAdapter(redisUrl: string, options: { streamName?: string } = {}) {
  const client = createClient({ url: redisUrl });
  await client.connect();
  return {
    adapter: createAdapter(client, { streamName: options.streamName ?? "crewboard:socket.io" }),
    /** the connected client, for other shared state (the sign-in limits' counters) */
    client,
    /** for readiness: rejects while Redis does not answer */
    ping: () => client.ping(),
    close: async () => {
      await client.quit().catch(() => undefined);
    },
  };
}
