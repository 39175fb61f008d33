import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, customerStatuses, customerTypes, emailOutbox, shops, staffUsers, type Customer, type CustomerStatus, type Shop } from "@/db/schema";
import { likePattern, recordActivity } from "@/lib/activity";
import { generatePassword, hashPassword } from "@/lib/passwords/hash";
import { registrationAttributesOf } from "@/lib/shops";
import type { FieldErrors } from "@/lib/shops/registration-form";
import { contactFormSchema } from "./contact-form";
import { queueCustomerEmail, sendActivationEmail } from "./customers";
import { sendResetEmail } from "./password-reset";

/** Office › Contacts (SPEC §4): customers as the call centre sees them. Every change is logged with the agent. */
type Agent = { id: string; email: string };
type Failure<R extends string> = { ok: false; reason: R };

export const SEARCH_MIN_LENGTH = 3;
export const PAGE_SIZE = 25;
const COUNT_CAP = 1000;

export type ContactFilter = { q?: string; shopId?: string; status?: string; customerType?: string; after?: string };
export type ContactRow = Pick<Customer, "id" | "email" | "firstName" | "lastName" | "status" | "customerType" | "createdAt"> & {
  shopName: string;
};
export type ContactPage = { rows: ContactRow[]; next: string | null; total: number; more: boolean; tooShort: boolean };

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor || cursor.length > 600) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

/**
 * Searches contacts by part of the e-mail or name (trigram indexes), filtered by shop, status and type, newest
 * first with keyset pagination; the total is counted only up to a cap, so no search scans a million rows.
 */
export async function searchContacts(db: Db, filter: ContactFilter): Promise<ContactPage> {
  const q = (filter.q ?? "").trim().slice(0, 200);
  const tooShort = q.length > 0 && q.length < SEARCH_MIN_LENGTH;
  const conditions: (SQL | undefined)[] = [
    q.length >= SEARCH_MIN_LENGTH
      ? or(ilike(customers.email, likePattern(q)), ilike(sql`${customers.firstName} || ' ' || ${customers.lastName}`, likePattern(q)))
      : undefined,
    filter.shopId && z.uuid().safeParse(filter.shopId).success ? eq(customers.shopId, filter.shopId) : undefined,
    customerStatuses.includes(filter.status as CustomerStatus) ? eq(customers.status, filter.status as CustomerStatus) : undefined,
    filter.customerType ? eq(customers.customerType, filter.customerType.slice(0, 32)) : undefined,
  ];
  const where = and(...conditions);
  const cursor = decodeCursor(filter.after);
  const rows = await db
    .select({
      id: customers.id,
      email: customers.email,
      firstName: customers.firstName,
      lastName: customers.lastName,
      status: customers.status,
      customerType: customers.customerType,
      createdAt: customers.createdAt,
      shopName: shops.name,
    })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(where, cursor ? sql`(${customers.createdAt}, ${customers.id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(PAGE_SIZE + 1);
  const capped = db.select({ one: sql`1` }).from(customers).where(where).limit(COUNT_CAP + 1).as("capped");
  const [{ total }] = await db.select({ total: count() }).from(capped);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    rows: page,
    next: rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null,
    total: Math.min(total, COUNT_CAP),
    more: total > COUNT_CAP,
    tooShort,
  };
}

export type CreateContactResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | Failure<"exists">;

/**
 * "New contact": a pending customer without a password, and Storefront account activation whose link asks for a
 * password first (or issues one in automatic mode) and lives for the shop's contact-activation lifetime.
 */
export async function createContact(db: Db, agent: Agent, input: unknown, ip: string | null, now = new Date()): Promise<CreateContactResult> {
  const parsed = contactFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const { shopId, customerType, email, firstName, lastName } = parsed.data;
  const [offered] = await db
    .select({ shop: shops })
    .from(customerTypes)
    .innerJoin(shops, eq(shops.id, customerTypes.shopId))
    .where(and(eq(customerTypes.shopId, shopId), eq(customerTypes.code, customerType)));
  if (!offered) return { ok: false, reason: "invalid", fieldErrors: { customerType: ["This shop does not offer that customer type."] } };
  const shop = offered.shop;
  return db.transaction(async (tx): Promise<CreateContactResult> => {
    const [customer] = await tx
      .insert(customers)
      .values({ shopId, customerType, email, firstName, lastName, createdBy: agent.id, createdAt: now })
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

export type ContactDetails = { customer: Customer; shop: Shop; createdBy: string | null };

export async function findContact(db: Db, id: string): Promise<ContactDetails | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({ customer: customers, shop: shops, createdBy: staffUsers.name })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .leftJoin(staffUsers, eq(staffUsers.id, customers.createdBy))
    .where(eq(customers.id, id));
  return row ?? null;
}

/** The contact's e-mails as the back office may see them: type, status, attempts, times, never content. */
export async function contactNotifications(db: Db, customerId: string) {
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
    .where(eq(emailOutbox.customerId, customerId))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(50);
}

async function lockContact(tx: Db, id: string): Promise<{ customer: Customer; shop: Shop } | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await tx
    .select({ customer: customers, shop: shops })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(eq(customers.id, id))
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
    const found = await lockContact(tx, customerId);
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
    const found = await lockContact(tx, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    if (found.customer.status !== "pending") return { ok: false, reason: "not-pending" } as const;
    await sendActivationEmail(tx, found.shop, found.customer, now);
    await log(tx, agent, found.customer, "contact.activation-resent", ip);
    return { ok: true } as const;
  });
}

/** Deactivation ends the customer's sessions and blocks sign-in; reactivation restores the earlier state. */
export async function setContactActive(
  db: Db,
  agent: Agent,
  customerId: string,
  active: boolean,
  ip: string | null,
): Promise<{ ok: true } | Failure<"not-found">> {
  return db.transaction(async (tx) => {
    const found = await lockContact(tx, customerId);
    if (!found) return { ok: false, reason: "not-found" } as const;
    const { customer } = found;
    const status: CustomerStatus = active ? (customer.activatedAt ? "active" : "pending") : "disabled";
    await tx
      .update(customers)
      .set({ status, sessionVersion: sql`${customers.sessionVersion} + 1` })
      .where(eq(customers.id, customer.id));
    await log(tx, agent, customer, active ? "contact.reactivated" : "contact.deactivated", ip);
    return { ok: true } as const;
  });
}

/** Shops and their customer types, for the filters and the New contact form. */
export async function shopsWithTypes(db: Db): Promise<{ id: string; name: string; types: { code: string; name: string }[] }[]> {
  const rows = await db
    .select({ id: shops.id, name: shops.name, code: customerTypes.code, typeName: customerTypes.name })
    .from(shops)
    .innerJoin(customerTypes, eq(customerTypes.shopId, shops.id))
    .orderBy(asc(shops.name), asc(customerTypes.position));
  const byShop = new Map<string, { id: string; name: string; types: { code: string; name: string }[] }>();
  for (const row of rows) {
    const shop = byShop.get(row.id) ?? { id: row.id, name: row.name, types: [] };
    shop.types.push({ code: row.code, name: row.typeName });
    byShop.set(row.id, shop);
  }
  return [...byShop.values()];
}
