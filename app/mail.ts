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

/**
 * Runs `work` (if any) once the response has been sent, then delivers the e-mails it queued: neither the work nor
 * the delivery can slow the answer or tell anything by its timing. Failures are logged without secrets; queued
 * e-mails stay in the outbox for the cron endpoint.
 */
export function afterResponse(work?: () => Promise<void>): void {
  after(async () => {
    try {
      await work?.();
      await deliverDueEmailsNow();
    } catch (error) {
      console.error("Work after the response failed:", (error as Error).name, (error as Error).message);
    }
  });
}
