// Queuing an email: a row of OutboxEmail written in the transaction of the change that calls for
// it, so an email exists exactly when its cause does. The jobs module sends it (jobs/email-outbox.ts).
import type { Tx } from "../../../operations/context.ts";
import type { ComposedEmail } from "./email-text.ts";

export interface EmailRecipient {
  id: string;
  email: string;
  locale: string;
}

export async function enqueueEmail(
  tx: Tx,
  to: EmailRecipient,
  kind: string,
  email: ComposedEmail,
  now: Date = new Date(),
): Promise<string> {
  const row = await tx.outboxEmail.create({
    data: {
      userId: to.id,
      to: to.email,
      locale: to.locale === "en" ? "en" : "ja",
      kind,
      subject: email.subject,
      text: email.text,
      html: email.html,
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  return row.id;
}
