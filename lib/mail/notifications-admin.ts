import { and, asc, count, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { afterCursor, cursorAtOf, decodeCursor, keysetPage } from "@/db/keyset";
import { emailEvents, emailOutbox, outboxStatuses, shops, type OutboxEmail, type OutboxStatus, type StaffRole } from "@/db/schema";
import { filterText, likePattern, recordActivity } from "@/lib/activity";
import { inShopScope, shopScopeCondition, type ShopScope } from "@/lib/staff/scope";
import { notificationTypes, secretVariables, type NotificationType } from "./notifications";

/**
 * Notifications (SPEC §4): every e-mail the outbox holds, as the back office may see it — never its content, only the
 * redacted variables. Confined to the viewer's shop scope: an e-mail of another shop does not exist for them. The back
 * office's own e-mails (to business users) belong to no shop and are seen only with All shops, like the shop-less
 * entries of the activity log.
 */
export const NOTIFICATIONS_PAGE_SIZE = 25;
/** The roles that see Notifications and retry e-mails. */
export const notificationRoles: StaffRole[] = ["customer_service", "shop_admin"];
const COUNT_CAP = 1000;
/** The shop filter's value for e-mails of no shop (to business users). */
export const BACK_OFFICE_SHOP = "back-office";

export type NotificationFilter = { status?: string; type?: string; shop?: string; recipient?: string; after?: string };
/** A filter value that is not one, by field, with the value as it was read (the page words what is wrong with it). */
export type FilterProblems = Partial<Record<"status" | "type" | "shop", { value: string }>>;

type Valid = { ok: true; where: SQL | undefined } | { ok: false; problems: FilterProblems };

/** The filter as SQL within the scope, or what is wrong with it (a bad value filters nothing silently). */
function filterCondition(filter: NotificationFilter, scope: ShopScope): Valid {
  const status = filterText(filter.status, 40);
  const type = filterText(filter.type, 80);
  const shop = filterText(filter.shop, 80);
  const recipient = filterText(filter.recipient, 200);
  const problems: FilterProblems = {};
  if (status && !outboxStatuses.includes(status as OutboxStatus)) problems.status = { value: status };
  if (type && !notificationTypes.includes(type as NotificationType)) problems.type = { value: type };
  const backOffice = shop === BACK_OFFICE_SHOP;
  if (shop && (backOffice ? scope !== null : !z.uuid().safeParse(shop).success || !inShopScope(scope, shop))) {
    problems.shop = { value: shop };
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    where: and(
      shopScopeCondition(scope, emailOutbox.shopId),
      status ? eq(emailOutbox.status, status as OutboxStatus) : undefined,
      type ? eq(emailOutbox.type, type) : undefined,
      backOffice ? isNull(emailOutbox.shopId) : shop ? eq(emailOutbox.shopId, shop) : undefined,
      recipient ? ilike(emailOutbox.recipient, likePattern(recipient)) : undefined,
    ),
  };
}

export type NotificationRow = Pick<OutboxEmail, "id" | "type" | "recipient" | "status" | "attempts" | "lastError" | "createdAt" | "sentAt" | "nextAttemptAt"> & {
  shopName: string | null;
};
export type NotificationPage = { rows: NotificationRow[]; next: string | null; total: number; more: boolean; problems: FilterProblems };

const listColumns = {
  id: emailOutbox.id,
  type: emailOutbox.type,
  recipient: emailOutbox.recipient,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  shopName: shops.name,
};

/** One page of e-mails, newest first (keyset pagination), with a total counted up to a cap. */
export async function searchNotifications(db: Db, filter: NotificationFilter, scope: ShopScope): Promise<NotificationPage> {
  const valid = filterCondition(filter, scope);
  if (!valid.ok) return { rows: [], next: null, total: 0, more: false, problems: valid.problems };
  const rows = await db
    .select({ ...listColumns, cursorAt: cursorAtOf(emailOutbox.createdAt) })
    .from(emailOutbox)
    .leftJoin(shops, eq(shops.id, emailOutbox.shopId))
    .where(and(valid.where, afterCursor(decodeCursor(filter.after), emailOutbox.createdAt, emailOutbox.id)))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1);
  const capped = db.select({ one: sql`1` }).from(emailOutbox).where(valid.where).limit(COUNT_CAP + 1).as("capped");
  const [{ total }] = await db.select({ total: count() }).from(capped);
  return { ...keysetPage(rows, NOTIFICATIONS_PAGE_SIZE), total: Math.min(total, COUNT_CAP), more: total > COUNT_CAP, problems: {} };
}

/** A template variable as the back office shows it: a link or password only as the fact that there is one. */
export type ShownVariable = { name: string; value: string | number | boolean | null } | { name: string; hidden: (typeof secretVariables)[number] };

/** Branding that is configuration, not part of what the e-mail says to its recipient. */
const brandingVariables = new Set(["shop.baseUrl", "shop.logoUrl", "shop.accentColor"]);

function shownVariables(redacted: Record<string, unknown>, prefix = ""): ShownVariable[] {
  return Object.entries(redacted).flatMap(([key, value]): ShownVariable[] => {
    const name = `${prefix}${key}`;
    if ((secretVariables as readonly string[]).includes(key)) return [{ name, hidden: key as (typeof secretVariables)[number] }];
    if (brandingVariables.has(name)) return [];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return shownVariables(value as Record<string, unknown>, `${name}.`);
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [{ name, value }];
    return [{ name, value: JSON.stringify(value) }];
  });
}

export type HistoryEntry = { at: Date | null; event: string; detail?: string };

export type NotificationDetails = NotificationRow & {
  providerId: string | null;
  variables: ShownVariable[];
  history: HistoryEntry[];
  /** Whether Retry can requeue it: failed, and its sealed content still there. */
  retryable: boolean;
  contentGone: boolean;
};

/** Whether the sealed content is still there (purged once sent, or when suppressed). */
const hasContent = sql<boolean>`${emailOutbox.payload} is not null`;

const eventNames: Record<string, string> = {
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
};

/** One e-mail of the scope with its redacted variables and its history; any other (or a non-id) is not found. */
export async function findNotification(db: Db, id: string, scope: ShopScope): Promise<NotificationDetails | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ ...listColumns, providerId: emailOutbox.providerId, redacted: emailOutbox.redacted, hasContent })
    .from(emailOutbox)
    .leftJoin(shops, eq(shops.id, emailOutbox.shopId))
    .where(and(eq(emailOutbox.id, id), shopScopeCondition(scope, emailOutbox.shopId)));
  if (!row) return null;
  const events = await db.select().from(emailEvents).where(eq(emailEvents.outboxId, id)).orderBy(asc(emailEvents.occurredAt));
  const { redacted, hasContent: kept, ...email } = row;
  const history: HistoryEntry[] = [
    { at: email.createdAt, event: "queued" },
    ...(email.attempts > 0 ? [{ at: null, event: "attempts", detail: String(email.attempts) }] : []),
    ...(email.lastError ? [{ at: null, event: "last error", detail: email.lastError }] : []),
    ...(email.sentAt ? [{ at: email.sentAt, event: "sent" }] : []),
    ...events.map((event) => ({
      at: event.occurredAt,
      event: eventNames[event.type] ?? event.type,
      detail: Object.values(event.details).join(" / ") || undefined,
    })),
    ...(email.status === "failed" || email.status === "suppressed" ? [{ at: null, event: email.status }] : []),
  ];
  return {
    ...email,
    variables: shownVariables(redacted),
    history,
    retryable: email.status === "failed" && kept,
    contentGone: !kept,
  };
}

/** Who asks for a retry, for the activity log. */
export type RetryAgent = { id: string; shopIds: string[] | null };

/** Only a failed e-mail whose sealed content is still there goes back to the queue, due at once. */
const requeueable = and(eq(emailOutbox.status, "failed"), isNotNull(emailOutbox.payload));
/** A retried e-mail goes out in a request of its own, keyed by its id. */
const requeue = { status: "queued" as const, nextAttemptAt: sql`now()`, batchKey: null };

export type RetryResult = { ok: true } | { ok: false; reason: "not-found" | "not-failed" | "content-gone" };

/**
 * "Retry": failed → queued, due now, in one guarded UPDATE, so a retry of an e-mail that is not failed (or a second,
 * concurrent retry) changes nothing; the dispatcher then sends it under the same idempotency key (its id).
 */
export async function retryNotification(db: Db, agent: RetryAgent, id: string, ip: string | null): Promise<RetryResult> {
  if (!z.uuid().safeParse(id).success) return { ok: false, reason: "not-found" };
  const scope = agent.shopIds ?? null;
  return db.transaction(async (tx): Promise<RetryResult> => {
    const [retried] = await tx
      .update(emailOutbox)
      .set(requeue)
      .where(and(eq(emailOutbox.id, id), requeueable, shopScopeCondition(scope, emailOutbox.shopId)))
      .returning({ shopId: emailOutbox.shopId, customerId: emailOutbox.customerId });
    if (retried) {
      await recordActivity(tx, { action: "email.retried", actorType: "staff", actorId: agent.id, shopId: retried.shopId, customerId: retried.customerId, ip, details: { outboxId: id } });
      return { ok: true };
    }
    const [current] = await tx
      .select({ status: emailOutbox.status, hasContent })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.id, id), shopScopeCondition(scope, emailOutbox.shopId)));
    if (!current) return { ok: false, reason: "not-found" };
    return { ok: false, reason: current.status === "failed" && !current.hasContent ? "content-gone" : "not-failed" };
  });
}

export type RetryAllResult = { ok: true; retried: number; contentGone: number } | { ok: false; problems: FilterProblems };

/** "Retry all failed" for the list's filter (its status filter included): each as "Retry", in one UPDATE. */
export async function retryFailedNotifications(db: Db, agent: RetryAgent, filter: NotificationFilter, ip: string | null): Promise<RetryAllResult> {
  const valid = filterCondition({ ...filter, after: undefined }, agent.shopIds ?? null);
  if (!valid.ok) return valid;
  return db.transaction(async (tx) => {
    const retried = await tx.update(emailOutbox).set(requeue).where(and(valid.where, requeueable)).returning({ id: emailOutbox.id });
    const [{ gone }] = await tx
      .select({ gone: count() })
      .from(emailOutbox)
      .where(and(valid.where, eq(emailOutbox.status, "failed"), isNull(emailOutbox.payload)));
    if (retried.length > 0) {
      await recordActivity(tx, { action: "email.retried-all", actorType: "staff", actorId: agent.id, ip, details: { count: retried.length } });
    }
    return { ok: true, retried: retried.length, contentGone: gone };
  });
}
