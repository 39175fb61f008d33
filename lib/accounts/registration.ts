import { z } from "zod";
import type { Db } from "@/db/client";
import type { Locale } from "@/i18n/locales";
import { customers, type Shop } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { hitLimit, limits } from "@/lib/limits";
import { isCommonPassword } from "@/lib/passwords/common";
import { hashPassword } from "@/lib/passwords/hash";
import { registrationAttributesOf, selfRegistrationTypes } from "@/lib/shops";
import {
  customerFields,
  passwordMode,
  registrationSchema,
  type FieldErrors,
  type FormAttribute,
  type RegistrationValues,
} from "@/lib/shops/registration-form";
import {
  findCustomerForUpdate,
  isDoubleSubmit,
  mayEmail,
  queueCustomerEmail,
  runOrDefer,
  sendActivationEmail,
  type Defer,
} from "./customers";

/** `locale`: the storefront's language for this request, stored as the customer's for every later e-mail (SPEC §9). */
export type RegistrationInput = { customerType: string; values: Record<string, unknown>; ip: string | null; locale?: Locale };

export type RegistrationResult =
  | { ok: true }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors; values: RegistrationValues }
  | { ok: false; reason: "unknown-customer-type" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number; values: RegistrationValues };

const secretKinds = new Set(["password", "confirmPassword"]);

/** What the form may show again after an error: everything the person typed except passwords. */
function echoValues(attributes: FormAttribute[], values: Record<string, unknown>): RegistrationValues {
  return Object.fromEntries(
    attributes
      .filter((attribute) => !secretKinds.has(attribute.valueKind))
      .map((attribute) => {
        const value = values[attribute.code];
        return [attribute.code, typeof value === "string" ? value.slice(0, 300) : ""];
      }),
  );
}

type Registration = {
  customerType: string;
  email: string;
  firstName: string;
  lastName: string;
  attributes: Record<string, string>;
  password: string | null;
  ip: string | null;
  locale: Locale;
};

/**
 * Self-registration (SPEC §3). Only the form's own problems and the per-client limit are answered; what happens
 * to the e-mail address (new, pending or active) is decided after the response, by `defer`, so that neither the
 * answer nor its timing tells whether an account exists.
 */
export async function registerCustomer(
  db: Db,
  shop: Shop,
  input: RegistrationInput,
  options: { now?: Date; defer?: Defer; wording?: (attribute: FormAttribute) => FormAttribute } = {},
): Promise<RegistrationResult> {
  const types = await selfRegistrationTypes(db, shop.id);
  if (!types.some((type) => type.code === input.customerType)) return { ok: false, reason: "unknown-customer-type" };

  // The shop's words as the page showed them (its language), so that a refusal says what the form said.
  const attributes = (await registrationAttributesOf(db, shop.id, input.customerType)).map(options.wording ?? ((attribute) => attribute));
  const parsed = registrationSchema(attributes, isCommonPassword).safeParse(input.values);
  if (!parsed.success) {
    return {
      ok: false,
      reason: "invalid",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      values: echoValues(attributes, input.values),
    };
  }
  const limit = await hitLimit(db, limits.registrationsPerAddress, input.ip);
  if (!limit.ok) {
    return { ok: false, reason: "throttled", retryAfterSeconds: limit.retryAfterSeconds, values: echoValues(attributes, input.values) };
  }

  const values = parsed.data as Record<string, string>;
  const password = values[attributes.find((attribute) => attribute.valueKind === "password")?.code ?? ""] ?? "";
  const registration: Registration = {
    customerType: input.customerType,
    ...customerFields(attributes, values),
    password: passwordMode(attributes) === "user-controlled" ? password : null,
    ip: input.ip,
    locale: input.locale ?? shop.defaultLocale,
  };
  await runOrDefer(options.defer, () => storeRegistration(db, shop, registration, options.now ?? new Date()));
  return { ok: true };
}

/** New e-mail: a pending customer and the activation e-mail. Pending: a fresh link. Active: "account exists". */
async function storeRegistration(db: Db, shop: Shop, registration: Registration, now: Date): Promise<void> {
  const passwordHash = registration.password === null ? null : await hashPassword(registration.password);
  const { email, ip } = registration;
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(customers)
      .values({
        shopId: shop.id,
        customerType: registration.customerType,
        email,
        firstName: registration.firstName,
        lastName: registration.lastName,
        attributes: registration.attributes,
        passwordHash,
        locale: registration.locale,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await recordActivity(tx, { action: "customer.registered", actorType: "anonymous", shopId: shop.id, customerId: created.id, email, ip });
      if (await mayEmail(tx, shop, email, ip)) await sendActivationEmail(tx, shop, created, now);
      return;
    }

    const existing = await findCustomerForUpdate(tx, shop.id, email);
    if (!existing || existing.status === "disabled") return;
    const type = existing.status === "pending" ? "storefront-account-activation" : "storefront-account-exists";
    if (await isDoubleSubmit(tx, existing.id, type, now)) return;
    await recordActivity(tx, {
      action: "customer.registration-repeated",
      actorType: "anonymous",
      shopId: shop.id,
      customerId: existing.id,
      email,
      ip,
      details: { status: existing.status },
    });
    if (!(await mayEmail(tx, shop, email, ip))) return;
    if (existing.status === "pending") {
      await sendActivationEmail(tx, shop, existing, now);
      return;
    }
    await queueCustomerEmail(tx, shop, existing, "storefront-account-exists", {
      link: `${shop.baseUrl}/login`,
      resetLink: `${shop.baseUrl}/forgot-password`,
    });
  });
}
