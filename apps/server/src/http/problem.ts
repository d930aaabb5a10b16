import type { Response } from "express";
import { AppError } from "../errors.ts";
import { requestIdOf } from "./logging.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 members an extension must not overwrite (e.g. an extension `status` carrying an order's status). */
const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "code", "instance", "errors", "requestId"]);

export function sendProblem(res: Response, error: AppError, instance?: string): void {
  // the id in the X-Request-Id header and in the access log line: what support asks a user for
  const requestId = requestIdOf(res);
  const extensions = Object.fromEntries(Object.entries(error.extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)));
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        type: `https://crewboard.example/problems/${error.code.replace(/\./g, "/")}`,
        title: error.title,
        status: error.status,
        ...(error.detail ? { detail: error.detail } : {}),
        code: error.code,
        ...(instance ? { instance } : {}),
        ...(error.errors ? { errors: error.errors } : {}),
        ...(requestId ? { requestId } : {}),
        ...extensions,
      }),
    );
}
