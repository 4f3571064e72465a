// Sending mail: SMTP when SMTP_URL is set; otherwise the message goes to the outbox table,
// readable at /outbox outside production (for trying the app and for tests).
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Database } from "../../db/schema.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: ReturnType<typeof nodemailer.createTransport> | null = null;

export async function sendMail(db: Kysely<Database>, mail: Mail): Promise<void> {
  const url = process.env.SMTP_URL;
  if (url) {
    transport ??= nodemailer.createTransport(url);
    await transport.sendMail({ from: process.env.MAIL_FROM ?? "Parlons Quartier <no-reply@localhost>", to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  await db.insertInto("mail_outbox").values({ recipient: mail.to, subject: mail.subject, body: mail.text }).execute();
}

/** The outbox page exists only without SMTP, and not in production unless OUTBOX_PAGE=on. */
export function outboxVisible(): boolean {
  if (process.env.SMTP_URL) return false;
  return process.env.NODE_ENV !== "production" || process.env.OUTBOX_PAGE === "on";
}

export async function listOutbox(db: Kysely<Database>) {
  return db.selectFrom("mail_outbox").selectAll().orderBy("id", "desc").limit(50).execute();
}
