import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { mailSendBudget } from "@/db/schema";

/** The budget's row: one provider today. */
const PROVIDER = "resend";

/**
 * Slots are this much further apart than the rate alone asks: requests reach the provider a few milliseconds late or
 * early (the network, a busy event loop), and one that comes early into a full second is answered 429.
 */
const SPACING_MARGIN = 0.05;

/**
 * How late a request may leave after its slot. Any N + 1 slots of a rate of N span 1 s plus the margin (50 ms): a
 * request later than that shares a second with the N punctual ones after it. 10 ms are left for the network.
 */
export const LATE_SEND_MS = SPACING_MARGIN * 1000 - 10;

/**
 * A slot taken: when to send (`sendAt` on this process's clock, `waitMs` after the answer came; `at` by the
 * database's clock), or how long until one is free.
 */
export type SendSlot = { ok: true; sendAt: number; waitMs: number; at: number } | { ok: false; waitSeconds: number };

/**
 * Takes the next request slot of the provider's budget, shared in the database by every instance and cron run:
 * slots are 1 / `ratePerSecond` apart, so requests from everywhere together keep to the rate without bursts. The
 * caller sends at its slot (`waitMs` from now). A slot further away than `maxWaitMs` is not taken: the caller
 * leaves its e-mails for later (`waitSeconds`), and the budget is not spent.
 */
export async function takeSendSlot(db: Db, ratePerSecond: number, maxWaitMs: number): Promise<SendSlot> {
  const spacing = (1 + SPACING_MARGIN) / ratePerSecond;
  const maxWait = Math.max(0, maxWaitMs) / 1000;
  const taken: unknown = await db.execute(sql`
    insert into ${mailSendBudget} as budget (provider, next_slot_at)
    values (${PROVIDER}, now() + make_interval(secs => ${spacing}))
    on conflict (provider) do update
      set next_slot_at = greatest(budget.next_slot_at, now()) + make_interval(secs => ${spacing})
      where greatest(budget.next_slot_at, now()) <= now() + make_interval(secs => ${maxWait})
    returning extract(epoch from next_slot_at - now())::float8 - ${spacing} as wait,
      extract(epoch from next_slot_at)::float8 - ${spacing} as at`);
  const [slot] = rowsOf<{ wait: number; at: number }>(taken);
  if (slot) {
    // The wait is counted from the statement's now(), which is never later than the answer's arrival: counted from
    // here it can only end late. Counted from before the query, it ended early by however long the query queued for
    // a connection (requests went up to two slots early in CI).
    const waitMs = Math.max(0, Number(slot.wait) * 1000);
    return { ok: true, sendAt: Date.now() + waitMs, waitMs, at: Number(slot.at) * 1000 };
  }
  return { ok: false, waitSeconds: Math.max(1, Math.ceil((await nextSlotIn(db)) / 1000)) };
}

/**
 * Whether a slot is free within `maxWaitMs`, without taking it: when (`sendAt`, on this process's clock), or how long
 * until one is, as `takeSendSlot` answers.
 */
export async function peekSendSlot(db: Db, maxWaitMs: number): Promise<{ ok: true; sendAt: number } | { ok: false; waitSeconds: number }> {
  const wait = await nextSlotIn(db);
  return wait <= Math.max(0, maxWaitMs) ? { ok: true, sendAt: Date.now() + wait } : { ok: false, waitSeconds: Math.max(1, Math.ceil(wait / 1000)) };
}

/** Milliseconds until the budget's next free slot: 0 when one is free now. */
async function nextSlotIn(db: Db): Promise<number> {
  const [next] = rowsOf<{ wait: number }>(
    await db.execute(sql`
      select extract(epoch from next_slot_at - now())::float8 * 1000 as wait from ${mailSendBudget} where provider = ${PROVIDER}`),
  );
  return Math.max(0, Number(next?.wait ?? 0));
}

/** After a 429: nobody sends before `seconds` from now, whichever instance they run on. */
export async function holdSendBudget(db: Db, seconds: number): Promise<void> {
  await db.execute(sql`
    insert into ${mailSendBudget} as budget (provider, next_slot_at)
    values (${PROVIDER}, now() + make_interval(secs => ${seconds}))
    on conflict (provider) do update
      set next_slot_at = greatest(budget.next_slot_at, now() + make_interval(secs => ${seconds}))`);
}
