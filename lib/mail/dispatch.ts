import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { emailOutbox, shops, type OutboxEmail } from "@/db/schema";
import type { NotificationProps, NotificationType, RenderedEmail } from "./notifications";
import { unseal } from "./seal";
import { formatSender, parseSender } from "./sender";
import { suppressDueEmails } from "./suppression";
import type { Transport } from "./transports";

export type Renderer = <T extends NotificationType>(type: T, props: NotificationProps[T]) => Promise<RenderedEmail>;

export type DispatchDeps = { transport: Transport; render: Renderer; secret: string; defaultFrom: string };

/**
 * How long a retryable failure is retried, counted from when the e-mail was queued: a provider outage of hours must
 * not lose an activation. The provider keeps idempotency keys for 24 hours, so every retry inside this window is
 * still deduplicated; after it the e-mail fails visibly.
 */
export const RETRY_WINDOW_SECONDS = 24 * 3600;
/** How long a claimed e-mail stays with one dispatcher before another may take it over (it crashed). */
const LEASE_SECONDS = 120;

/** How long a 429 without `retry-after` holds sending back: the provider's limits are per second. */
export const RATE_LIMIT_DELAY_SECONDS = 1;

/** 15 s, 30 s, 1 min … doubling up to one hour between attempts. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 15 * 2 ** Math.min(20, Math.max(0, attempts - 1)));
}

/** When the next attempt is due, or null when the retry window is over. The last one falls at its very end. */
export function nextAttemptDelay(email: Pick<OutboxEmail, "attempts" | "createdAt">, now: Date, retryAfterSeconds?: number): number | null {
  const remaining = (email.createdAt.getTime() + RETRY_WINDOW_SECONDS * 1000 - now.getTime()) / 1000;
  if (remaining <= 0) return null;
  return Math.ceil(Math.min(retryAfterSeconds ?? backoffSeconds(email.attempts), remaining));
}

/** Claims due e-mails with SKIP LOCKED so that concurrent dispatchers (many serverless instances) never share one. */
async function claimDue(db: Db, limit: number): Promise<OutboxEmail[]> {
  const claimed: unknown = await db.execute(sql`
    update ${emailOutbox}
    set status = 'sending', attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    where id in (
      select id from ${emailOutbox}
      where status in ('queued', 'sending') and next_attempt_at <= now()
      order by created_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = rowsOf<{ id: string }>(claimed).map((row) => row.id);
  if (ids.length === 0) return [];
  return db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids)).orderBy(emailOutbox.createdAt);
}

/**
 * Delivers due e-mails from the outbox. Returns how many were sent, rescheduled and given up. A 429 (the provider's
 * rate limit) is not a failed attempt: that e-mail and the rest of this run wait for the limit, attempts untouched.
 */
export async function deliverDueEmails(
  db: Db,
  deps: DispatchDeps,
  limit = 25,
): Promise<{ sent: number; retried: number; failed: number }> {
  const result = { sent: 0, retried: 0, failed: 0 };
  // Suppressed recipients (hard bounce, complaint) first: their e-mails are never handed to the transport.
  await suppressDueEmails(db);
  const claimed = await claimDue(db, limit);
  for (const [index, email] of claimed.entries()) {
    const outcome = await deliverOne(db, deps, email);
    if (typeof outcome === "object") {
      // Rate-limited: every further request of this run would be refused too, so the rest waits unattempted.
      const rest = claimed.slice(index + 1);
      await postpone(db, rest, outcome.waitSeconds);
      result.retried += 1 + rest.length;
      break;
    }
    result[outcome] += 1;
  }
  return result;
}

/** Puts claimed e-mails back in the queue for later without counting the claim as an attempt. */
async function postpone(db: Db, emails: OutboxEmail[], waitSeconds: number, lastError?: string): Promise<void> {
  if (emails.length === 0) return;
  await db
    .update(emailOutbox)
    .set({
      status: "queued",
      attempts: sql`${emailOutbox.attempts} - 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${waitSeconds})`,
      ...(lastError ? { lastError } : {}),
    })
    .where(inArray(emailOutbox.id, emails.map((email) => email.id)));
}

type Outcome = "sent" | "retried" | "failed" | { waitSeconds: number };

async function deliverOne(db: Db, deps: DispatchDeps, email: OutboxEmail): Promise<Outcome> {
  const fail = async (error: string, retryable: boolean, retryAfterSeconds?: number) => {
    const delay = retryable ? nextAttemptDelay(email, new Date(), retryAfterSeconds) : null;
    const retry = delay !== null;
    await db
      .update(emailOutbox)
      .set({
        status: retry ? "queued" : "failed",
        lastError: error,
        nextAttemptAt: sql`now() + make_interval(secs => ${delay ?? 0})`,
      })
      .where(eq(emailOutbox.id, email.id));
    return retry ? ("retried" as const) : ("failed" as const);
  };

  if (!email.payload) return fail("The e-mail's content is no longer available", false);
  let rendered: RenderedEmail;
  let from = deps.defaultFrom;
  try {
    const props = JSON.parse(unseal(deps.secret, email.payload));
    rendered = await deps.render(email.type as NotificationType, props);
    if (email.shopId) {
      const [shop] = await db.select().from(shops).where(eq(shops.id, email.shopId));
      if (shop) from = formatSender({ name: shop.senderName, address: parseSender(shop.senderEmail)?.address ?? shop.senderEmail });
    }
  } catch (error) {
    return fail(`Could not prepare the e-mail: ${(error as Error).name}`, false);
  }

  const sent = await deps.transport.send({ id: email.id, type: email.type, from, to: email.recipient, ...rendered });
  if (!sent.ok && sent.rateLimited) {
    // Waits as the provider asks, but never past the retry window: an e-mail still refused then fails visibly.
    const waitSeconds = nextAttemptDelay(email, new Date(), sent.retryAfterSeconds ?? RATE_LIMIT_DELAY_SECONDS);
    if (waitSeconds === null) return fail(sent.error, false);
    await postpone(db, [email], waitSeconds, sent.error);
    return { waitSeconds };
  }
  if (!sent.ok) return fail(sent.error, sent.retryable, sent.retryAfterSeconds);
  await db
    .update(emailOutbox)
    .set({ status: "sent", payload: null, lastError: null, sentAt: new Date(), providerId: sent.providerId })
    .where(eq(emailOutbox.id, email.id));
  return "sent";
}
