// Retried writes are idempotent: a write sent with an Idempotency-Key header is answered once
// and its answer stored; a retry with the same key (say, after a dropped connection) gets the
// stored answer back instead of writing twice.
//
// The key is claimed (a row with status 0) BEFORE the handler runs, so two copies of the same
// request arriving at once on different connections or instances cannot both write: the second
// finds the claim and is told to retry in a moment (409 idempotency.in_progress). A refused or
// failed request releases its claim, so it can be corrected and sent again with the same key.
import { createHash } from "node:crypto";
import type { Request } from "express";
import { IDEMPOTENCY_HEADER } from "@crewboard/contracts";
import { Prisma, type PrismaClient } from "@crewboard/db";
import { AppError, invalidField } from "../errors.ts";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PENDING = 0;
/** A claim older than this belongs to a request that died (a crashed process): it may be taken over. */
const STALE_CLAIM_MS = 60_000;

export interface Answer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** Runs `execute` once per (user, Idempotency-Key); without the header it simply runs it. */
export async function runIdempotently(
  prisma: PrismaClient,
  req: Request,
  execute: () => Promise<{ status: number; body: unknown }>,
): Promise<Answer> {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined || !WRITE_METHODS.has(req.method) || !req.auth) return { ...(await execute()), replayed: false };
  if (key.length === 0 || key.length > 200) throw invalidField(`header.${IDEMPOTENCY_HEADER}`, "1 to 200 characters");

  const userId = req.auth.user.id;
  const id = { userId_key: { userId, key } };
  const requestHash = createHash("sha256")
    .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
    .digest("hex");

  if (!(await claim(prisma, { userId, key, method: req.method, path: req.originalUrl, requestHash }))) {
    const stored = await prisma.idempotencyKey.findUniqueOrThrow({ where: id });
    if (stored.requestHash !== requestHash) {
      throw new AppError("idempotency.key_reused", { detail: `first used for ${stored.method} ${stored.path}` });
    }
    if (stored.status === PENDING) throw new AppError("idempotency.in_progress", { headers: { "Retry-After": "1" } });
    return { status: stored.status, body: stored.responseBody, replayed: true };
  }

  let answer: { status: number; body: unknown };
  try {
    answer = await execute();
  } catch (error) {
    await prisma.idempotencyKey.deleteMany({ where: { userId, key, status: PENDING } });
    throw error;
  }
  await prisma.idempotencyKey.update({
    where: id,
    data: { status: answer.status, responseBody: (answer.body ?? null) as Prisma.InputJsonValue },
  });
  return { ...answer, replayed: false };
}

async function claim(
  prisma: PrismaClient,
  row: { userId: string; key: string; method: string; path: string; requestHash: string },
): Promise<boolean> {
  try {
    await prisma.idempotencyKey.create({ data: { ...row, status: PENDING, responseBody: {} } });
    return true;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    // Taken: unless by a request that died long ago, in which case take it over.
    const { count } = await prisma.idempotencyKey.updateMany({
      where: { ...row, status: PENDING, createdAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } },
      data: { createdAt: new Date() },
    });
    return count === 1;
  }
}
