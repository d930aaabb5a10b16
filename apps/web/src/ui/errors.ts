// One wording for API and socket errors, in the UI language: the UI's own words per error code
// (i18n/error-codes.ts, every code the server declares), never the server's `detail`, which is
// English whatever the reader's language. A code this version does not know falls back to
// words per HTTP status.
import type { I18n } from "../i18n/index.ts";
import { errorCodeKey } from "../i18n/error-codes.ts";
import { ApiError } from "../lib/api.ts";
import { SocketAckError } from "../lib/socket.ts";

function byStatus(status: number, t: I18n["t"]): string {
  if (status === 403) return t("error.forbidden");
  if (status === 404) return t("error.notFound");
  if (status === 409) return t("error.conflict");
  if (status === 429) return t("error.rateLimited");
  if (status >= 500) return t("error.server");
  if (status === 400 || status === 422) return t("error.validation");
  return t("error.unknown");
}

/** A sentence for the user, in the UI language. */
export function errorMessage(error: unknown, t: I18n["t"]): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t("error.network");
    const key = errorCodeKey(error.problem.code);
    return key ? t(key) : byStatus(error.status, t);
  }
  if (error instanceof SocketAckError) {
    if (error.code === "disconnected" || error.code === "timeout") return t("error.network");
    const key = errorCodeKey(error.code);
    return key ? t(key) : byStatus(error.status, t);
  }
  return t("error.unknown");
}
