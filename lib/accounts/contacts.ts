import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { afterCursor, cursorAtOf, decodeCursor, keysetPage } from "@/db/keyset";
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

export type ContactFilter = { q?: string; shopId?: string; status?: string; customerType?: string; after?: string };
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

/**
 * Searches contacts by part of the e-mail or name (trigram indexes), filtered by shop, status and type, newest
 * first with keyset pagination; the total is counted only up to a cap, so no search scans a million rows. Only
 * contacts of shops in `scope` are found, whatever the filter or cursor says.
 */
export async function searchContacts(db: Db, filter: ContactFilter, scope: ShopScope): Promise<ContactPage> {
  const q = filterText(filter.q, 200);
  const customerType = filterText(filter.customerType, 32);
  const tooShort = q.length > 0 && q.length < SEARCH_MIN_LENGTH;
  const conditions: (SQL | undefined)[] = [
    shopScopeCondition(scope, customers.shopId),
    q.length >= SEARCH_MIN_LENGTH
      ? or(ilike(customers.email, likePattern(q)), ilike(sql`${customers.firstName} || ' ' || ${customers.lastName}`, likePattern(q)))
      : undefined,
    filter.shopId && z.uuid().safeParse(filter.shopId).success ? eq(customers.shopId, filter.shopId) : undefined,
    customerStatuses.includes(filter.status as CustomerStatus) ? eq(customers.status, filter.status as CustomerStatus) : undefined,
    customerType ? eq(customers.customerType, customerType) : undefined,
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
      cursorAt,
      activationProblem: latestActivationProblem,
    })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(where, afterCursor(cursor, customers.createdAt, customers.id)))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(PAGE_SIZE + 1);
  const capped = db.select({ one: sql`1` }).from(customers).where(where).limit(COUNT_CAP + 1).as("capped");
  const [{ total }] = await db.select({ total: count() }).from(capped);
  return {
    ...keysetPage(rows, PAGE_SIZE),
    total: Math.min(total, COUNT_CAP),
    more: total > COUNT_CAP,
    tooShort,
  };
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
  const { shopId, customerType } = choice.data;
  const [offered] = await db
    .select({ shop: shops, type: customerTypes.code })
    .from(shops)
    .leftJoin(customerTypes, and(eq(customerTypes.shopId, shops.id), eq(customerTypes.code, customerType)))
    .where(and(eq(shops.id, shopId), shopScopeCondition(shopScope(agent), shops.id)));
  if (!offered) return invalid({ shopId: [contactFormMessages.shop] });
  if (!offered.type) return invalid({ customerType: [contactFormMessages.typeNotOffered] });
  const { shop } = offered;
  const attributes = await registrationAttributesOf(db, shopId, customerType);
  const parsed = contactFormSchema(attributes).safeParse(input);
  if (!parsed.success) return invalid(flatten(parsed.error));
  const { email, firstName, lastName, attributes: extra } = customerFields(contactAttributes(attributes), parsed.data as Record<string, string>);
  return db.transaction(async (tx): Promise<CreateContactResult> => {
    const [customer] = await tx
      .insert(customers)
      .values({ shopId, customerType, email, firstName, lastName, attributes: extra, createdBy: agent.id, createdAt: now })
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

export type ContactShop = { id: string; name: string; types: { code: string; name: string; attributes: FormAttribute[] }[] };

/**
 * The shops in `scope` with their customer types and each type's contact-form fields (registration attributes
 * without passwords), for the filters and the New contact form.
 */
export async function shopsWithTypes(db: Db, scope: ShopScope): Promise<ContactShop[]> {
  const rows = await db
    .select({
      id: shops.id,
      name: shops.name,
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
    const shop = byShop.get(row.id) ?? { id: row.id, name: row.name, types: [] };
    byShop.set(row.id, shop);
    let type = shop.types.find((candidate) => candidate.code === row.code);
    if (!type) shop.types.push((type = { code: row.code, name: row.typeName, attributes: [] }));
    if (row.attribute) type.attributes.push(row.attribute);
  }
  for (const shop of byShop.values()) for (const type of shop.types) type.attributes = contactAttributes(type.attributes);
  return [...byShop.values()];
}
