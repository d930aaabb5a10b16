// One-time passwords, made by the server when an admin creates a user or resets a password
// (there is no email yet to send a link). Strong and easy to read aloud or copy by hand: four
// groups of four from 31 characters without look-alikes (no 0/O, 1/I/L), about 79 bits of randomness.
import { randomInt } from "node:crypto";
import { hashPassword } from "@crewboard/db";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** e.g. "K7QM-3XTR-PW9H-DF2N" */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

/**
 * The form a one-time password is hashed and checked in: capitals, half-width, without the separators and
 * spaces a person may type or leave out. Only for one-time passwords: a password people choose is
 * checked exactly as typed.
 */
export function normalizeOneTimePassword(typed: string): string {
  // NFKC turns the full-width letters and digits a Japanese input method may produce into ASCII.
  return typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐-―ー]/g, "");
}

/** A fresh one-time password and the hash to store (the password itself is never stored). */
/** A one-time password and its argon2 hash (hashed before the write's transaction opens). */
export interface OneTimePassword {
  oneTimePassword: string;
  passwordHash: string;
}

export async function newOneTimePassword(): Promise<OneTimePassword> {
  const oneTimePassword = generateOneTimePassword();
  return { oneTimePassword, passwordHash: await hashPassword(normalizeOneTimePassword(oneTimePassword)) };
}
