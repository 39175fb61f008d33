import { and, gt, inArray, like, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
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

/**
 * The subjects a back-off rule blocks at `now`, lower-cased as they were counted: a subquery of one column, `subject`.
 * It reads the rule's rows of rate_limits only, so it costs the few subjects that failed lately.
 */
export function blockedSubjects(rule: BackoffRule, now: Date): SQL {
  return sql`select substr(${rateLimits.key}, ${rule.name.length + 2}) as subject from ${rateLimits}
    where ${and(like(rateLimits.key, `${rule.name}:%`), gt(rateLimits.blockedUntil, now))}`;
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

/**
 * A subject an attempt is counted against, and what a success does to its count: `forget` every failure (the account,
 * whose owner has just proved the password) or `release` only this attempt (the client address, shared by others).
 */
export type AttemptSubject = { rule: BackoffRule; subject: string | null; onSuccess: "forget" | "release" };

type HeldAttempt = { key: string; count: number; freeFailures: number; onSuccess: "forget" | "release" };

/** An attempt counted in advance (`held`), or refused without being counted. */
export type Reservation = { ok: true; held: HeldAttempt[] } | { ok: false; retryAfterSeconds: number };

/** The subjects of one sign-in: its account (known or not: an unknown e-mail costs the same) and its client address. */
export function signInSubjects(account: string | null, ip: string | null): AttemptSubject[] {
  return [
    { rule: limits.signInFailuresPerAccount, subject: account, onSuccess: "forget" },
    { rule: limits.signInFailuresPerAddress, subject: ip, onSuccess: "release" },
  ];
}

type ReserveRow = { key: string | null; count: number | null; wait: number | null };

/**
 * Counts an attempt as a failure before it is made, in one statement: refused (and not counted) while any subject is
 * blocked, otherwise each subject's failures grow by one and the one that passes `freeFailures` starts its delay at
 * once. The row lock of the upsert orders simultaneous attempts, on however many instances, so at most
 * `freeFailures + 1` attempts, then one per delay, are ever allowed to go ahead. A failed attempt needs nothing
 * further: its reservation is the failure. A success calls `attemptSucceeded` (one more statement).
 */
export async function reserveAttempt(db: Db, subjects: AttemptSubject[]): Promise<Reservation> {
  const wanted = subjects.flatMap(({ rule, subject, onSuccess }) => (subject ? [{ key: keyOf(rule, subject), rule, onSuccess }] : []));
  if (wanted.length === 0) return { ok: true, held: [] };
  const attempt = sql.join(
    wanted.map(({ key, rule }) => sql`(${key}, ${rule.freeFailures}::int, ${rule.baseSeconds}::int, ${rule.maxSeconds}::int, ${rule.forgetAfterSeconds}::int)`),
    sql`, `,
  );
  // The snapshot check refuses a blocked attempt as a whole; the upsert's WHERE, evaluated on the locked newest row,
  // refuses one that became blocked while this statement waited for the lock.
  const result = await db.execute(sql`
    with attempt (key, free, base, max, forget) as (values ${attempt}),
    blocked as (
      select max(r.blocked_until) as until from ${rateLimits} r join attempt a on a.key = r.key where r.blocked_until > now()
    ),
    reserved as (
      insert into ${rateLimits} as r (key, count, window_start, blocked_until)
      select a.key, 1, now(), case when a.free < 1 then now() + make_interval(secs => least(a.max, a.base)) end
      from attempt a
      where (select until from blocked) is null
      on conflict (key) do update set (count, window_start, blocked_until) = (
        select f.failures, now(),
          case when f.failures > a.free
            then now() + make_interval(secs => least(a.max, a.base * power(2, greatest(0, f.failures - a.free - 1))))
          end
        from attempt a,
          lateral (select case when r.window_start <= now() - make_interval(secs => a.forget) then 1 else r.count + 1 end as failures) f
        where a.key = excluded.key
      )
      where r.blocked_until is null or r.blocked_until <= now()
      returning r.key, r.count
    )
    select reserved.key, reserved.count, ceil(extract(epoch from (select until from blocked) - now()))::int as wait
    from (select 1) one left join reserved on true`);
  const rows = rowsOf<ReserveRow>(result);
  const held = rows.flatMap(({ key, count }) => {
    const subject = wanted.find((candidate) => candidate.key === key);
    return subject && count !== null ? [{ key: subject.key, count, freeFailures: subject.rule.freeFailures, onSuccess: subject.onSuccess }] : [];
  });
  if (held.length === wanted.length) return { ok: true, held };
  const wait = rows[0]?.wait;
  if (held.length === 0 && wait) return { ok: false, retryAfterSeconds: Math.max(1, wait) };
  // Refused by a block that another attempt set meanwhile: take back what was counted, then read the wait.
  await settleAttempts(db, [], held);
  const block = await currentBlock(db, subjects);
  return { ok: false, retryAfterSeconds: block.ok ? 1 : block.retryAfterSeconds };
}

/**
 * A reservation whose success is only the first of two steps (a password before a second factor): every subject
 * takes this attempt back and none forgets its failures, so the second step's failures keep adding to them.
 */
export function firstStepOf(reservation: Reservation): Reservation {
  if (!reservation.ok) return reservation;
  return { ok: true, held: reservation.held.map((held) => ({ ...held, onSuccess: "release" as const })) };
}

/** After a success: the subjects that forget do, the others take back this attempt's count (see `settlement`). */
export async function attemptSucceeded(db: Db, reservation: Reservation): Promise<void> {
  const settle = succeededAttempt(reservation);
  if (settle) await db.execute(sql`with ${settle} select 1`);
}

/**
 * `attemptSucceeded` as the WITH list of a statement that does more (a sign-in's activity entry and session), so that
 * a success costs one round trip: PostgreSQL runs every data-modifying WITH query, read or not. Null: nothing to do.
 */
export function succeededAttempt(reservation: Reservation): SQL | null {
  if (!reservation.ok) return null;
  const forget = reservation.held.filter((held) => held.onSuccess === "forget").map((held) => held.key);
  return settlement(forget, reservation.held.filter((held) => held.onSuccess === "release"));
}

async function settleAttempts(db: Db, forget: string[], release: HeldAttempt[]): Promise<void> {
  const settle = settlement(forget, release);
  if (settle) await db.execute(sql`with ${settle} select 1`);
}

/**
 * The WITH list that deletes the `forget` subjects' rows and takes the `release` attempts back. A released attempt's
 * delay goes too while no later attempt was counted (this attempt was allowed, so the subject was not blocked before
 * it) or the count falls back to the free failures; otherwise the later attempt's delay stays. (An attempt counted
 * meanwhile on a row this statement saw with one failure makes it keep that count: too many, never too few.)
 */
function settlement(forget: string[], release: HeldAttempt[]): SQL | null {
  const parts: SQL[] = [];
  if (forget.length > 0) parts.push(sql`forgotten as (delete from ${rateLimits} where ${inArray(rateLimits.key, forget)})`);
  if (release.length > 0) {
    const values = sql.join(
      release.map((attempt) => sql`(${attempt.key}, ${attempt.count}::int, ${attempt.freeFailures}::int)`),
      sql`, `,
    );
    // A subject left with no failures loses its row, so that every address that ever signed in does not keep one.
    parts.push(
      sql`released (key, held, free) as (values ${values})`,
      sql`emptied as (delete from ${rateLimits} r using released a where r.key = a.key and r.count <= 1)`,
      sql`taken_back as (
        update ${rateLimits} r
        set count = r.count - 1,
          blocked_until = case when r.count = a.held or r.count - 1 <= a.free then null else r.blocked_until end
        from released a
        where r.key = a.key and r.count > 1)`,
    );
  }
  return parts.length > 0 ? sql.join(parts, sql`, `) : null;
}

/** A wait as the catalogue's `wait` message takes it: seconds under a minute, otherwise whole minutes (rounded up). */
export function waitParts(seconds: number): { unit: "seconds" | "minutes"; count: number } {
  return seconds < 60 ? { unit: "seconds", count: seconds } : { unit: "minutes", count: Math.ceil(seconds / 60) };
}
