import type { Db } from "@/db/client";
import { renderNotification } from "@/emails/render";
import { getEnv } from "@/lib/env";
import { deliverDueEmails } from "@/lib/mail/dispatch";
import { listMailbox, openMailboxMessage, type OpenedMessage } from "@/lib/mail/mailbox";
import { localTransport } from "@/lib/mail/transports";

/** Delivers everything due through the real local transport and returns the mailbox, newest first. */
export async function deliverAndReadMailbox(db: Db): Promise<OpenedMessage[]> {
  const { authSecret } = getEnv();
  await deliverDueEmails(db, {
    transport: localTransport(db, authSecret),
    render: renderNotification,
    secret: authSecret,
    defaultFrom: "Storefront Accounts <no-reply@example.com>",
  });
  const messages = await listMailbox(db);
  return Promise.all(messages.map(async (message) => (await openMailboxMessage(db, authSecret, message.id))!));
}

export function linkToken(message: OpenedMessage, route: "activate" | "reset-password"): string {
  const match = message.text.match(new RegExp(`/${route}/([A-Za-z0-9_-]{43})`));
  if (!match) throw new Error(`No /${route}/ link in "${message.subject}":\n${message.text}`);
  return match[1];
}
