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
      await deliverInThisProcess();
    } catch (error) {
      console.error(`Work after the response failed: ${describeError(error)}`);
    }
  });
}

let running: Promise<void> | null = null;
let moreQueued = false;

/**
 * One after-response delivery run per process at a time. Under a burst every response used to start its own run, and
 * thirty runs claimed, rendered and put back the same few e-mails; now a response that finds a run going asks it for
 * one more pass (its e-mails are usually taken in the current one) and waits for it, so that a serverless host keeps
 * the instance alive until they are sent. A few passes at most: a steady stream is the cron endpoint's.
 */
function deliverInThisProcess(): Promise<void> {
  if (running) {
    moreQueued = true;
    return running;
  }
  running = (async () => {
    try {
      for (let pass = 0; pass === 0 || (moreQueued && pass < MAX_PASSES); pass++) {
        moreQueued = false;
        await deliverDueEmailsNow();
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

const MAX_PASSES = 5;
