// Every error a person reads is in their language (issue 9 barrier 2): the UI's own words per
// error code, never the server's English detail.
import { describe, expect, it } from "vitest";
import { errorCodeEn, errorCodeJa } from "../i18n/error-codes.ts";
import { i18nFor } from "../i18n/index.ts";
import { ApiError } from "../lib/api.ts";
import { SocketAckError } from "../lib/socket.ts";
import { errorMessage } from "./errors.ts";

const codes = Object.keys(errorCodeJa).map((key) => key.slice("errorCode.".length));
const ENGLISH_DETAIL = "Something the server says in English";

describe("error messages per code", () => {
  it("has words for the server's codes, in both languages", () => {
    expect(codes.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(errorCodeEn).sort()).toEqual(Object.keys(errorCodeJa).sort());
  });

  it.each(["ja", "en"] as const)(
    "REST: the UI's own words for every code in %s, never the server's detail",
    (locale) => {
      const { t } = i18nFor(locale);
      const words = locale === "ja" ? errorCodeJa : errorCodeEn;
      for (const code of codes) {
        const error = new ApiError(400, { status: 400, code, title: "Bad", detail: ENGLISH_DETAIL });
        expect(errorMessage(error, t), code).toBe(words[`errorCode.${code}` as keyof typeof errorCodeJa]);
      }
    },
  );

  it("sockets: the same words as REST (task.version_conflict)", () => {
    const { t } = i18nFor("ja");
    const error = new SocketAckError({
      code: "task.version_conflict",
      status: 409,
      title: "Conflict",
      detail: ENGLISH_DETAIL,
    });
    expect(errorMessage(error, t)).toBe(errorCodeJa["errorCode.task.version_conflict"]);
  });

  it("a code this version does not know: words per status, still not the detail", () => {
    const { t } = i18nFor("ja");
    expect(errorMessage(new ApiError(409, { status: 409, code: "future.code", detail: ENGLISH_DETAIL }), t)).toBe(
      t("error.conflict"),
    );
    expect(errorMessage(new ApiError(422, { status: 422, detail: ENGLISH_DETAIL }), t)).toBe(t("error.validation"));
  });
});
