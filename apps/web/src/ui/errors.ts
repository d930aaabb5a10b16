// One wording for API and socket errors, in the UI language.
import type { I18n } from "../i18n/index.ts";
import { ApiError } from "../lib/api.ts";
import { SocketAckError } from "../lib/socket.ts";

/** A sentence for the user. The server's `detail` is in the UI language (Accept-Language). */
export function errorMessage(error: unknown, t: I18n["t"]): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t("error.network");
    if (error.status === 403) return t("error.forbidden");
    if (error.status === 404) return t("error.notFound");
    if (error.status === 409) return error.problem.detail || t("error.conflict");
    if (error.status === 429) return t("error.rateLimited");
    if (error.status >= 500) return t("error.server");
    if (error.status === 400 || error.status === 422) return error.problem.detail || t("error.validation");
    return error.problem.detail || error.problem.title || t("error.unknown");
  }
  if (error instanceof SocketAckError) {
    if (error.code === "disconnected" || error.code === "timeout") return t("error.network");
    if (error.status === 403) return t("error.forbidden");
    if (error.status === 404) return t("error.notFound");
    if (error.status === 409) return t("error.conflict");
    if (error.status === 429) return t("error.rateLimited");
    if (error.status === 400) return error.message || t("error.validation");
    return t("error.unknown");
  }
  return t("error.unknown");
}
