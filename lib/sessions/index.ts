import { and, desc, eq, gt, isNull, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customerSessions, staffSessions } from "@/db/schema";
import { recordActivity, type ActivityEntry } from "@/lib/activity";
import { browserName } from "./user-agent";

/**
 * Server-side sessions of both realms (SPEC §7): a row per sign-in, which the cookie's JWT only names by an
 * unguessable id (gen_random_uuid). The row decides whether the session is open; signing out ends it, so a copy of
 * the cookie is worth nothing afterwards.
 */

/** Where a request came from, as a session records it: the client address (TRUST_PROXY) and the User-Agent header. */
export type SessionClient = { ip: string | null; userAgent: string | null };

/** How much of a User-Agent header is kept: enough to name the browser, not a place to store a megabyte. */
export const USER_AGENT_MAX = 512;

/** Last seen is written at most this often: accurate to half a minute without a write on every request. */
export const TOUCH_AFTER_MS = 30_000;

/** A realm's sessions: the table and the column naming whose session a row is. */
export type SessionStore =
  | { table: typeof staffSessions; owner: typeof staffSessions.staffId }
  | { table: typeof customerSessions; owner: typeof customerSessions.customerId };

export const staffSessionStore: SessionStore = { table: staffSessions, owner: staffSessions.staffId };
export const customerSessionStore: SessionStore = { table: customerSessions, owner: customerSessions.customerId };

/** A session as "Signed-in devices" shows it: what the person recognises, and no identifier (SPEC §7). */
export type SignedInDevice = { browser: string; ip: string | null; createdAt: Date; lastSeenAt: Date; current: boolean };

/** The row fields a new session takes from its client. */
export function clientColumns(client: SessionClient | null): { ip: string | null; userAgent: string | null } {
  return { ip: client?.ip ?? null, userAgent: client?.userAgent?.slice(0, USER_AGENT_MAX) || null };
}

export function isSessionId(id: unknown): id is string {
  return z.uuid().safeParse(id).success;
}

/**
 * Keeps an open session alive, or ends it when it has been idle longer than `maxIdleMs`. Returns whether it is
 * still open. Writes last seen only when it is older than TOUCH_AFTER_MS.
 */
export async function keepSessionAlive(
  db: Db,
  store: SessionStore,
  session: { id: string; lastSeenAt: Date },
  maxIdleMs: number,
  now: Date,
): Promise<boolean> {
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (idle > maxIdleMs) {
    await endSession(db, store, session.id);
    return false;
  }
  if (idle > TOUCH_AFTER_MS) await db.update(store.table).set({ lastSeenAt: now }).where(eq(store.table.id, session.id));
  return true;
}

/** Ends one session (sign-out). */
export async function endSession(db: Db, store: SessionStore, sessionId: string): Promise<void> {
  if (!isSessionId(sessionId)) return;
  const { table } = store;
  await db.update(table).set({ endedAt: new Date() }).where(and(eq(table.id, sessionId), isNull(table.endedAt)));
}

/** Ends the open sessions of one person: all of them, or all but `except`. Returns how many ended. */
export async function endSessions(db: Db, store: SessionStore, ownerId: string, except?: string): Promise<number> {
  const { table, owner } = store;
  const ended = await db
    .update(table)
    .set({ endedAt: new Date() })
    .where(and(eq(owner, ownerId), isNull(table.endedAt), except ? ne(table.id, except) : undefined))
    .returning({ id: table.id });
  return ended.length;
}

/**
 * One person's open sessions as "Signed-in devices": not ended, seen since `activeSince` (older ones have expired
 * on their own), and matching `open` where the realm has more to say. The current one first, then the most recent.
 */
export async function signedInDevices(
  db: Db,
  store: SessionStore,
  who: { ownerId: string; currentSessionId: string },
  activeSince: Date,
  open?: SQL,
): Promise<SignedInDevice[]> {
  const { table, owner } = store;
  const rows = await db
    .select({ id: table.id, ip: table.ip, userAgent: table.userAgent, createdAt: table.createdAt, lastSeenAt: table.lastSeenAt })
    .from(table)
    .where(and(eq(owner, who.ownerId), isNull(table.endedAt), gt(table.lastSeenAt, activeSince), open))
    .orderBy(desc(table.lastSeenAt), desc(table.createdAt))
    .limit(100);
  return rows
    .map(({ id, userAgent, ...row }) => ({ ...row, browser: browserName(userAgent), current: id === who.currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * "Sign out everywhere else": every other open session of the person ends, logged as `entry` with how many ended.
 * Returns that number.
 */
export async function signOutElsewhere(
  db: Db,
  store: SessionStore,
  who: { ownerId: string; currentSessionId: string },
  entry: Omit<ActivityEntry, "details">,
): Promise<number> {
  const ended = await endSessions(db, store, who.ownerId, who.currentSessionId);
  await recordActivity(db, { ...entry, details: { sessions: ended } });
  return ended;
}
