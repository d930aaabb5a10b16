import * as z from "zod";
import "zod-openapi";
import { NextCursor, PageCursor } from "./pagination.ts";

export const Id = z.uuid().meta({ description: "A UUID", example: "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11" });

/** ISO 8601 date-time with an offset, e.g. 2026-11-24T08:00:00.000Z. */
export const Timestamp = z.iso
  .datetime({ offset: true })
  // The database stores years 1–9999 only; work happens in this century anyway.
  .refine((s) => {
    const t = Date.parse(s);
    return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1);
  }, "must be a date between 2000 and 2099")
  .meta({ example: "2026-11-24T08:00:00.000Z" });

export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

/**
 * A boolean in a query string: `true` or `false`, as OpenAPI clients send a `type: boolean`
 * parameter. The document says exactly that (a boolean, no string enum), so generated clients and
 * the server agree; anything else ("1", "yes") is a 400 naming the parameter.
 */
export const QueryBoolean = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .meta({
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      delete jsonSchema.enum;
      jsonSchema.type = "boolean";
    },
  });

/** A comma-separated list in a query string, each item checked by `item`. */
export function queryList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));
}

export const PageQuery = z.strictObject({
  /** the `nextCursor` of the previous page (opaque; see pagination.ts) */
  cursor: PageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** pass as `cursor` to get the next page; null on the last page */
    nextCursor: NextCursor,
  });
}

/**
 * A person as others see them: no email, no preferences, no health data. `displayName` is how
 * clients see the operating company's people; to a client, `name` is that display name too.
 */
export const PersonRef = z
  .object({
    id: Id,
    name: z.string(),
    displayName: z.string(),
    role: z.enum(["admin", "manager", "crew", "client"]),
  })
  .meta({ id: "PersonRef" });
export type PersonRef = z.infer<typeof PersonRef>;

/** RFC 9457 problem details, with a stable `code` and the fields at fault. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().meta({ example: "validation.failed" }),
    instance: z.string().optional(),
    requestId: z.string().optional().meta({
      description:
        "the request's id, also sent in the X-Request-Id header: quote it to support so they can find the request in the log",
    }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ example: "body.dueAt" }),
          message: z.string(),
          code: z.string().optional(),
        }),
      )
      .optional(),
    allowed: z
      .array(z.string())
      .optional()
      .meta({ description: "for an illegal transition: the statuses allowed from here" }),
    current: z.unknown().optional().meta({ description: "for a stale version: the current state of the resource" }),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;
