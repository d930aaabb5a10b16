// The new-order form without React: its values, the checks made before sending (the rules of
// CreateWorkOrderRequest in packages/contracts, with its limits from packages/domain: the bundle
// carries no zod), the request, and the server's field errors (problem+json `errors[].path`)
// mapped back to the fields.
import { MAX_LINKS_PER_ORDER, TEXT_LIMITS } from "@crewboard/domain";
import type { MessageKey } from "../../i18n/index.ts";
import type { ApiError, BodyOf, Priority } from "../../lib/api.ts";
import type { FieldErrors, FieldMessage } from "../../ui/Field.tsx";

export interface NewOrderValues {
  title: string;
  description: string;
  /** one link per line */
  links: string;
  /** YYYY-MM-DD, in Asia/Tokyo */
  dueDate: string;
  /** HH:MM, in Asia/Tokyo */
  dueTime: string;
  priority: Priority;
  /** "" = no nomination */
  nominatedCrewId: string;
  nominationNote: string;
}

export type NewOrderField =
  "title" | "description" | "links" | "dueDate" | "dueTime" | "priority" | "nominatedCrewId" | "nominationNote";

/** Field order on the page (the first error gets focus). */
export const NEW_ORDER_FIELDS: readonly NewOrderField[] = [
  "title",
  "description",
  "links",
  "dueDate",
  "dueTime",
  "priority",
  "nominatedCrewId",
  "nominationNote",
];

export const EMPTY_NEW_ORDER: NewOrderValues = {
  title: "",
  description: "",
  links: "",
  dueDate: "",
  dueTime: "17:00",
  priority: "normal",
  nominatedCrewId: "",
  nominationNote: "",
};

/** Tokyo is UTC+9 all year (no daylight saving time). */
const TOKYO_OFFSET = "+09:00";

/** Today's date in Tokyo, YYYY-MM-DD (for the date input's `min`). */
export function todayInTokyo(now: number = Date.now()): string {
  return new Date(now + 9 * 3600_000).toISOString().slice(0, 10);
}

/** "2026-11-25" + "17:00" (Tokyo) → "2026-11-25T08:00:00.000Z"; undefined when not a real date/time. */
export function tokyoIso(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const hm = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (!hm) return undefined;
  const parsed = Date.parse(`${date}T${hm[1]}:${hm[2]}:00${TOKYO_OFFSET}`);
  if (Number.isNaN(parsed)) return undefined;
  const iso = new Date(parsed).toISOString();
  // Date.parse rolls "2026-02-31" over to March: refuse dates that do not exist
  if (todayInTokyo(parsed) !== date) return undefined;
  return iso;
}

/** The non-empty lines of the links box, trimmed. */
export function parseLinks(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function isHttpUrl(value: string): boolean {
  if (value.length > TEXT_LIMITS.url) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The line number (1-based, counting blank lines too) of the n-th link, as the user sees the box. */
function lineOfLink(text: string, index: number): number {
  const lines = text.split(/\r?\n/);
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim()) seen += 1;
    if (seen === index) return i + 1;
  }
  return index + 1;
}

const msg = (key: MessageKey, vars?: FieldMessage["vars"]): FieldMessage => (vars ? { key, vars } : { key });

/** Checks before sending; an empty object when all is well. */
export function validateNewOrder(
  values: NewOrderValues,
  now: number = Date.now(),
): FieldErrors<NewOrderField, FieldMessage> {
  const errors: FieldErrors<NewOrderField, FieldMessage> = {};
  const title = values.title.trim();
  if (!title || title.length > TEXT_LIMITS.title)
    errors.title = msg("client.newOrder.error.title", { max: TEXT_LIMITS.title });
  if (values.description.length > TEXT_LIMITS.description)
    errors.description = msg("client.newOrder.error.description", { max: TEXT_LIMITS.description });

  const links = parseLinks(values.links);
  const bad = links.findIndex((link) => !isHttpUrl(link));
  if (bad >= 0) errors.links = msg("client.newOrder.error.linkLine", { line: lineOfLink(values.links, bad) });
  else if (links.length > MAX_LINKS_PER_ORDER)
    errors.links = msg("client.newOrder.error.tooManyLinks", { max: MAX_LINKS_PER_ORDER });

  if (!values.dueDate) errors.dueDate = msg("client.newOrder.error.dueDate");
  if (!values.dueTime) errors.dueTime = msg("client.newOrder.error.dueTime");
  if (values.dueDate && values.dueTime) {
    const due = tokyoIso(values.dueDate, values.dueTime);
    if (!due) errors.dueDate = msg("client.newOrder.error.dueServer");
    else if (Date.parse(due) <= now) errors.dueDate = msg("client.newOrder.error.duePast");
  }
  if (values.priority !== "normal" && values.priority !== "urgent")
    errors.priority = msg("client.newOrder.error.priority");
  if (values.nominationNote.trim().length > TEXT_LIMITS.nominationNote)
    errors.nominationNote = msg("client.newOrder.error.nominationNote", { max: TEXT_LIMITS.nominationNote });
  return errors;
}

/** The request body (call after validateNewOrder found nothing). */
export function toCreateRequest(values: NewOrderValues): BodyOf<"createWorkOrder"> {
  const body: BodyOf<"createWorkOrder"> = {
    title: values.title.trim(),
    description: values.description,
    links: parseLinks(values.links),
    dueAt: tokyoIso(values.dueDate, values.dueTime) ?? "",
    priority: values.priority,
  };
  if (values.nominatedCrewId) {
    body.nominatedCrewId = values.nominatedCrewId;
    const note = values.nominationNote.trim();
    if (note) body.nominationNote = note;
  }
  return body;
}

/** Which field a server path ("body.dueAt", "body.links.2") belongs to, and our words for it. */
export function serverFieldErrors(
  error: ApiError,
  values: NewOrderValues,
): { fields: FieldErrors<NewOrderField, FieldMessage>; unknown: boolean } {
  const fields: FieldErrors<NewOrderField, FieldMessage> = {};
  let unknown = false;
  for (const problem of error.problem.errors ?? []) {
    const path = String(problem.path).replace(/^body\.?/, "");
    const [name, index] = path.split(".");
    let field: NewOrderField | undefined;
    let message: FieldMessage | undefined;
    switch (name) {
      case "title":
        [field, message] = ["title", msg("client.newOrder.error.title", { max: TEXT_LIMITS.title })];
        break;
      case "description":
        [field, message] = ["description", msg("client.newOrder.error.description", { max: TEXT_LIMITS.description })];
        break;
      case "links": {
        const n = index !== undefined ? Number(index) : NaN;
        message = Number.isInteger(n)
          ? msg("client.newOrder.error.linkLine", { line: lineOfLink(values.links, n) })
          : msg("client.newOrder.error.links");
        field = "links";
        break;
      }
      case "dueAt":
        [field, message] = ["dueDate", msg("client.newOrder.error.dueServer")];
        break;
      case "priority":
        [field, message] = ["priority", msg("client.newOrder.error.priority")];
        break;
      case "nominatedCrewId":
        [field, message] = ["nominatedCrewId", msg("client.newOrder.error.nominee")];
        break;
      case "nominationNote":
        [field, message] = [
          "nominationNote",
          msg("client.newOrder.error.nominationNote", { max: TEXT_LIMITS.nominationNote }),
        ];
        break;
      default:
        unknown = true;
    }
    if (field && message && !fields[field]) fields[field] = message;
  }
  return { fields, unknown };
}
