// Sends the emails of the outbox (OutboxEmail, written in the transaction of the change that called
// for them) through SMTP with nodemailer, on every instance's job poll.
//
// A send never holds a database transaction: a short transaction claims a few due emails
// (FOR UPDATE SKIP LOCKED) and leases them (nextAttemptAt moves a few minutes ahead, so another
// instance leaves them alone), the SMTP exchange runs outside it, and a second write records the
// outcome: sent, or the error and the next try with backoff. A crash in between leaves the lease,
// which runs out, and the email is tried again: it survives restarts (an email may, rarely, go
// twice; it is never lost). After MAX_ATTEMPTS, or when it waited more than a day (SMTP was off or
// down: old news is no news), it is marked failed.
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Logger } from "pino";
import type { PrismaClient } from "@crewboard/db";
import { PUBLIC_URL_PLACEHOLDER } from "../modules/notifications/email/email-text.ts";
import { retryDelayMs } from "./runner.ts";

export interface EmailOptions {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: email is off */
  smtpUrl?: string | undefined;
  /** SMTP_FROM: the sender address */
  from?: string | undefined;
  /** CREWBOARD_PUBLIC_URL: where links in emails point */
  publicUrl?: string | undefined;
}

export interface EmailOutbox {
  /** Sends every email due at `now`; resolves with how many were sent. */
  deliverDue(now?: Date): Promise<number>;
  close(): void;
}

export const MAX_EMAIL_ATTEMPTS = 8;
/** An email not sent within this time after it was queued is dropped (marked failed). */
export const EMAIL_MAX_AGE_MS = 24 * 60 * 60_000;
/** While a send is under way, no other instance takes the email. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  createdAt: Date;
}

export function createEmailOutbox(options: {
  prisma: PrismaClient;
  logger: Logger;
  email: EmailOptions;
  now?: () => Date;
  transport?: Transporter;
}): EmailOutbox | null {
  const { prisma, logger, email } = options;
  if (!email.smtpUrl && !options.transport) return null;
  const transport =
    options.transport ??
    nodemailer.createTransport({
      url: email.smtpUrl!,
      // a slow or silent server must not hold a pass for long
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as SMTPTransport.Options & { url: string });
  const from = email.from ?? "Crewboard <crewboard@localhost>";
  const base = (email.publicUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  const clock = options.now ?? (() => new Date());

  async function claim(now: Date): Promise<Claimed[]> {
    return prisma.$transaction(async (tx) => {
      // too old to be of use: given up on, not sent
      await tx.outboxEmail.updateMany({
        where: { sentAt: null, failedAt: null, createdAt: { lt: new Date(now.getTime() - EMAIL_MAX_AGE_MS) } },
        data: { failedAt: now, lastError: "not sent within a day; dropped" },
      });
      const rows = await tx.$queryRaw<Claimed[]>`
        SELECT "id", "to", "subject", "text", "html", "attempts", "createdAt" FROM "OutboxEmail"
        WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (rows.length) {
        await tx.outboxEmail.updateMany({
          where: { id: { in: rows.map((r) => r.id) } },
          data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
        });
      }
      return rows;
    });
  }

  async function deliverDue(now: Date = clock()): Promise<number> {
    let sent = 0;
    for (const mail of await claim(now)) {
      const attempts = mail.attempts + 1;
      const withLinks = (s: string) => s.split(PUBLIC_URL_PLACEHOLDER).join(base);
      try {
        const info = await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: withLinks(mail.text),
          html: withLinks(mail.html),
        });
        await prisma.outboxEmail.update({
          where: { id: mail.id },
          data: { sentAt: new Date(), messageId: String(info.messageId ?? ""), lastError: null },
        });
        sent++;
      } catch (error) {
        const message = String((error as Error)?.message ?? error).slice(0, 500);
        const giveUp = attempts >= MAX_EMAIL_ATTEMPTS;
        // the address is personal data: the log names the email by id only
        logger.warn(
          { emailId: mail.id, attempts, err: { message } },
          giveUp ? "an email could not be sent; given up" : "an email could not be sent; it will be retried",
        );
        await prisma.outboxEmail.update({
          where: { id: mail.id },
          data: giveUp
            ? { failedAt: now, lastError: message }
            : { lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
        });
      }
    }
    return sent;
  }

  return { deliverDue, close: () => transport.close() };
}
