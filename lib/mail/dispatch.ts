import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { emailOutbox, shops, type OutboxEmail } from "@/db/schema";
import type { NotificationProps, NotificationType, RenderedEmail } from "./notifications";
import { unseal } from "./seal";
import { formatSender, parseSender } from "./sender";
import { suppressDueEmails } from "./suppression";
import { catchUpEvents } from "./webhooks";
import { holdSendBudget, LATE_SEND_MS, peekSendSlot, takeSendSlot } from "./rate-budget";
import type { OutgoingEmail, Transport } from "./transports";

export type Renderer = <T extends NotificationType>(type: T, props: NotificationProps[T]) => Promise<RenderedEmail>;

export type DispatchDeps = {
  transport: Transport;
  render: Renderer;
  secret: string;
  defaultFrom: string;
  /** The provider's request limit (MAIL_RATE_PER_SECOND), kept in sum by every dispatcher; rate-limited transports only. */
  ratePerSecond?: number;
};

/**
 * How much one dispatcher run may do: after a response it is short, a cron call drains for longer. With `drain`, a
 * run also waits for e-mails that come due before its time is up (retries, the end of a 429's hold).
 */
export type DispatchRun = { maxEmails?: number; maxSeconds?: number; drain?: boolean };

export type DispatchResult = { sent: number; retried: number; failed: number };

/** E-mails per provider request: Resend's batch endpoint takes up to 100. */
export const BATCH_SIZE = 100;

/**
 * How long a retryable failure is retried, counted from when the e-mail was queued: a provider outage of hours must
 * not lose an activation. The provider keeps idempotency keys for 24 hours, so every retry inside this window is
 * still deduplicated; after it the e-mail fails visibly.
 */
export const RETRY_WINDOW_SECONDS = 24 * 3600;
/** How long a claimed e-mail stays with one dispatcher before another may take it over (it crashed). */
const LEASE_SECONDS = 120;

/** The advisory lock that lets one dispatcher at a time repeat a failed request (any number claim new ones). */
export const REPEAT_LOCK = 724100302;

/** How long a 429 without `retry-after` holds sending back: the provider's limits are per second. */
export const RATE_LIMIT_DELAY_SECONDS = 1;

/**
 * Back-off after a failed request: the first repeat at once (at its next slot: a lone 5xx or dropped connection is
 * usually gone by then), then 1 s, 2 s, 4 s … doubling up to an hour.
 */
const backoff = sql`case when ${emailOutbox.attempts} <= 1 then 0 else least(3600, power(2, ${emailOutbox.attempts} - 2)) end`;

/**
 * Claims the next provider request's e-mails with SKIP LOCKED, so that concurrent dispatchers (many serverless
 * instances) never share one. A request that failed before is repeated first, with exactly its e-mails (its
 * `batch_key`); otherwise up to `limit` due e-mails, oldest first, become a new request.
 */
async function claimBatch(db: Db, limit: number): Promise<{ claimed: OutboxEmail[]; repeatBusy: boolean }> {
  const claim = sql`status = 'sending', attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})`;
  const due = sql`status in ('queued', 'sending') and next_attempt_at <= now()`;
  // The picks are materialised: an UPDATE … WHERE id IN (SELECT … LIMIT n) may run its subquery more than once
  // and take more than n rows. A repeat takes all rows of its batch, so two dispatchers repeating at once could lock
  // them in different orders (a deadlock): one repeats at a time, the other claims new e-mails meanwhile.
  let repeatBusy = false;
  const repeated = await db.transaction(async (tx) => {
    const [{ free }] = rowsOf<{ free: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${REPEAT_LOCK}) as free`));
    repeatBusy = !free;
    if (!free) return [];
    return rowsOf<{ id: string }>(
      await tx.execute(sql`
        with picked as materialized (
          select batch_key from ${emailOutbox}
          where ${due} and batch_key is not null
          order by created_at
          limit 1
          for update skip locked
        )
        update ${emailOutbox} set ${claim}
        where ${due} and batch_key = (select batch_key from picked)
        returning id`),
    );
  });
  let ids = repeated.map((row) => row.id);
  if (ids.length === 0) {
    const fresh: unknown = await db.execute(sql`
      with picked as materialized (
        select id from ${emailOutbox}
        where ${due} and batch_key is null
        order by created_at
        limit ${limit}
        for update skip locked
      )
      update ${emailOutbox} set ${claim}, batch_key = ${randomUUID()}
      where ${due} and id in (select id from picked)
      returning id`);
    ids = rowsOf<{ id: string }>(fresh).map((row) => row.id);
  }
  if (ids.length === 0) return { claimed: [], repeatBusy };
  const claimed = await db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids)).orderBy(emailOutbox.createdAt, emailOutbox.id);
  return { claimed, repeatBusy };
}

/**
 * Delivers due e-mails from the outbox, a provider request at a time, until nothing is due, `maxEmails` were
 * handled or the next request slot lies beyond `maxSeconds`. Returns how many were sent, rescheduled and given up.
 * A 429 (the provider's rate limit), or a request not made because the shared budget is spent, is not a failed
 * attempt: those e-mails only wait.
 */
export async function deliverDueEmails(db: Db, deps: DispatchDeps, run: DispatchRun = {}): Promise<DispatchResult> {
  const maxEmails = run.maxEmails ?? BATCH_SIZE;
  const deadline = Date.now() + (run.maxSeconds ?? 5) * 1000;
  const result = { sent: 0, retried: 0, failed: 0 };
  // Suppressed recipients (hard bounce, complaint) first: their e-mails are never handed to the transport.
  await suppressDueEmails(db);
  let handled = 0;
  let stopped = false;
  const lane = async () => {
    let first = true;
    while (!stopped && handled < maxEmails) {
      const { claimed, repeatBusy } = await claimBatch(db, Math.min(BATCH_SIZE, maxEmails - handled));
      if (claimed.length === 0) {
        // Another dispatcher held the repeats for a moment (the other lane, most often): one may be due once it lets go.
        const wait = repeatBusy ? 0 : run.drain ? await nextDueIn(db) : null;
        if (wait === null || Date.now() + wait >= deadline) break;
        await sleep(Math.max(wait, 50)); // due but locked by another dispatcher: look again shortly
        continue;
      }
      handled += claimed.length;
      const { counts, stop } = await deliverBatch(db, deps, claimed, deadline, first);
      first = false;
      result.sent += counts.sent;
      result.retried += counts.retried;
      result.failed += counts.failed;
      if (stop) stopped = true;
    }
  };
  // Towards a rate-limited provider, two requests are prepared and sent side by side: one renders its e-mails while
  // the other waits for its slot or its answer, so that no slot passes unused.
  await Promise.all(deps.transport.rateLimited && deps.ratePerSecond ? [lane(), lane()] : [lane()]);
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds until the next queued e-mail is due (or a claimed one's lease runs out); null when none waits. */
async function nextDueIn(db: Db): Promise<number | null> {
  const [next] = rowsOf<{ wait: number | null }>(
    await db.execute(sql`
      select extract(epoch from min(next_attempt_at) - now())::float8 * 1000 as wait
      from ${emailOutbox} where status in ('queued', 'sending')`),
  );
  return next?.wait === null || next?.wait === undefined ? null : Math.max(0, Number(next.wait));
}

type BatchOutcome = { counts: DispatchResult; stop: boolean };

/**
 * Renders and sends one request's e-mails. Towards a rate-limited provider its slot comes first: when the budget has
 * none left in this run, nothing is rendered for nothing (under a burst of after-response runs that was most of their
 * work), and when it has one, rendering uses the wait. A lane's `first` request only looks whether a slot is free: a
 * slot taken first would pass while a cold lane renders (a full batch takes most of a second), so it takes one after.
 */
async function deliverBatch(db: Db, deps: DispatchDeps, claimed: OutboxEmail[], deadline: number, first: boolean): Promise<BatchOutcome> {
  const counts = { sent: 0, retried: 0, failed: 0 };
  const paced = Boolean(deps.transport.rateLimited && deps.ratePerSecond);
  /** The request's slot (when to send; taken unless `peek`), or null when the budget has none left in this run. */
  const slotFor = async (emails: OutboxEmail[], peek = false): Promise<number | null> => {
    const reach = deadline - Date.now();
    const slot = peek ? await peekSendSlot(db, reach) : await takeSendSlot(db, deps.ratePerSecond!, reach);
    if (slot.ok) return slot.sendAt;
    // Every slot this run could use is taken: the e-mails wait for the next run, the attempt uncounted.
    await reschedule(db, emails, { retryable: true, delaySeconds: slot.waitSeconds, attempted: false });
    counts.retried += emails.length;
    return null;
  };
  let sendAt: number | null = paced ? await slotFor(claimed, first) : Date.now();
  if (sendAt === null) return { counts, stop: true };
  const prepared: { email: OutboxEmail; outgoing: OutgoingEmail }[] = [];
  const senders = new Map<string, string>();
  for (const email of claimed) {
    try {
      prepared.push({ email, outgoing: await prepare(db, deps, email, senders) });
    } catch (error) {
      await reschedule(db, [email], { error: (error as Error).message, retryable: false });
      counts.failed += 1;
    }
  }
  const emails = prepared.map((entry) => entry.email);
  if (emails.length === 0) return { counts, stop: false };
  if (paced && (first || Date.now() - sendAt > LATE_SEND_MS)) {
    // A first request takes its slot now. Any other whose rendering outlasted its slot takes a fresh one: sent late,
    // it would bunch with the punctual requests after it, and a provider counting the last second would refuse one
    // and hold everyone back.
    sendAt = await slotFor(emails);
    if (sendAt === null) return { counts, stop: true };
  }
  if (sendAt > Date.now()) await sleep(sendAt - Date.now());

  // A request of one e-mail is keyed by the e-mail; a batch by its batch key, which its repetitions keep.
  const key = emails.length === 1 ? emails[0].id : emails[0].batchKey!;
  const sent = await deps.transport.send(prepared.map((entry) => entry.outgoing), key);
  if (!sent.ok && sent.rateLimited) {
    // Waits as the provider asks, everyone with it, but never past the retry window.
    const waitSeconds = sent.retryAfterSeconds ?? RATE_LIMIT_DELAY_SECONDS;
    if (deps.transport.rateLimited) await holdSendBudget(db, waitSeconds);
    counts.failed += await reschedule(db, emails, { error: sent.error, retryable: true, delaySeconds: waitSeconds, attempted: false });
    counts.retried += emails.length - counts.failed;
    // Without a shared budget nothing would hold the next request back: the run ends here.
    return { counts, stop: !(deps.transport.rateLimited && deps.ratePerSecond) };
  }
  if (!sent.ok) {
    if (!sent.retryable && emails.length > 1) {
      // The provider refused the request as a whole: each e-mail gets its own verdict.
      await retryAlone(db, emails, sent.error);
      counts.retried += emails.length;
    } else {
      const failed = await reschedule(db, emails, { error: sent.error, retryable: sent.retryable, delaySeconds: sent.retryAfterSeconds });
      counts.failed += failed;
      counts.retried += emails.length - failed;
    }
    return { counts, stop: false };
  }

  const delivered: { id: string; providerId: string }[] = [];
  for (const [index, outcome] of sent.outcomes.entries()) {
    const { email } = prepared[index];
    if (outcome.ok) delivered.push({ id: email.id, providerId: outcome.providerId });
    else if (emails.length > 1) {
      await retryAlone(db, [email], outcome.error);
      counts.retried += 1;
    } else {
      await reschedule(db, [email], { error: outcome.error, retryable: false });
      counts.failed += 1;
    }
  }
  await markSent(db, delivered);
  counts.sent += delivered.length;
  return { counts, stop: false };
}

/** Unseals and renders one e-mail, from its shop's sender (looked up once per request). */
async function prepare(db: Db, deps: DispatchDeps, email: OutboxEmail, senders: Map<string, string>): Promise<OutgoingEmail> {
  if (!email.payload) throw new Error("The e-mail's content is no longer available");
  try {
    const props = JSON.parse(unseal(deps.secret, email.payload));
    const rendered = await deps.render(email.type as NotificationType, props);
    let from = deps.defaultFrom;
    if (email.shopId) {
      if (!senders.has(email.shopId)) {
        const [shop] = await db.select().from(shops).where(eq(shops.id, email.shopId));
        const address = shop ? (parseSender(shop.senderEmail)?.address ?? shop.senderEmail) : null;
        senders.set(email.shopId, shop && address ? formatSender({ name: shop.senderName, address }) : deps.defaultFrom);
      }
      from = senders.get(email.shopId)!;
    }
    return { id: email.id, type: email.type, from, to: email.recipient, ...rendered };
  } catch (error) {
    throw new Error(`Could not prepare the e-mail: ${(error as Error).name}`);
  }
}

type Reschedule = {
  error?: string;
  /** False: the e-mail fails now. True: it is retried until the retry window ends, then fails. */
  retryable: boolean;
  /** Seconds to wait; by default the back-off for the e-mail's attempts. */
  delaySeconds?: number;
  /** False for a request never made or refused for the rate limit: the claim is not counted as an attempt. */
  attempted?: boolean;
};

/** Puts claimed e-mails back in the queue, or fails them; returns how many failed. One statement for the lot. */
async function reschedule(db: Db, emails: OutboxEmail[], how: Reschedule): Promise<number> {
  const remaining = sql`extract(epoch from ${emailOutbox.createdAt} + make_interval(secs => ${RETRY_WINDOW_SECONDS}) - now())`;
  const delay = how.delaySeconds === undefined ? backoff : sql`${how.delaySeconds}::float8`;
  const failed: unknown = await db.execute(sql`
    update ${emailOutbox} set
      status = case when ${how.retryable}::boolean and ${remaining} > 0 then 'queued' else 'failed' end,
      attempts = attempts - ${how.attempted === false ? 1 : 0}::int,
      last_error = coalesce(${how.error ?? null}::text, last_error),
      next_attempt_at = now() + make_interval(secs => greatest(0, least(${delay}, ${remaining})))
    where id in ${ids(emails)}
    returning status`);
  return rowsOf<{ status: string }>(failed).filter((row) => row.status === "failed").length;
}

/** An e-mail the provider refused inside a batch goes out again in a request of its own, due now. */
async function retryAlone(db: Db, emails: OutboxEmail[], error: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: "queued", batchKey: null, lastError: error, nextAttemptAt: sql`now()` })
    .where(inArray(emailOutbox.id, emails.map((email) => email.id)));
}

/** Marks a request's accepted e-mails sent and purges their secrets, in one statement. */
async function markSent(db: Db, delivered: { id: string; providerId: string }[]): Promise<void> {
  if (delivered.length === 0) return;
  const values = sql.join(
    delivered.map((email) => sql`(${email.id}::uuid, ${email.providerId})`),
    sql`, `,
  );
  await db.execute(sql`
    update ${emailOutbox} set status = 'sent', payload = null, last_error = null, sent_at = now(), provider_id = accepted.provider_id
    from (values ${values}) as accepted (id, provider_id)
    where ${emailOutbox.id} = accepted.id`);
  await catchUpEvents(db, delivered.map((email) => email.id));
}

const ids = (emails: OutboxEmail[]) => sql`(${sql.join(emails.map((email) => sql`${email.id}::uuid`), sql`, `)})`;
