import type { Db } from "@/db/client";
import { getEnv } from "@/lib/env";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";
import { listMailbox, openMailboxMessage, type OpenedMessage } from "@/lib/mail/mailbox";

/** Delivers everything due through the local transport (the tests' configuration) and returns the mailbox, newest first. */
export async function deliverAndReadMailbox(db: Db): Promise<OpenedMessage[]> {
  const env = getEnv();
  if (env.mail.transport !== "local") throw new Error("Domain tests read e-mails from the local mailbox: unset RESEND_API_KEY");
  const { authSecret } = env;
  await deliverWithConfiguredTransport(db, env, { maxEmails: 200 });
  const messages = await listMailbox(db);
  return Promise.all(messages.map(async (message) => (await openMailboxMessage(db, authSecret, message.id))!));
}

export function linkToken(message: OpenedMessage, route: "activate" | "reset-password"): string {
  const match = message.text.match(new RegExp(`/${route}/([A-Za-z0-9_-]{43})`));
  if (!match) throw new Error(`No /${route}/ link in "${message.subject}":\n${message.text}`);
  return match[1];
}

/** The variables of a Demo Shop activation e-mail to `email`, for tests that queue one. */
export const activationProps = (email: string) => ({
  shop: { name: "Demo Shop", baseUrl: "http://localhost:3000", logoUrl: null, accentColor: "#2563eb" },
  recipient: { email, firstName: "Ada", lastName: "Lovelace" },
  link: "http://localhost:3000/activate/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  setPassword: false,
});
