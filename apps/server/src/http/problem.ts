import type { Response } from "express";
import { AppError } from "../errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function sendProblem(res: Response, error: AppError, instance?: string): void {
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
        ...error.extensions,
      }),
    );
}
