import { verifyPassword } from "@crewboard/db";
import { normalizeOneTimePassword } from "../users/one-time-password.ts";

// Verifying against a real hash when the email is unknown keeps the timing the same, so the
// answer time does not tell which emails have accounts.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$7pSWRyDXXpvR0Q4Z8H6qxpcrCDqd2n0uIVvVTn2l5mU";

/**
 * Whether `typed` is the user's password. A one-time password (still to be changed) is compared
 * in its normalized form, so "k7qm 3xtr…" typed by hand works; a chosen one exactly as typed.
 * One argon2 verification either way.
 */
export function passwordMatches(
  user: { passwordHash: string; mustChangePassword: boolean } | null,
  typed: string,
): Promise<boolean> {
  if (!user) return verifyPassword(DUMMY_HASH, typed);
  return verifyPassword(user.passwordHash, user.mustChangePassword ? normalizeOneTimePassword(typed) : typed);
}
