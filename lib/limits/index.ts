import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

/** At most `max` events per subject in a window of `windowSeconds`. */
export type WindowRule = { name: string; max: number; windowSeconds: number };

/**
 * After `freeFailures` failures in a row, each further failure blocks the subject for twice as long as the last,
 * from `baseSeconds` up to `maxSeconds`: never for good. A quiet `forgetAfterSeconds` starts the count again.
 */
export type BackoffRule = { name: string; freeFailures: number; baseSeconds: number; maxSeconds: number; forgetAfterSeconds: number };

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export const limits = {
  registrationsPerAddress: { name: "register-ip", max: 10, windowSeconds: 3600 },
  emailsPerRecipient: { name: "mail-to", max: 5, windowSeconds: 3600 },
  emailsPerAddress: { name: "mail-ip", max: 20, windowSeconds: 3600 },
  signInFailuresPerAccount: { name: "signin-account", freeFailures: 5, baseSeconds: 15, maxSeconds: 900, forgetAfterSeconds: 86_400 },
  signInFailuresPerAddress: { name: "signin-ip", freeFailures: 30, baseSeconds: 15, maxSeconds: 900, forgetAfterSeconds: 3600 },
} satisfies Record<string, WindowRule | BackoffRule>;

const keyOf = (rule: { name: string }, subject: string) => `${rule.name}:${subject.toLowerCase()}`.slice(0, 400);

/** Counts one event; refuses it when the subject's window already holds `max`. No subject (unknown client): allowed. */
export async function hitLimit(db: Db, rule: WindowRule, subject: string | null): Promise<LimitDecision> {
  if (!subject) return { ok: true };
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key: keyOf(rule, subject), count: 1, windowStart: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`ceil(extract(epoch from ${rateLimits.windowStart} + make_interval(secs => ${rule.windowSeconds}) - now()))::int`,
    });
  return row.count <= rule.max ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, row.retryAfter) };
}

/** How long the subjects must still wait before another attempt (the longest of them), or ok. */
export async function currentBlock(db: Db, keys: { rule: BackoffRule; subject: string | null }[]): Promise<LimitDecision> {
  const names = keys.filter((key) => key.subject).map((key) => keyOf(key.rule, key.subject!));
  if (names.length === 0) return { ok: true };
  const [row] = await db
    .select({ wait: sql<number | null>`ceil(max(extract(epoch from ${rateLimits.blockedUntil} - now())))::int` })
    .from(rateLimits)
    .where(inArray(rateLimits.key, names));
  return row?.wait && row.wait > 0 ? { ok: false, retryAfterSeconds: row.wait } : { ok: true };
}

export async function recordFailure(db: Db, rule: BackoffRule, subject: string | null): Promise<void> {
  if (!subject) return;
  const forgotten = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${rule.forgetAfterSeconds})`;
  const failures = sql`case when ${forgotten} then 1 else ${rateLimits.count} + 1 end`;
  const delay = sql`least(${rule.maxSeconds}, ${rule.baseSeconds} * power(2, greatest(0, ${failures} - ${rule.freeFailures} - 1)))`;
  await db
    .insert(rateLimits)
    .values({ key: keyOf(rule, subject), count: 1, windowStart: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: failures,
        windowStart: sql`now()`,
        blockedUntil: sql`case when ${failures} > ${rule.freeFailures} then now() + make_interval(secs => ${delay}) else null end`,
      },
    });
}

export async function clearFailures(db: Db, rule: BackoffRule, subject: string | null): Promise<void> {
  if (!subject) return;
  await db.delete(rateLimits).where(eq(rateLimits.key, keyOf(rule, subject)));
}

/** "2 minutes", "45 seconds": for messages that say when to try again. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
