import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailboxMessages, type MailboxMessage } from "@/db/schema";
import { unseal } from "./seal";

export type OpenedMessage = Omit<MailboxMessage, "body"> & { html: string; text: string };

/** The local mailbox's messages, newest first, without their bodies. */
export async function listMailbox(db: Db, limit = 200): Promise<Omit<MailboxMessage, "body">[]> {
  return db
    .select({
      id: mailboxMessages.id,
      outboxId: mailboxMessages.outboxId,
      type: mailboxMessages.type,
      from: mailboxMessages.from,
      to: mailboxMessages.to,
      subject: mailboxMessages.subject,
      createdAt: mailboxMessages.createdAt,
    })
    .from(mailboxMessages)
    .orderBy(desc(mailboxMessages.createdAt))
    .limit(limit);
}

export async function openMailboxMessage(db: Db, secret: string, id: string): Promise<OpenedMessage | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id));
  if (!row) return null;
  const { body, ...rest } = row;
  const { html, text } = JSON.parse(unseal(secret, body)) as { html: string; text: string };
  return { ...rest, html, text };
}
