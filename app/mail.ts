import "server-only";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { describeError } from "@/lib/log";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";

export async function deliverDueEmailsNow(limit?: number) {
  return deliverWithConfiguredTransport(await getDb(), getEnv(), limit);
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
