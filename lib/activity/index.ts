import { afterCursor, cursorAtOf, decodeCursor, keysetPage } from "@/db/keyset";
import { and, asc, desc, eq, gt, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { activityLog, customers, staffUsers, type StaffUser } from "@/db/schema";
import { shopScope, shopScopeCondition } from "@/lib/staff/scope";

export type ActivityEntry = typeof activityLog.$inferInsert;

/** An entry for what customers did to their own account (activation, a reset, a change of language, …). */
export function customerEntry(
  customer: { id: string; shopId: string; email: string },
  action: string,
  ip: string | null,
  details?: Record<string, unknown>,
): ActivityEntry {
  return { action, actorType: "customer", actorId: customer.id, shopId: customer.shopId, customerId: customer.id, email: customer.email, ip, details };
}

/** An entry for what a business user did to a business user: another one, or themselves (`actor` and `user` the same). */
export function staffEntry(
  actor: { id: string },
  user: { id: string; email: string },
  action: string,
  ip: string | null,
  details?: Record<string, unknown>,
): ActivityEntry {
  return { action, actorType: "staff", actorId: actor.id, staffId: user.id, email: user.email, ip, details };
}

/** The security log of SPEC §7: who did what to whom, when and from where. Never pass secrets in details. */
export async function recordActivity(db: Db, entry: ActivityEntry): Promise<void> {
  await activityInsert(db, entry);
}

/** The insert `recordActivity` runs, for a statement that records an entry beside other work (one round trip). */
export function activityInsert(db: Db, entry: ActivityEntry) {
  return db.insert(activityLog).values(entry);
}

/** The periods the log can be narrowed to (`?within=`), back from now. */
export const activityPeriods = { day: 86_400_000, week: 7 * 86_400_000 } as const;
export type ActivityPeriod = keyof typeof activityPeriods;

export function isActivityPeriod(value: string): value is ActivityPeriod {
  return Object.hasOwn(activityPeriods, value);
}

export type ActivityFilter = {
  person?: string;
  action?: string;
  customerId?: string;
  /** Only entries of the last day or week before `now` (default: the time of the query). */
  within?: ActivityPeriod;
  now?: Date;
  limit?: number;
};

/** The business user reading the log: their shop scope decides which entries exist for them. */
export type ActivityViewer = Pick<StaffUser, "id" | "shopIds">;

export type ActivityRow = typeof activityLog.$inferSelect & { actorEmail: string | null };

/**
 * A search or filter value as typed into a GET form: control characters removed (PostgreSQL cannot even compare a
 * NUL), trimmed and cut to the length the filter allows.
 */
export function filterText(value: string | undefined, maxLength: number): string {
  return (value ?? "").replace(/\p{Cc}/gu, "").trim().slice(0, maxLength);
}

/** Escapes LIKE's wildcards so that a search for "50%" or "a_b" means exactly that. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The entries a viewer may see (SPEC §4 shop scope). With All shops: all of them. Limited to some shops: the
 * entries of those shops, and of the entries that belong to no shop only those about the viewer themselves (their
 * own sign-ins, password changes, changes made to their account). Shop-less entries are about the back office as a
 * whole (other staff's sign-ins, user management, settings, anonymous attempts) and stay with All-shops users.
 */
function visibleTo(viewer: ActivityViewer): SQL | undefined {
  const scope = shopScope(viewer);
  if (scope === null) return undefined;
  return or(
    shopScopeCondition(scope, activityLog.shopId),
    and(isNull(activityLog.shopId), or(eq(activityLog.actorId, viewer.id), eq(activityLog.staffId, viewer.id))),
  );
}

const actorStaff = alias(staffUsers, "actor_staff");
const actorCustomer = alias(customers, "actor_customer");
const actorEmail = sql<string | null>`coalesce(${actorStaff.email}, ${actorCustomer.email})`;

/** What a filter keeps of the entries the viewer may see. */
function activityConditions(viewer: ActivityViewer, filter: ActivityFilter): SQL | undefined {
  const person = filterText(filter.person, 200).toLowerCase();
  const action = filterText(filter.action, 100);
  const now = filter.now ?? new Date();
  return and(
    visibleTo(viewer),
    person ? or(ilike(activityLog.email, likePattern(person)), ilike(actorEmail, likePattern(person))) : undefined,
    action ? eq(activityLog.action, action) : undefined,
    filter.customerId ? eq(activityLog.customerId, filter.customerId) : undefined,
    filter.within ? gt(activityLog.at, new Date(now.getTime() - activityPeriods[filter.within])) : undefined,
  );
}

/** The rows a filter selects, with the actor's e-mail (a business user's or a customer's). */
function selectActivity(db: Db, viewer: ActivityViewer, filter: ActivityFilter, extra?: SQL) {
  return db
    .select({ entry: activityLog, actorEmail, cursorAt: cursorAtOf(activityLog.at) })
    .from(activityLog)
    .leftJoin(actorStaff, and(eq(activityLog.actorType, "staff"), eq(actorStaff.id, activityLog.actorId)))
    .leftJoin(actorCustomer, and(eq(activityLog.actorType, "customer"), eq(actorCustomer.id, activityLog.actorId)))
    .where(and(activityConditions(viewer, filter), extra));
}

/** How many entries a filter selects: the dashboard counts the list it links to by the list's own conditions. */
export async function countActivity(db: Db, viewer: ActivityViewer, filter: ActivityFilter): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${selectActivity(db, viewer, filter)}) as filtered`));
  return Number(row?.n ?? 0);
}

/** Newest first, by person (the e-mail of whoever acted or was acted upon) and by action. */
export async function listActivity(db: Db, viewer: ActivityViewer, filter: ActivityFilter = {}): Promise<ActivityRow[]> {
  const rows = await selectActivity(db, viewer, filter)
    .orderBy(desc(activityLog.at), desc(activityLog.id))
    .limit(Math.min(filter.limit ?? 100, 500));
  return rows.map((row) => ({ ...row.entry, actorEmail: row.actorEmail }));
}

export const ACTIVITY_PAGE_SIZE = 50;

export type ActivityOrder = "newest" | "oldest";
export type ActivityPageFilter = ActivityFilter & { after?: string; order?: ActivityOrder; size?: number };
export type ActivityPage = { rows: ActivityRow[]; next: string | null };

/**
 * One page of the log by time, newest first unless `order` is "oldest" (keyset pagination on time and id, so a page
 * never repeats or skips an entry while new ones arrive). A cursor that is not one reads as the first page.
 */
export async function pageActivity(db: Db, viewer: ActivityViewer, filter: ActivityPageFilter = {}): Promise<ActivityPage> {
  const direction = filter.order === "oldest" ? "asc" : "desc";
  const size = Math.min(Math.max(1, filter.size ?? ACTIVITY_PAGE_SIZE), 200);
  const by = direction === "asc" ? asc : desc;
  const rows = await selectActivity(db, viewer, filter, afterCursor(decodeCursor(filter.after), activityLog.at, activityLog.id, direction))
    .orderBy(by(activityLog.at), by(activityLog.id))
    .limit(size + 1);
  const page = keysetPage(
    rows.map((row) => ({ ...row.entry, actorEmail: row.actorEmail, cursorAt: row.cursorAt })),
    size,
  );
  return page;
}

/** The actions of the entries the viewer may see, for the filter. */
export async function activityActions(db: Db, viewer: ActivityViewer): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: activityLog.action })
    .from(activityLog)
    .where(visibleTo(viewer))
    .orderBy(activityLog.action);
  return rows.map((row) => row.action);
}
