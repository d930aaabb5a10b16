// Input is checked with the operation's zod schemas before anything else runs. A value zod cannot
// even look at (hostile objects) and a string PostgreSQL cannot store (U+0000) are bad input too:
// a 400 / validation.failed naming the field, never a 500.
import type * as z from "zod";
import { AppError, invalidField, type FieldError } from "../errors.ts";
import { zodIssuesToFieldErrors } from "./problem.ts";

/** How many problems an answer lists, and how long each text may be: a big bad input must not get an even bigger answer. */
const MAX_ISSUES = 20;
const MAX_TEXT = 300;
const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

export function parseInput<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  where: string,
): S extends z.ZodType ? z.output<S> : Record<string, never> {
  type Out = S extends z.ZodType ? z.output<S> : Record<string, never>;
  if (!schema) return {} as Out;
  let result: ReturnType<z.ZodType["safeParse"]>;
  try {
    result = schema.safeParse(value);
  } catch {
    // zod can throw on hostile values (an object whose `toString` is not a function reaching a length check)
    throw invalidField(where, "not a valid value");
  }
  if (!result.success) {
    const all = zodIssuesToFieldErrors(result.error, where);
    const errors: FieldError[] = all
      .slice(0, MAX_ISSUES)
      .map((e) => ({ ...e, path: cut(e.path), message: cut(e.message) }));
    const more = all.length > MAX_ISSUES ? `; and ${all.length - MAX_ISSUES} more` : "";
    throw new AppError("validation.failed", {
      detail: errors.map((e) => `${e.path}: ${e.message}`).join("; ") + more,
      errors,
    });
  }
  const nul = findNulCharacter(result.data, where);
  if (nul) throw invalidField(nul, "must not contain the NUL character (\\u0000)");
  return result.data as Out;
}

/** PostgreSQL text cannot hold U+0000: name the first string that carries one, before it reaches the database. */
function findNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findNulCharacter(item, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}
