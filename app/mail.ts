import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { describeError } from "@/lib/log";
import type { DispatchRun } from "@/lib/mail/dispatch";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";

/** After a response: a few seconds at most, enough for the e-mails it queued (and some of a backlog). */
const AFTER_RESPONSE: DispatchRun = { maxEmails: 1000, maxSeconds: 5 };

export async function deliverDueEmailsNow(run: DispatchRun = AFTER_RESPONSE) {
  return deliverWithConfiguredTransport(await getDb(), getEnv(), run);
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
      console.error(`Work after the response failed: ${describeError(error)}`);
    }
  });
}
