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

/** How many validation problems an error answer lists, and how long each text may be. */
const MAX_ISSUES = 20;
const MAX_TEXT = 300;
const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

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
    let parsed: z.ZodSafeParseResult<z.output<S>>;
    try {
      parsed = schema.safeParse(args[0]) as z.ZodSafeParseResult<z.output<S>>;
    } catch {
      // zod can throw on hostile values (see http/register-route.ts): still a validation error
      ack?.({ ok: false, error: { code: "validation.failed", message: "payload: not a valid value", fields: [{ path: "payload", message: "not a valid value" }] } });
      return;
    }
    if (!parsed.success) {
      // The answer names the first few problems only, each cut short: a big bad payload must not
      // get an even bigger answer (8,000 unknown keys would otherwise come back as 8,000 fields).
      const all = parsed.error.issues;
      const shown = all.slice(0, MAX_ISSUES).map((i) => ({ path: cut(["payload", ...i.path.map(String)].join(".")), message: cut(i.message) }));
      const more = all.length > MAX_ISSUES ? `; and ${all.length - MAX_ISSUES} more` : "";
      ack?.({
        ok: false,
        error: {
          code: "validation.failed",
          message: shown.map((f) => `${f.path.slice("payload.".length) || "payload"}: ${f.message}`).join("; ") + more,
          fields: shown,
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
