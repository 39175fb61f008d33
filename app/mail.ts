import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { renderNotification } from "@/emails/render";
import { getEnv } from "@/lib/env";
import { deliverDueEmails } from "@/lib/mail/dispatch";
import { transportFor } from "@/lib/mail/transports";

export async function deliverDueEmailsNow(limit?: number) {
  const env = getEnv();
  const db = await getDb();
  return deliverDueEmails(
    db,
    { transport: transportFor(env, db), render: renderNotification, secret: env.authSecret, defaultFrom: env.emailFrom },
    limit,
  );
}

/** Delivers queued e-mails once the response has been sent, so delivery never slows or reveals anything. */
export function deliverEmailsAfterResponse(): void {
  after(async () => {
    try {
      await deliverDueEmailsNow();
    } catch (error) {
      console.error("E-mail delivery failed; the cron endpoint will retry:", (error as Error).name, (error as Error).message);
    }
  });
}
