import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { attributeDefinitions, customerTypes, registrationAttributes, shops, type AttributeDefinition, type StaffUser } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { checkPattern } from "@/lib/passwords/pattern-check";
import { inShopScope, shopScope, type ShopScope } from "@/lib/staff/scope";
import { attributeChangeSchema, newAttributeSchema, type AttributeChange } from "./attributes-form";
import { formKindProblems, valueKindMaxLength, type FieldErrors, type ValueKind } from "./registration-form";
import { problemCode } from "./settings-messages";
import { nested } from "@/i18n/message-code";

/**
 * Settings › Attribute definitions (SPEC §4). Definitions are shared by every shop; a business user limited to some
 * shops may create them, and change or delete those that no form of a shop outside their scope uses.
 */
/** Problem codes (./settings-messages.ts), worded by the page. */
export const attributeMessages = {
  duplicate: (existing: string) => problemCode("attributeTaken", { code: existing }),
  notFound: problemCode("attributeNotFound"),
  inUse: (forms: number) => problemCode("attributeInUse", { forms }),
  outOfScope: problemCode("attributeOutOfScope"),
  breaksForm: (form: string, problem: string) => problemCode("attributeBreaksForm", { form, problem: nested(problem) }),
} as const;

export type AttributeActor = Pick<StaffUser, "id" | "email" | "shopIds">;

/** A registration form (shop and customer type) that uses a definition. */
export type AttributeUse = { attributeCode: string; shopId: string; shopName: string; customerType: string; customerTypeName: string };

export type AttributeRow = AttributeDefinition & {
  /** Forms of the actor's shops that use it. */
  forms: AttributeUse[];
  /** Whether a form of a shop outside the actor's scope uses it: then it cannot be changed by them. */
  usedOutsideScope: boolean;
};

export type AttributeResult =
  | { ok: true; definition: AttributeDefinition }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "not-found" | "out-of-scope" | "in-use" | "breaks-form"; message: string };

/** A refusal that is not about one field. */
export type AttributeRefusal = Extract<AttributeResult, { reason: "not-found" | "out-of-scope" | "in-use" | "breaks-form" }>;

const fail = (reason: AttributeRefusal["reason"], message: string): AttributeRefusal => ({ ok: false, reason, message });

async function usesOf(db: Db, code?: string): Promise<AttributeUse[]> {
  return db
    .select({
      attributeCode: registrationAttributes.attributeCode,
      shopId: registrationAttributes.shopId,
      shopName: shops.name,
      customerType: registrationAttributes.customerType,
      customerTypeName: customerTypes.name,
    })
    .from(registrationAttributes)
    .innerJoin(shops, eq(shops.id, registrationAttributes.shopId))
    .innerJoin(
      customerTypes,
      sql`${customerTypes.shopId} = ${registrationAttributes.shopId} and ${customerTypes.code} = ${registrationAttributes.customerType}`,
    )
    .where(code === undefined ? undefined : eq(registrationAttributes.attributeCode, code))
    .orderBy(asc(shops.name), asc(customerTypes.position), asc(customerTypes.code));
}

function withUses(definition: AttributeDefinition, uses: AttributeUse[], scope: ShopScope): AttributeRow {
  const own = uses.filter((use) => use.attributeCode === definition.code);
  return {
    ...definition,
    forms: own.filter((use) => inShopScope(scope, use.shopId)),
    usedOutsideScope: own.some((use) => !inShopScope(scope, use.shopId)),
  };
}

export async function listAttributeDefinitions(db: Db, actor: Pick<StaffUser, "shopIds">): Promise<AttributeRow[]> {
  const [definitions, uses] = await Promise.all([
    db.select().from(attributeDefinitions).orderBy(sql`lower(${attributeDefinitions.code})`),
    usesOf(db),
  ]);
  return definitions.map((definition) => withUses(definition, uses, shopScope(actor)));
}

/** One definition by its exact code, with the forms of the actor's shops that use it; null for an unknown code. */
export async function findAttributeDefinition(db: Db, actor: Pick<StaffUser, "shopIds">, code: string): Promise<AttributeRow | null> {
  if (code.length > 40) return null;
  const [definition] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.code, code));
  return definition ? withUses(definition, await usesOf(db, code), shopScope(actor)) : null;
}

function flatten(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** The pattern is checked like MANAGER_PASSWORD_REGEX: compiles, cannot stall, and leaves room for generated passwords. */
function patternErrors(change: AttributeChange): FieldErrors | null {
  if (!change.regex) return null;
  const verdict = checkPattern(change.regex, {
    generatedPasswords: change.valueKind === "password",
    maxLength: valueKindMaxLength[change.valueKind],
  });
  return verdict.ok ? null : { regex: [verdict.message] };
}

function stored(change: AttributeChange) {
  return {
    label: change.label,
    valueKind: change.valueKind,
    required: change.required,
    regex: change.regex || null,
    regexMessage: change.regexMessage || null,
  };
}

type Stored = ReturnType<typeof stored>;
const storedFields = ["label", "valueKind", "required", "regex", "regexMessage"] as const;

/** Locks a definition row, so that changes to it (and the forms' foreign keys to it) happen one at a time. */
async function lockDefinition(tx: Db, code: string): Promise<AttributeDefinition | null> {
  if (code.length > 40) return null;
  const [definition] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.code, code)).for("update");
  return definition ?? null;
}

export async function createAttributeDefinition(db: Db, actor: AttributeActor, input: unknown, ip: string | null): Promise<AttributeResult> {
  const parsed = newAttributeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: flatten(parsed.error) };
  const { code, ...change } = parsed.data;
  const patternProblem = patternErrors(change);
  if (patternProblem) return { ok: false, reason: "invalid", fieldErrors: patternProblem };
  return db.transaction(async (tx): Promise<AttributeResult> => {
    // Codes are unique regardless of case, which the primary key alone does not ensure: one creation at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('attribute_definitions'))`);
    const [existing] = await tx
      .select({ code: attributeDefinitions.code })
      .from(attributeDefinitions)
      .where(sql`lower(${attributeDefinitions.code}) = lower(${code})`);
    if (existing) return { ok: false, reason: "invalid", fieldErrors: { code: [attributeMessages.duplicate(existing.code)] } };
    const [definition] = await tx
      .insert(attributeDefinitions)
      .values({ code, ...stored(change) })
      .returning();
    await recordActivity(tx, {
      action: "settings.attribute.created",
      actorType: "staff",
      actorId: actor.id,
      email: actor.email,
      ip,
      details: { code, to: stored(change) },
    });
    return { ok: true, definition };
  });
}

/** The forms (in any shop) that would break SPEC §4's form rules if the definition had another value kind. */
async function kindChangeProblem(tx: Db, code: string, valueKind: ValueKind): Promise<string | null> {
  const forms = await tx
    .select({
      shopId: registrationAttributes.shopId,
      shopName: shops.name,
      customerType: registrationAttributes.customerType,
      attributeCode: registrationAttributes.attributeCode,
      valueKind: attributeDefinitions.valueKind,
    })
    .from(registrationAttributes)
    .innerJoin(attributeDefinitions, eq(attributeDefinitions.code, registrationAttributes.attributeCode))
    .innerJoin(shops, eq(shops.id, registrationAttributes.shopId))
    .where(
      sql`(${registrationAttributes.shopId}, ${registrationAttributes.customerType}) in (
        select shop_id, customer_type from registration_attributes where attribute_code = ${code})`,
    );
  const byForm = new Map<string, typeof forms>();
  for (const row of forms) {
    const key = `${row.shopId} ${row.customerType}`;
    byForm.set(key, [...(byForm.get(key) ?? []), row]);
  }
  for (const rows of byForm.values()) {
    const [problem] = formKindProblems(rows.map((row) => (row.attributeCode === code ? valueKind : row.valueKind)));
    if (problem) return attributeMessages.breaksForm(`${rows[0].shopName} · ${rows[0].customerType}`, problem);
  }
  return null;
}

export async function updateAttributeDefinition(
  db: Db,
  actor: AttributeActor,
  code: string,
  input: unknown,
  ip: string | null,
): Promise<AttributeResult> {
  const parsed = attributeChangeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: flatten(parsed.error) };
  const patternProblem = patternErrors(parsed.data);
  if (patternProblem) return { ok: false, reason: "invalid", fieldErrors: patternProblem };
  const next = stored(parsed.data);
  return db.transaction(async (tx): Promise<AttributeResult> => {
    const definition = await lockDefinition(tx, code);
    if (!definition) return fail("not-found", attributeMessages.notFound);
    const row = withUses(definition, await usesOf(tx, code), shopScope(actor));
    if (row.usedOutsideScope) return fail("out-of-scope", attributeMessages.outOfScope);
    if (next.valueKind !== definition.valueKind) {
      const problem = await kindChangeProblem(tx, code, next.valueKind);
      if (problem) return fail("breaks-form", problem);
    }
    const changed = storedFields.filter((field) => next[field] !== definition[field]);
    if (changed.length === 0) return { ok: true, definition };
    const [updated] = await tx.update(attributeDefinitions).set(next).where(eq(attributeDefinitions.code, code)).returning();
    const pick = (values: Stored | AttributeDefinition) => Object.fromEntries(changed.map((field) => [field, values[field]]));
    await recordActivity(tx, {
      action: "settings.attribute.changed",
      actorType: "staff",
      actorId: actor.id,
      email: actor.email,
      ip,
      details: { code, from: pick(definition), to: pick(next) },
    });
    return { ok: true, definition: updated };
  });
}

/** PostgreSQL's foreign_key_violation, wherever the driver put it (drizzle wraps the driver's error). */
function isForeignKeyViolation(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === "23503") return true;
  }
  return false;
}

/** Deletes a definition that no registration form uses. */
export async function deleteAttributeDefinition(
  db: Db,
  actor: AttributeActor,
  code: string,
  ip: string | null,
): Promise<{ ok: true; definition: AttributeDefinition } | AttributeRefusal> {
  try {
    return await db.transaction(async (tx): Promise<{ ok: true; definition: AttributeDefinition } | AttributeRefusal> => {
      const definition = await lockDefinition(tx, code);
      if (!definition) return fail("not-found", attributeMessages.notFound);
      const uses = await usesOf(tx, code);
      const row = withUses(definition, uses, shopScope(actor));
      if (row.usedOutsideScope) return fail("out-of-scope", attributeMessages.outOfScope);
      if (uses.length > 0) return fail("in-use", attributeMessages.inUse(uses.length));
      await tx.delete(attributeDefinitions).where(eq(attributeDefinitions.code, code));
      await recordActivity(tx, {
        action: "settings.attribute.deleted",
        actorType: "staff",
        actorId: actor.id,
        email: actor.email,
        ip,
        details: { code, from: Object.fromEntries(storedFields.map((field) => [field, definition[field]])) },
      });
      return { ok: true, definition };
    });
  } catch (error) {
    // A form that started using it in the meantime: the foreign key refuses, as the check above would have.
    if (isForeignKeyViolation(error)) return fail("in-use", attributeMessages.inUse(1));
    throw error;
  }
}
