import { and, asc, count, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { offeredLocales, type Locale } from "@/i18n/locales";
import { afterCursor, cursorAtOf, decodeCursor, keysetPage } from "@/db/keyset";
import { rowsOf } from "@/db/rows";
import {
  attributeDefinitions,
  customers,
  customerStatuses,
  customerTypes,
  emailOutbox,
  registrationAttributes,
  shops,
  staffUsers,
  type Customer,
  type CustomerStatus,
  type Shop,
  type StaffUser,
} from "@/db/schema";
import { filterText, likePattern, recordActivity } from "@/lib/activity";
import { blockedSubjects, limits } from "@/lib/limits";
import { liftSuppression } from "@/lib/mail/suppression";
import { generatePassword, hashPassword } from "@/lib/passwords/hash";
import { formAttributeColumns, registrationAttributesOf } from "@/lib/shops";
import { customerFields, type FieldErrors, type FormAttribute } from "@/lib/shops/registration-form";
import { shopScope, shopScopeCondition, type ShopScope } from "@/lib/staff/scope";
import { contactAttributes, contactChoiceSchema, contactFormMessages, contactFormSchema } from "./contact-form";
import { queueCustomerEmail, sendActivationEmail } from "./customers";
import { sendResetEmail } from "./password-reset";
import { endAllCustomerSessions } from "./sessions";

/**
 * Office › Contacts (SPEC §4): customers as the call centre sees them. Every change is logged with the agent, and
 * everything is confined to the agent's shop scope: a contact of another shop is "not found", as if it did not exist.
 */
export type Agent = Pick<StaffUser, "id" | "email" | "shopIds">;
type Failure<R extends string> = { ok: false; reason: R };

export const SEARCH_MIN_LENGTH = 3;
export const PAGE_SIZE = 25;
const COUNT_CAP = 1000;

/** The values of the filters `?created=` and `?signin=` (besides shop, status and type). */
export const createdFilters = ["over-a-day"] as const;
export const signInFilters = ["limited"] as const;

export type ContactFilter = {
  q?: string;
  shopId?: string;
  status?: string;
  customerType?: string;
  /** "over-a-day": created more than a day ago. */
  created?: string;
  /** "limited": sign-in limited now. */
  signin?: string;
  after?: string;
};
/** What went wrong with a pending contact's latest activation e-mail, when something did. */
export type ActivationProblem = "bounced" | "suppressed";
export type ContactRow = Pick<Customer, "id" | "email" | "firstName" | "lastName" | "status" | "customerType" | "createdAt"> & {
  shopName: string;
  activationProblem: ActivationProblem | null;
};
export type ContactPage = { rows: ContactRow[]; next: string | null; total: number; more: boolean; tooShort: boolean };

const cursorAt = cursorAtOf(customers.createdAt);

/** Evaluated for the rows of one page only (the outbox's customer index): the latest activation's bounce. */
const latestActivationProblem = sql<ActivationProblem | null>`case when ${customers.status} = 'pending' then (
  select case when o.status in ('bounced', 'suppressed') then o.status end from ${emailOutbox} o
  where o.customer_id = ${customers.id} and o.type = 'storefront-account-activation'
  order by o.created_at desc limit 1) end`;

/** What a contact is found by: e-mail and name, lower-cased, joined by a character no search holds (migration 0012). */
const searchText = sql`lower(${customers.email} || E'\\x01' || ${customers.firstName} || ' ' || ${customers.lastName})`;
/** How many of the newest contacts the first look walks before it asks the trigram index instead. */
const SEARCH_WINDOW = 20_000;

const contactColumns = {
  id: customers.id,
  email: customers.email,
  firstName: customers.firstName,
  lastName: customers.lastName,
  status: customers.status,
  customerType: customers.customerType,
  createdAt: customers.createdAt,
  shopName: shops.name,
  cursorAt,
  activationProblem: latestActivationProblem,
};

const DAY_MS = 86_400_000;
const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/** Contacts created more than a day before `now` (`?created=over-a-day`). */
export function createdOverADayAgo(now: Date): SQL {
  return lt(customers.createdAt, new Date(now.getTime() - DAY_MS));
}

/**
 * Contacts whose sign-in is limited at `now` (`?signin=limited`): the sign-in limit of their account, which
 * lib/accounts/sign-in.ts names `<shop id>:<e-mail>`, blocks attempts. Read from the few blocked accounts into the
 * (shop, e-mail) unique index, it costs the blocked accounts, not the contacts; an account that names no shop (the
 * back office's `staff:<e-mail>`) matches no contact. The dashboard counts by this same condition.
 */
export function signInLimited(now: Date): SQL {
  const shopPart = sql`split_part(blocked.subject, ':', 1)`;
  return sql`(${customers.shopId}, lower(${customers.email})) in (
    select case when ${shopPart} ~ ${UUID_PATTERN} then ${shopPart}::uuid end, substr(blocked.subject, strpos(blocked.subject, ':') + 1)
    from (${blockedSubjects(limits.signInFailuresPerAccount, now)}) blocked)`;
}

/**
 * A filter's conditions, the search text aside: the agent's shops, then each filter with a value it knows (any other
 * value filters nothing). Office › Contacts lists by them and the dashboard counts by them.
 */
function filterConditions(filter: ContactFilter, scope: ShopScope, now: Date): (SQL | undefined)[] {
  const customerType = filterText(filter.customerType, 32);
  return [
    shopScopeCondition(scope, customers.shopId),
    filter.shopId && z.uuid().safeParse(filter.shopId).success ? eq(customers.shopId, filter.shopId) : undefined,
    customerStatuses.includes(filter.status as CustomerStatus) ? eq(customers.status, filter.status as CustomerStatus) : undefined,
    customerType ? eq(customers.customerType, customerType) : undefined,
    filter.created === "over-a-day" ? createdOverADayAgo(now) : undefined,
    filter.signin === "limited" ? signInLimited(now) : undefined,
  ];
}

/** How many contacts in `scope` a filter (without search text) lists, counted whole: for the dashboard's few filters. */
export async function countContacts(db: Db, filter: Omit<ContactFilter, "q" | "after">, scope: ShopScope, now = new Date()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(customers).where(and(...filterConditions(filter, scope, now)));
  return Number(row?.n ?? 0);
}

/**
 * Searches contacts by part of the e-mail or name, filtered by shop, status, type, age and sign-in limit, newest first
 * with keyset pagination; the total is counted only up to a cap ("more than 1,000"), so no search reads a million rows.
 * Only contacts of shops in `scope` are found, whatever the filter or cursor says.
 */
export async function searchContacts(db: Db, filter: ContactFilter, scope: ShopScope, now = new Date()): Promise<ContactPage> {
  const q = filterText(filter.q, 200);
  const tooShort = q.length > 0 && q.length < SEARCH_MIN_LENGTH;
  const conditions = filterConditions(filter, scope, now);
  // `hidden`: each condition as "(…) is true", which no index answers, so a walk keeps to the covering index.
  const filters: Filters = (hidden) => and(...conditions.map((condition) => (condition && hidden ? sql`(${condition}) is true` : condition)));
  const cursor = decodeCursor(filter.after);
  const found =
    q.length >= SEARCH_MIN_LENGTH
      ? await searchByText(db, likePattern(q), filters, cursor)
      : await browse(db, filters(false), cursor);
  return { ...keysetPage(found.rows, PAGE_SIZE), total: Math.min(found.total, COUNT_CAP), more: found.total > COUNT_CAP, tooShort };
}

type Found = { rows: (ContactRow & { cursorAt: string })[]; total: number };
type Filters = (hidden: boolean) => SQL | undefined;

/** Without a search text: the filters' indexes give the newest first, and the capped count stops at 1,001. */
async function browse(db: Db, where: SQL | undefined, cursor: [string, string] | null): Promise<Found> {
  const rows = await db
    .select(contactColumns)
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(where, afterCursor(cursor, customers.createdAt, customers.id)))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(PAGE_SIZE + 1);
  const capped = db.select({ one: sql`1` }).from(customers).where(where).limit(COUNT_CAP + 1).as("capped");
  const [{ total }] = await db.select({ total: count() }).from(capped);
  return { rows, total };
}

/**
 * With a search text, the plan is chosen from what the data says, not from the planner's guess (which took a common
 * fragment in a rare shop and type for a quick walk and read the whole table):
 * 1. walk the newest SEARCH_WINDOW contacts in the covering index: a common fragment has its 1,001 matches there,
 *    so the count is "more than 1,000" and the first page is at hand;
 * 2. otherwise the trigram index, with the filters inside it, gives at most 1,001 matches in no order: up to 1,000,
 *    they are all of them, and the page is sorted from them;
 * 3. more than 1,000 found that way: the page is walked newest first, which the density of matches keeps short.
 */
async function searchByText(db: Db, pattern: string, filters: Filters, cursor: [string, string] | null): Promise<Found> {
  const matching = sql`${searchText} like lower(${pattern})`;
  const where = and(matching, filters(false));
  const walked = and(matching, filters(true));
  const newestFirst = sql`order by ${customers.createdAt} desc, ${customers.id} desc`;
  const found = await db.transaction(async (tx) => {
    const ids = <Row>(query: SQL) => tx.execute(query).then((result) => rowsOf<Row>(result));
    let planned: Record<string, string> | null = null;
    const plan = async (settings: Record<string, string>) => {
      if (planned === settings) return;
      planned = settings;
      await tx.execute(sql`select ${sql.join(Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`), sql`, `)}`);
    };
    const walk = async () => {
      await plan(walkPlan);
      return ids<{ id: string }>(sql`select ${customers.id} as id from ${customers}
        where ${and(walked, afterCursor(cursor, customers.createdAt, customers.id))} ${newestFirst} limit ${PAGE_SIZE + 1}`);
    };

    await plan(walkPlan);
    const window = await ids<{ id: string }>(sql`with bound as materialized (
        select ${customers.createdAt} as created_at, ${customers.id} as id from ${customers} ${newestFirst} offset ${SEARCH_WINDOW - 1} limit 1)
      select ${customers.id} as id from ${customers}
      where (${customers.createdAt}, ${customers.id}) >= (coalesce((select created_at from bound), '-infinity'),
                                                         coalesce((select id from bound), '00000000-0000-0000-0000-000000000000'))
        and ${walked} ${newestFirst} limit ${COUNT_CAP + 1}`);
    // The window's first page is the real first page whenever it holds a whole page (it is the newest, in order).
    const windowPage = !cursor && window.length > PAGE_SIZE ? window.slice(0, PAGE_SIZE + 1) : null;
    if (window.length > COUNT_CAP) return { page: windowPage ?? (await walk()), total: window.length };

    await plan(hitsPlan);
    const hits = await ids<{ id: string | null; total: number }>(sql`with hits as materialized (
        select ${customers.id} as id, ${customers.createdAt} as created_at from ${customers} where ${where} limit ${COUNT_CAP + 1}),
      counted as (select count(*)::int as total from hits)
      select page.id, counted.total from counted left join lateral (
        select id from hits where ${afterCursor(cursor, sql`created_at`, sql`id`) ?? sql`true`}
        order by created_at desc, id desc limit ${PAGE_SIZE + 1}) page on true`);
    const total = hits[0].total;
    if (total <= COUNT_CAP) return { page: hits.flatMap((hit) => (hit.id ? [{ id: hit.id }] : [])), total };
    return { page: windowPage ?? (await walk()), total };
  });
  return contactRows(db, found.page, found.total);
}

/**
 * The plans of a text search, for this transaction only: never the whole table, no parallel workers for a few rows, and
 * no JIT compilation — the sign-in filter reads the small rate_limits table sequentially, which the first setting
 * prices so high that PostgreSQL would otherwise spend half a second compiling a query that runs in a millisecond.
 */
const walkPlan = { enable_seqscan: "off", max_parallel_workers_per_gather: "0", jit: "off", enable_bitmapscan: "off", enable_sort: "off", enable_indexscan: "on", enable_indexonlyscan: "on" };
const hitsPlan = { enable_seqscan: "off", max_parallel_workers_per_gather: "0", jit: "off", enable_bitmapscan: "on", enable_sort: "on", enable_indexscan: "off", enable_indexonlyscan: "off" };

/** The page's contacts as the list shows them, newest first. */
async function contactRows(db: Db, page: { id: string }[], total: number): Promise<Found> {
  if (page.length === 0) return { rows: [], total };
  const rows = await db
    .select(contactColumns)
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(inArray(customers.id, page.map((row) => row.id)))
    .orderBy(desc(customers.createdAt), desc(customers.id));
  return { rows, total };
}

export type CreateContactResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | Failure<"exists">;

const invalid = (fieldErrors: FieldErrors) => ({ ok: false, reason: "invalid", fieldErrors }) as const;
const flatten = (error: z.ZodError) => z.flattenError(error).fieldErrors as FieldErrors;

/**
 * "New contact": a pending customer without a password, and Storefront account activation whose link asks for a
 * password first (or issues one in automatic mode) and lives for the shop's contact-activation lifetime. The form
 * captures the shop and type's registration attributes (without passwords) as they are when it arrives; a shop
 * outside the agent's scope is refused like one that does not exist.
 */
export async function createContact(db: Db, agent: Agent, input: unknown, ip: string | null, now = new Date()): Promise<CreateContactResult> {
  const choice = contactChoiceSchema.safeParse(input);
  if (!choice.success) return invalid(flatten(choice.error));
  const { shopId, customerType, locale: chosen = "" } = choice.data;
  const [offered] = await db
    .select({ shop: shops, type: customerTypes.code })
    .from(shops)
    .leftJoin(customerTypes, and(eq(customerTypes.shopId, shops.id), eq(customerTypes.code, customerType)))
    .where(and(eq(shops.id, shopId), shopScopeCondition(shopScope(agent), shops.id)));
  if (!offered) return invalid({ shopId: [contactFormMessages.shop] });
  if (!offered.type) return invalid({ customerType: [contactFormMessages.typeNotOffered] });
  const { shop } = offered;
  // The contact's language: one the shop offers, its default when none was chosen.
  const locale = chosen === "" ? shop.defaultLocale : offeredLocales(shop).find((candidate) => candidate === chosen);
  if (!locale) return invalid({ locale: [contactFormMessages.languageNotOffered] });
  const attributes = await registrationAttributesOf(db, shopId, customerType);
  const parsed = contactFormSchema(attributes).safeParse(input);
  if (!parsed.success) return invalid(flatten(parsed.error));
  const { email, firstName, lastName, attributes: extra } = customerFields(contactAttributes(attributes), parsed.data as Record<string, string>);
  return db.transaction(async (tx): Promise<CreateContactResult> => {
    const [customer] = await tx
      .insert(customers)
      .values({ shopId, customerType, email, firstName, lastName, attributes: extra, locale, createdBy: agent.id, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!customer) return { ok: false, reason: "exists" };
    await sendActivationEmail(tx, shop, customer, now);
    await log(tx, agent, customer, "contact.created", ip);
    return { ok: true, customer };
  });
}

function log(tx: Db, agent: Agent, customer: Customer, action: string, ip: string | null, details: Record<string, unknown> = {}) {
  return recordActivity(tx, {
    action,
    actorType: "staff",
    actorId: agent.id,
    shopId: customer.shopId,
    customerId: customer.id,
    email: customer.email,
    ip,
    details,
  });
}

export type ContactDetails = {
  customer: Customer;
  shop: Shop;
  createdBy: string | null;
  /** The attributes beyond e-mail and names (e.g. Company), labelled as their definitions are. */
  attributes: { code: string; label: string; value: string }[];
};

/** A contact of a shop in `scope`; any other (or an id that is no id) is not found. */
export async function findContact(db: Db, id: string, scope: ShopScope): Promise<ContactDetails | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ customer: customers, shop: shops, createdBy: staffUsers.name })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .leftJoin(staffUsers, eq(staffUsers.id, customers.createdBy))
    .where(and(eq(customers.id, id), shopScopeCondition(scope, customers.shopId)));
  if (!row) return null;
  const codes = Object.keys(row.customer.attributes);
  const definitions = codes.length
    ? await db.select({ code: attributeDefinitions.code, label: attributeDefinitions.label }).from(attributeDefinitions).where(inArray(attributeDefinitions.code, codes))
    : [];
  const attributes = Object.entries(row.customer.attributes).map(([code, value]) => ({
    code,
    label: definitions.find((definition) => definition.code === code)?.label ?? code,
    value: String(value),
  }));
  return { ...row, attributes };
}

/** The contact's e-mails as the back office may see them: type, status, attempts, times, never content. */
export async function contactNotifications(db: Db, customerId: string, scope: ShopScope) {
  return db
    .select({
      id: emailOutbox.id,
      type: emailOutbox.type,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.customerId, customerId), shopScopeCondition(scope, emailOutbox.shopId)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(50);
}

/** The contact an agent acts on, locked; outside the agent's scope it is not found. */
async function lockContact(tx: Db, agent: Agent, id: string): Promise<{ customer: Customer; shop: Shop } | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await tx
    .select({ customer: customers, shop: shops })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(eq(customers.id, id), shopScopeCondition(shopScope(agent), customers.shopId)))
    .for("update", { of: customers });
  return row ?? null;
}

/**
 * Call-centre reset (YesCart's SHOP_CUSTOMER_PASSWORD_RESET_CC): mode `link` e-mails a reset link, mode
 * `generated` sets a generated password (ending every session) and e-mails it. Both tell the templates that
 * the reset came from the call centre.
 */
export async function callCentreReset(
  db: Db,
  agent: Agent,
  customerId: string,
  ip: string | null,
  now = new Date(),
): Promise<{ ok: true; mode: "link" | "generated" } | Failure<"not-found" | "not-active">> {
  return db.transaction(async (tx) => {
    const found = await lockContact(tx, agent, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    const { customer, shop } = found;
    if (customer.status !== "active") return { ok: false, reason: "not-active" } as const;
    const mode = shop.callCentreResetMode;
    if (mode === "link") {
      await sendResetEmail(tx, shop, customer, now, { callCentrePasswordReset: true });
    } else {
      const attributes = await registrationAttributesOf(tx, shop.id, customer.customerType);
      const definition = attributes.find((attribute) => attribute.valueKind === "password");
      const password = generatePassword(definition ? { regex: definition.regex, regexMessage: definition.regexMessage } : {});
      await tx
        .update(customers)
        .set({ passwordHash: await hashPassword(password), sessionVersion: sql`${customers.sessionVersion} + 1` })
        .where(eq(customers.id, customer.id));
      await endAllCustomerSessions(tx, customer.id);
      await queueCustomerEmail(tx, shop, customer, "reset-password-successful", {
        link: `${shop.baseUrl}/login`,
        password,
        additionalData: { callCentrePasswordReset: true },
      });
    }
    await log(tx, agent, customer, "contact.password-reset", ip, { mode });
    return { ok: true, mode } as const;
  });
}

export async function resendContactActivation(
  db: Db,
  agent: Agent,
  customerId: string,
  ip: string | null,
  now = new Date(),
): Promise<{ ok: true } | Failure<"not-found" | "not-pending">> {
  return db.transaction(async (tx) => {
    const found = await lockContact(tx, agent, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    if (found.customer.status !== "pending") return { ok: false, reason: "not-pending" } as const;
    await sendActivationEmail(tx, found.shop, found.customer, now);
    await log(tx, agent, found.customer, "contact.activation-resent", ip);
    return { ok: true } as const;
  });
}

/** Deactivation ends the customer's sessions and blocks sign-in; reactivation restores the earlier state. */
/** "Remove from suppression list" for the contact's address: e-mails to it are sent again. Logged. */
export async function liftContactSuppression(
  db: Db,
  agent: Agent,
  customerId: string,
  ip: string | null,
): Promise<{ ok: true } | Failure<"not-found" | "not-suppressed">> {
  return db.transaction(async (tx) => {
    const found = await lockContact(tx, agent, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    return liftSuppression(tx, found.customer.email, { actorId: agent.id, shopId: found.customer.shopId, customerId: found.customer.id, ip });
  });
}

export async function setContactActive(
  db: Db,
  agent: Agent,
  customerId: string,
  active: boolean,
  ip: string | null,
): Promise<{ ok: true } | Failure<"not-found">> {
  return db.transaction(async (tx) => {
    const found = await lockContact(tx, agent, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    const { customer } = found;
    const status: CustomerStatus = active ? (customer.activatedAt ? "active" : "pending") : "disabled";
    await tx
      .update(customers)
      .set({ status, sessionVersion: sql`${customers.sessionVersion} + 1` })
      .where(eq(customers.id, customer.id));
    await endAllCustomerSessions(tx, customer.id);
    await log(tx, agent, customer, active ? "contact.reactivated" : "contact.deactivated", ip);
    return { ok: true } as const;
  });
}

export type ContactShop = {
  id: string;
  name: string;
  /** The languages a contact's e-mails can be written in, the shop's default first. */
  locales: Locale[];
  types: { code: string; name: string; attributes: FormAttribute[] }[];
};

/**
 * The shops in `scope` with their customer types and each type's contact-form fields (registration attributes
 * without passwords), for the filters and the New contact form.
 */
export async function shopsWithTypes(db: Db, scope: ShopScope): Promise<ContactShop[]> {
  const rows = await db
    .select({
      id: shops.id,
      name: shops.name,
      locales: shops.locales,
      defaultLocale: shops.defaultLocale,
      code: customerTypes.code,
      typeName: customerTypes.name,
      attribute: formAttributeColumns,
    })
    .from(shops)
    .innerJoin(customerTypes, eq(customerTypes.shopId, shops.id))
    .leftJoin(registrationAttributes, and(eq(registrationAttributes.shopId, shops.id), eq(registrationAttributes.customerType, customerTypes.code)))
    .leftJoin(attributeDefinitions, eq(attributeDefinitions.code, registrationAttributes.attributeCode))
    .where(shopScopeCondition(scope, shops.id))
    .orderBy(asc(shops.name), asc(shops.id), asc(customerTypes.position), asc(customerTypes.code), asc(registrationAttributes.position));
  const byShop = new Map<string, ContactShop>();
  for (const row of rows) {
    const offered = offeredLocales(row);
    const locales = [row.defaultLocale, ...offered.filter((locale) => locale !== row.defaultLocale)];
    const shop = byShop.get(row.id) ?? { id: row.id, name: row.name, locales, types: [] };
    byShop.set(row.id, shop);
    let type = shop.types.find((candidate) => candidate.code === row.code);
    if (!type) shop.types.push((type = { code: row.code, name: row.typeName, attributes: [] }));
    if (row.attribute) type.attributes.push(row.attribute);
  }
  for (const shop of byShop.values()) for (const type of shop.types) type.attributes = contactAttributes(type.attributes);
  return [...byShop.values()];
}
