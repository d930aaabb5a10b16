// Password hashing: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm.Argon2id;

const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Returns a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt. */
export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/** True when `plain` matches `hash`; false for a wrong password or a malformed hash (never throws). */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  if (typeof passwordHash !== "string" || !passwordHash.startsWith("$argon2")) return false;
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
