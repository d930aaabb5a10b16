// Every client event goes through `handle`: payload checked with zod, errors answered as
// `{ ok: false, error: { code, message } }` acks (never a crash, never a partial write).
import type * as z from "zod";
import type { Ack, AckErrorCode } from "@crewboard/contracts";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import type { CrewboardSocket } from "./types.ts";

const CODE_FOR_STATUS: Record<number, AckErrorCode> = { 400: "validation.failed", 401: "auth.required", 403: "auth.forbidden", 404: "not_found", 409: "conflict", 429: "rate_limited" };

export function toAckError(error: unknown): Extract<Ack<never>, { ok: false }>["error"] {
  if (error instanceof AppError) {
    return {
      code: CODE_FOR_STATUS[error.status] ?? (error.status < 500 ? "validation.failed" : "internal"),
      message: error.detail ?? error.title,
      ...(error.errors ? { fields: error.errors.map((e) => ({ path: e.path, message: e.message })) } : {}),
    };
  }
  return { code: "internal", message: "Something went wrong on our side; nothing was saved" };
}

/**
 * Registers a handler for one client event. The last argument of the event must be the ack
 * callback; a missing ack (a client that does not wait for an answer) is tolerated.
 */
export function handle<S extends z.ZodType, R>(
  socket: CrewboardSocket,
  logger: Logger,
  event: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<R>,
): void {
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as (a: Ack<R>) => void) : undefined;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      ack?.({
        ok: false,
        error: {
          code: "validation.failed",
          message: parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
          fields: parsed.error.issues.map((i) => ({ path: ["payload", ...i.path.map(String)].join("."), message: i.message })),
        },
      });
      return;
    }
    try {
      const data = await run(parsed.data);
      ack?.({ ok: true, data });
    } catch (error) {
      const ackError = toAckError(error);
      if (ackError.code === "internal") logger.error({ err: error, event }, "socket handler failed");
      ack?.({ ok: false, error: ackError });
    }
  });
}
