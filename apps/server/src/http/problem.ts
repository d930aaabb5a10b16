import type { Response } from "express";
import type { AppError } from "../errors.ts";
import { problemOf } from "../operations/problem.ts";
import { requestIdOf } from "./logging.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Answers an RFC 9457 problem+json; its `requestId` is the one in the X-Request-Id header and the access log. */
export function sendProblem(res: Response, error: AppError, instance?: string): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemOf(error, { instance, requestId: requestIdOf(res) })));
}
