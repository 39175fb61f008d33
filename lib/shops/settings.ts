import { and, asc, count, eq, inArray, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  attributeDefinitions,
  customers,
  customerTypes,
  registrationAttributes,
  shopHosts,
  shops,
  type CustomerType,
  type Shop,
  type StaffUser,
} from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { inShopScope, shopScope, shopScopeCondition, type ShopScope } from "@/lib/staff/scope";
import { allAttributeDefinitions } from "@/lib/shops";
import { passwordMode, type FieldErrors, type PasswordMode } from "./registration-form";
import {
  customerTypeSchema,
  messages,
  newCustomerTypeSchema,
  newShopFormSchema,
  hostProblem,
  HOSTS_MAX,
  SHOP_CODE,
  normaliseHosts,
  postedCodes,
  registrationFormProblems,
  shopFormSchema,
  type DefinitionSummary,
  type ShopFormValues,
} from "./settings-forms";

/** Settings › Shops (SPEC §4): shops, their customer types and registration forms, confined to the user's shops. */
export type SettingsActor = Pick<StaffUser, "id" | "email" | "shopIds">;

type NotFound = { ok: false; reason: "not-found" };
type Invalid = { ok: false; reason: "invalid"; fieldErrors: FieldErrors; formError?: string };
const notFound: NotFound = { ok: false, reason: "not-found" };

export type ShopSummary = { id: string; code: string; name: string; hosts: string[]; customers: number };
export type TypeSettings = CustomerType & { customers: number; attributes: string[] };
export type ShopSettings = { shop: Shop; hosts: string[]; types: TypeSettings[] };

// ————— reading —————

async function hostsOf(db: Db, shopIds: string[]): Promise<Map<string, string[]>> {
  const byShop = new Map<string, string[]>();
  if (shopIds.length === 0) return byShop;
  const rows = await db.select().from(shopHosts).where(inArray(shopHosts.shopId, shopIds)).orderBy(asc(shopHosts.host));
  for (const row of rows) byShop.set(row.shopId, [...(byShop.get(row.shopId) ?? []), row.host]);
  return byShop;
}

/** The shops list: code, name, host names and number of customers, only the shops in the user's scope. */
export async function listShopSummaries(db: Db, scope: ShopScope): Promise<ShopSummary[]> {
  const list = await db
    .select({ id: shops.id, code: shops.code, name: shops.name })
    .from(shops)
    .where(shopScopeCondition(scope, shops.id))
    .orderBy(asc(shops.name), asc(shops.code));
  const ids = list.map((shop) => shop.id);
  if (ids.length === 0) return [];
  const [hosts, counts] = await Promise.all([
    hostsOf(db, ids),
    db
      .select({ shopId: customers.shopId, customers: count() })
      .from(customers)
      .where(inArray(customers.shopId, ids))
      .groupBy(customers.shopId),
  ]);
  const customersOf = new Map(counts.map((row) => [row.shopId, row.customers]));
  return list.map((shop) => ({ ...shop, hosts: hosts.get(shop.id) ?? [], customers: customersOf.get(shop.id) ?? 0 }));
}

/** A shop by its code, or null when there is none or it is outside the scope (answered as 404 alike). */
export async function findScopedShop(db: Db, scope: ShopScope, code: string): Promise<Shop | null> {
  if (typeof code !== "string" || code.length > 64) return null;
  const [shop] = await db.select().from(shops).where(eq(shops.code, code));
  return shop && inShopScope(scope, shop.id) ? shop : null;
}

/** Everything a shop's settings page shows: the shop, its host names, and its customer types with their forms. */
export async function findShopSettings(db: Db, scope: ShopScope, code: string): Promise<ShopSettings | null> {
  const shop = await findScopedShop(db, scope, code);
  if (!shop) return null;
  const [hosts, types, counts, attributes] = await Promise.all([
    hostsOf(db, [shop.id]),
    db.select().from(customerTypes).where(eq(customerTypes.shopId, shop.id)).orderBy(asc(customerTypes.position), asc(customerTypes.code)),
    db
      .select({ customerType: customers.customerType, customers: count() })
      .from(customers)
      .where(eq(customers.shopId, shop.id))
      .groupBy(customers.customerType),
    db
      .select({ customerType: registrationAttributes.customerType, code: registrationAttributes.attributeCode })
      .from(registrationAttributes)
      .where(eq(registrationAttributes.shopId, shop.id))
      .orderBy(asc(registrationAttributes.position)),
  ]);
  const customersOf = new Map(counts.map((row) => [row.customerType, row.customers]));
  return {
    shop,
    hosts: hosts.get(shop.id) ?? [],
    types: types.map((type) => ({
      ...type,
      customers: customersOf.get(type.code) ?? 0,
      attributes: attributes.filter((row) => row.customerType === type.code).map((row) => row.code),
    })),
  };
}

/** Every attribute definition, for the form editor's "Add attribute" and its preview. */
export async function listDefinitionSummaries(db: Db): Promise<DefinitionSummary[]> {
  return (await allAttributeDefinitions(db)).map(({ code, label, valueKind, required }) => ({ code, label, valueKind, required }));
}

/** A stored shop as the form shows it (lifetimes in the form's units). */
export function shopFormValues(shop: Shop, hosts: string[]): Record<string, string> {
  return {
    code: shop.code,
    name: shop.name,
    hostNames: hosts.join("\n"),
    baseUrl: shop.baseUrl,
    senderName: shop.senderName,
    // An address configured as "Name <address>" (EMAIL_FROM) shows as the address alone.
    senderEmail: /<([^<>]+)>\s*$/.exec(shop.senderEmail)?.[1] ?? shop.senderEmail,
    logoUrl: shop.logoUrl ?? "",
    accentColor: shop.accentColor,
    callCentreResetMode: shop.callCentreResetMode,
    activationTtlHours: String(Math.round(shop.activationTtlMinutes / 60)),
    contactActivationTtlHours: String(Math.round(shop.contactActivationTtlMinutes / 60)),
    resetTtlMinutes: String(shop.resetTtlMinutes),
    defaultLocale: shop.defaultLocale,
    locales: shop.locales.join(","),
  };
}

// ————— shops —————

/** The error PostgreSQL raised (drizzle wraps it as the cause), from either driver. */
function databaseError(error: unknown): { code?: string; constraint?: string } | null {
  for (let current = error as { cause?: unknown; code?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      const found = current as { code: string; constraint?: string; constraint_name?: string };
      return { code: found.code, constraint: found.constraint ?? found.constraint_name };
    }
    current = current.cause as typeof current;
  }
  return null;
}

const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";

/** Host names among `hosts` that a shop other than `shopId` uses, with that shop's name. */
async function hostsOfOtherShops(db: Db, hosts: string[], shopId: string | null): Promise<{ host: string; shopName: string }[]> {
  if (hosts.length === 0) return [];
  return db
    .select({ host: shopHosts.host, shopName: shops.name })
    .from(shopHosts)
    .innerJoin(shops, eq(shops.id, shopHosts.shopId))
    .where(and(inArray(shopHosts.host, hosts), shopId ? ne(shopHosts.shopId, shopId) : undefined))
    .orderBy(asc(shopHosts.host));
}

function hostsTaken(taken: { host: string; shopName: string }[]): FieldErrors {
  return taken.length > 0 ? { hostNames: taken.map(({ host, shopName }) => messages.hostTaken(host, shopName)) } : {};
}

/** Field errors of the form (if any) and of the database, every message kept. */
function refused(error: z.ZodError | undefined, ...more: FieldErrors[]): Invalid {
  const fieldErrors: FieldErrors = error ? { ...(z.flattenError(error).fieldErrors as FieldErrors) } : {};
  for (const errors of more) {
    for (const [field, list] of Object.entries(errors)) fieldErrors[field] = [...(fieldErrors[field] ?? []), ...list];
  }
  return { ok: false, reason: "invalid", fieldErrors, formError: messages.correctFields };
}

/**
 * What only the database can refuse: a code or host names that another shop has. Checked on what was typed even
 * when other fields are wrong, so that a person sees every message at once.
 */
async function conflicts(db: Db, input: unknown, shopId: string | null, checked?: { code?: string; hostNames: string[] }): Promise<FieldErrors> {
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const code = checked ? checked.code : typeof raw.code === "string" ? raw.code.trim().slice(0, 64) : undefined;
  const hosts =
    checked?.hostNames ?? (typeof raw.hostNames === "string" ? normaliseHosts(raw.hostNames.slice(0, 6000)).filter((host) => !hostProblem(host)).slice(0, HOSTS_MAX) : []);
  // Only a well-formed code can belong to another shop (and a malformed one, with a NUL, cannot even be compared).
  const [sameCode] = shopId === null && code && SHOP_CODE.test(code) ? await db.select({ id: shops.id }).from(shops).where(eq(shops.code, code)) : [];
  const errors = hostsTaken(await hostsOfOtherShops(db, hosts, shopId));
  return sameCode ? { code: [messages.codeTaken(code!)], ...errors } : errors;
}

type ShopColumns = Omit<typeof shops.$inferInsert, "id" | "code" | "createdAt">;

function columnsOf(values: ShopFormValues): Required<ShopColumns> {
  return {
    name: values.name,
    baseUrl: values.baseUrl,
    senderName: values.senderName,
    senderEmail: values.senderEmail,
    logoUrl: values.logoUrl,
    accentColor: values.accentColor,
    callCentreResetMode: values.callCentreResetMode,
    activationTtlMinutes: values.activationTtlHours * 60,
    contactActivationTtlMinutes: values.contactActivationTtlHours * 60,
    resetTtlMinutes: values.resetTtlMinutes,
    defaultLocale: values.defaultLocale,
    locales: values.locales,
  };
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Before → after of every field that differs (host names compared as sets). */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before[field] ?? null;
    const same = Array.isArray(to) && Array.isArray(from) ? [...to].sort().join("\n") === [...from].sort().join("\n") : from === to;
    if (!same) changes[field] = { from, to };
  }
  return changes;
}

/** Runs a host-changing write; a host that another shop took meanwhile (primary key) becomes the same message. */
async function withHostRace<T>(db: Db, hosts: string[], shopId: string | null, write: () => Promise<T>): Promise<T | Invalid> {
  try {
    return await write();
  } catch (error) {
    const cause = databaseError(error);
    if (cause?.code !== UNIQUE_VIOLATION || cause.constraint !== "shop_hosts_pkey") throw error;
    const taken = await hostsOfOtherShops(db, hosts, shopId);
    return taken.length > 0 ? refused(undefined, hostsTaken(taken)) : { ok: false, reason: "invalid", fieldErrors: {}, formError: messages.retry };
  }
}

/** Settings changes in the activity log, with what changed (before → after) in details. */
function logSetting(tx: Db, actor: SettingsActor, ip: string | null, shop: Shop, action: string, details: Record<string, unknown>) {
  return recordActivity(tx, { action, actorType: "staff", actorId: actor.id, email: actor.email, shopId: shop.id, ip, details });
}

export type CreateShopResult = { ok: true; shop: Shop } | Invalid | NotFound;

/** "New shop": only users who work in all shops may create one. */
export async function createShop(db: Db, actor: SettingsActor, input: unknown, ip: string | null): Promise<CreateShopResult> {
  if (shopScope(actor) !== null) return notFound;
  const parsed = newShopFormSchema.safeParse(input);
  const taken = await conflicts(db, input, null, parsed.data);
  if (!parsed.success || Object.keys(taken).length > 0) return refused(parsed.error, taken);
  const { code, hostNames } = parsed.data;
  const codeTaken = refused(undefined, { code: [messages.codeTaken(code)] });
  return withHostRace(db, hostNames, null, () =>
    db.transaction(async (tx): Promise<CreateShopResult> => {
      const columns = columnsOf(parsed.data);
      const [shop] = await tx.insert(shops).values({ code, ...columns }).onConflictDoNothing().returning();
      if (!shop) return codeTaken;
      await tx.insert(shopHosts).values(hostNames.map((host) => ({ host, shopId: shop.id })));
      await logSetting(tx, actor, ip, shop, "settings.shop.created", { code, changes: changesBetween({}, { ...columns, hostNames }) });
      return { ok: true, shop };
    }),
  );
}

export type UpdateShopResult = { ok: true; shop: Shop; changes: Changes } | Invalid | NotFound;

/** Saves a shop's settings and replaces its host names in one transaction; routing follows at once (no cache). */
export async function updateShop(db: Db, actor: SettingsActor, code: string, input: unknown, ip: string | null): Promise<UpdateShopResult> {
  const scope = shopScope(actor);
  const found = await findScopedShop(db, scope, code);
  if (!found) return notFound;
  const parsed = shopFormSchema.safeParse(input);
  const taken = await conflicts(db, input, found.id, parsed.data);
  if (!parsed.success || Object.keys(taken).length > 0) return refused(parsed.error, taken);
  const { hostNames } = parsed.data;
  return withHostRace(db, hostNames, found.id, () =>
    db.transaction(async (tx): Promise<UpdateShopResult> => {
      const [before] = await tx.select().from(shops).where(eq(shops.id, found.id)).for("update");
      if (!before) return notFound;
      const hostsBefore = (await hostsOf(tx, [before.id])).get(before.id) ?? [];
      const columns = columnsOf(parsed.data);
      const changes = changesBetween({ ...before, hostNames: hostsBefore }, { ...columns, hostNames });
      if (Object.keys(changes).length === 0) return { ok: true, shop: before, changes };
      const [shop] = await tx.update(shops).set(columns).where(eq(shops.id, before.id)).returning();
      if (changes.hostNames) {
        await tx.delete(shopHosts).where(eq(shopHosts.shopId, before.id));
        await tx.insert(shopHosts).values(hostNames.map((host) => ({ host, shopId: before.id })));
      }
      await logSetting(tx, actor, ip, before, "settings.shop.changed", { code: before.code, changes });
      return { ok: true, shop, changes };
    }),
  );
}

// ————— customer types —————

type TypeFailure = NotFound | Invalid | { ok: false; reason: "in-use"; customers: number; message: string };
export type CustomerTypeResult = { ok: true } | TypeFailure;

async function lockType(tx: Db, shopId: string, code: string): Promise<CustomerType | null> {
  if (typeof code !== "string" || code.length > 64) return null;
  const [type] = await tx
    .select()
    .from(customerTypes)
    .where(and(eq(customerTypes.shopId, shopId), eq(customerTypes.code, code)))
    .for("update");
  return type ?? null;
}

/**
 * "Add customer type": off for self-registration until someone turns it on, with a form holding the e-mail
 * attribute (the one every form needs), so that nothing half-made appears on the storefront.
 */
export async function addCustomerType(db: Db, actor: SettingsActor, shopCode: string, input: unknown, ip: string | null): Promise<CustomerTypeResult> {
  const shop = await findScopedShop(db, shopScope(actor), shopCode);
  if (!shop) return notFound;
  const parsed = newCustomerTypeSchema.safeParse(input);
  if (!parsed.success) return refused(parsed.error);
  const { code, name } = parsed.data;
  const taken = refused(undefined, { code: [messages.typeCodeTaken(code)] });
  try {
    return await db.transaction(async (tx): Promise<CustomerTypeResult> => {
      await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shop.id)).for("update");
      const [same] = await tx
        .select({ code: customerTypes.code })
        .from(customerTypes)
        .where(and(eq(customerTypes.shopId, shop.id), sql`lower(${customerTypes.code}) = ${code.toLowerCase()}`));
      if (same) return taken;
      const [last] = await tx.select({ position: max(customerTypes.position) }).from(customerTypes).where(eq(customerTypes.shopId, shop.id));
      await tx.insert(customerTypes).values({ shopId: shop.id, code, name, selfRegistration: false, position: (last?.position ?? -1) + 1 });
      const [email] = await tx
        .select({ code: attributeDefinitions.code })
        .from(attributeDefinitions)
        .where(eq(attributeDefinitions.valueKind, "email"))
        .orderBy(asc(attributeDefinitions.code))
        .limit(1);
      if (email) await tx.insert(registrationAttributes).values({ shopId: shop.id, customerType: code, attributeCode: email.code, position: 0 });
      await logSetting(tx, actor, ip, shop, "settings.customer-type.added", { customerType: code, name, attributes: email ? [email.code] : [] });
      return { ok: true };
    });
  } catch (error) {
    if (databaseError(error)?.code === UNIQUE_VIOLATION) return taken;
    throw error;
  }
}

/** A type's "Name" and "Self-registration". */
export async function updateCustomerType(
  db: Db,
  actor: SettingsActor,
  shopCode: string,
  typeCode: string,
  input: unknown,
  ip: string | null,
): Promise<CustomerTypeResult> {
  const shop = await findScopedShop(db, shopScope(actor), shopCode);
  if (!shop) return notFound;
  const parsed = customerTypeSchema.safeParse(input);
  if (!parsed.success) return refused(parsed.error);
  return db.transaction(async (tx): Promise<CustomerTypeResult> => {
    const type = await lockType(tx, shop.id, typeCode);
    if (!type) return notFound;
    const changes = changesBetween(type, parsed.data);
    if (Object.keys(changes).length === 0) return { ok: true };
    await tx
      .update(customerTypes)
      .set(parsed.data)
      .where(and(eq(customerTypes.shopId, shop.id), eq(customerTypes.code, type.code)));
    await logSetting(tx, actor, ip, shop, "settings.customer-type.changed", { customerType: type.code, changes });
    return { ok: true };
  });
}

/** Removes a type and its form; refused while customers belong to it (also when one registers meanwhile). */
export async function removeCustomerType(db: Db, actor: SettingsActor, shopCode: string, typeCode: string, ip: string | null): Promise<CustomerTypeResult> {
  const shop = await findScopedShop(db, shopScope(actor), shopCode);
  if (!shop) return notFound;
  const inUse = (customers: number): TypeFailure => ({ ok: false, reason: "in-use", customers, message: messages.typeInUse(customers) });
  const belonging = async (tx: Db, code: string) =>
    (await tx.select({ n: count() }).from(customers).where(and(eq(customers.shopId, shop.id), eq(customers.customerType, code))))[0]?.n ?? 0;
  try {
    return await db.transaction(async (tx): Promise<CustomerTypeResult> => {
      const type = await lockType(tx, shop.id, typeCode);
      if (!type) return notFound;
      const attributes = await formCodes(tx, shop.id, type.code);
      const members = await belonging(tx, type.code);
      if (members > 0) return inUse(members);
      await tx.delete(customerTypes).where(and(eq(customerTypes.shopId, shop.id), eq(customerTypes.code, type.code)));
      await logSetting(tx, actor, ip, shop, "settings.customer-type.removed", { customerType: type.code, name: type.name, attributes });
      return { ok: true };
    });
  } catch (error) {
    if (databaseError(error)?.code === FOREIGN_KEY_VIOLATION) return inUse(Math.max(1, await belonging(db, typeCode)));
    throw error;
  }
}

// ————— registration forms —————

async function formCodes(tx: Db, shopId: string, customerType: string): Promise<string[]> {
  const rows = await tx
    .select({ code: registrationAttributes.attributeCode })
    .from(registrationAttributes)
    .where(and(eq(registrationAttributes.shopId, shopId), eq(registrationAttributes.customerType, customerType)))
    .orderBy(asc(registrationAttributes.position));
  return rows.map((row) => row.code);
}

export type SaveFormResult =
  | { ok: true; codes: string[]; mode: PasswordMode; changed: boolean }
  | NotFound
  | { ok: false; reason: "invalid"; problems: string[] };

/**
 * "Save form": replaces a type's ordered registration attributes (YesCart's SHOP_CREGATTRS_<TYPE>) in one
 * transaction. The password mode is not stored: it follows from the form whenever it matters.
 */
export async function saveRegistrationForm(
  db: Db,
  actor: SettingsActor,
  shopCode: string,
  typeCode: string,
  posted: unknown,
  ip: string | null,
): Promise<SaveFormResult> {
  const shop = await findScopedShop(db, shopScope(actor), shopCode);
  if (!shop) return notFound;
  const codes = postedCodes(Array.isArray(posted) ? posted : []);
  const definitions = await listDefinitionSummaries(db);
  const problems = registrationFormProblems(codes, definitions);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  const kinds = codes.map((code) => ({ valueKind: definitions.find((definition) => definition.code === code)!.valueKind }));
  try {
    return await db.transaction(async (tx): Promise<SaveFormResult> => {
      const type = await lockType(tx, shop.id, typeCode);
      if (!type) return notFound;
      const before = await formCodes(tx, shop.id, type.code);
      const mode = passwordMode(kinds);
      if (before.join("\n") === codes.join("\n")) return { ok: true, codes, mode, changed: false };
      const where = and(eq(registrationAttributes.shopId, shop.id), eq(registrationAttributes.customerType, type.code));
      await tx.delete(registrationAttributes).where(where);
      await tx
        .insert(registrationAttributes)
        .values(codes.map((attributeCode, position) => ({ shopId: shop.id, customerType: type.code, attributeCode, position })));
      const beforeMode = passwordMode(definitions.filter((definition) => before.includes(definition.code)));
      await logSetting(tx, actor, ip, shop, "settings.registration-form.changed", {
        customerType: type.code,
        from: before,
        to: codes,
        ...(beforeMode !== mode ? { mode: { from: beforeMode, to: mode } } : {}),
      });
      return { ok: true, codes, mode, changed: true };
    });
  } catch (error) {
    // A definition deleted meanwhile.
    if (databaseError(error)?.code === FOREIGN_KEY_VIOLATION) {
      const known = new Set((await listDefinitionSummaries(db)).map((definition) => definition.code));
      return { ok: false, reason: "invalid", problems: codes.filter((code) => !known.has(code)).map((code) => messages.formUnknown(code)) };
    }
    throw error;
  }
}
