import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, type Shop } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { enqueueEmail } from "@/lib/mail/outbox";
import { hashPassword } from "@/lib/passwords/hash";
import { registrationAttributesOf, selfRegistrationTypes, shopBranding } from "@/lib/shops";
import {
  passwordMode,
  registrationSchema,
  type FieldErrors,
  type FormAttribute,
  type RegistrationValues,
} from "@/lib/shops/registration-form";
import { findCustomerForUpdate, queuedRecently, recipientOf, sendActivationEmail } from "./customers";

export type RegistrationInput = { customerType: string; values: Record<string, unknown>; ip: string | null };

export type RegistrationResult =
  | { ok: true }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors; values: RegistrationValues }
  | { ok: false; reason: "unknown-customer-type" };

const secretKinds = new Set(["password", "confirmPassword"]);

/** What the form may show again after an error: everything the person typed except passwords. */
function echoValues(attributes: FormAttribute[], values: Record<string, unknown>): RegistrationValues {
  return Object.fromEntries(
    attributes
      .filter((attribute) => !secretKinds.has(attribute.valueKind))
      .map((attribute) => [attribute.code, typeof values[attribute.code] === "string" ? String(values[attribute.code]).slice(0, 300) : ""]),
  );
}

/**
 * Self-registration (SPEC §3). The answer is the same whether the e-mail is new, pending or active; only the
 * e-mail that goes out differs: activation for new and pending accounts, "account already exists" for active ones.
 */
export async function registerCustomer(
  db: Db,
  shop: Shop,
  input: RegistrationInput,
  now = new Date(),
): Promise<RegistrationResult> {
  const types = await selfRegistrationTypes(db, shop.id);
  if (!types.some((type) => type.code === input.customerType)) return { ok: false, reason: "unknown-customer-type" };

  const attributes = await registrationAttributesOf(db, shop.id, input.customerType);
  const parsed = registrationSchema(attributes).safeParse(input.values);
  if (!parsed.success) {
    return {
      ok: false,
      reason: "invalid",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      values: echoValues(attributes, input.values),
    };
  }

  const values = parsed.data as Record<string, string>;
  const valueOf = (kind: string) => values[attributes.find((attribute) => attribute.valueKind === kind)?.code ?? ""] ?? "";
  const email = valueOf("email");
  const extra = Object.fromEntries(
    attributes
      .filter((a) => a.valueKind !== "email" && !secretKinds.has(a.valueKind) && !["firstName", "lastName"].includes(a.code))
      .map((a) => [a.code, values[a.code] ?? ""]),
  );
  // Hash before looking anything up, so that new, pending and active e-mails cost the same time.
  const passwordHash = passwordMode(attributes) === "user-controlled" ? await hashPassword(valueOf("password")) : null;

  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(customers)
      .values({
        shopId: shop.id,
        customerType: input.customerType,
        email,
        firstName: values.firstName ?? "",
        lastName: values.lastName ?? "",
        attributes: extra,
        passwordHash,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await sendActivationEmail(tx, shop, created, now);
      await recordActivity(tx, {
        action: "customer.registered",
        actorType: "anonymous",
        shopId: shop.id,
        customerId: created.id,
        email,
        ip: input.ip,
      });
      return;
    }

    const existing = await findCustomerForUpdate(tx, shop.id, email);
    if (!existing || existing.status === "disabled") return;
    const type = existing.status === "pending" ? "storefront-account-activation" : "storefront-account-exists";
    if (await queuedRecently(tx, existing.id, type, now)) return;
    await recordActivity(tx, {
      action: "customer.registration-repeated",
      actorType: "anonymous",
      shopId: shop.id,
      customerId: existing.id,
      email,
      ip: input.ip,
      details: { status: existing.status },
    });
    if (existing.status === "pending") {
      await sendActivationEmail(tx, shop, existing, now);
      return;
    }
    await enqueueEmail(tx, {
      type: "storefront-account-exists",
      shopId: shop.id,
      customerId: existing.id,
      to: existing.email,
      props: {
        shop: shopBranding(shop),
        recipient: recipientOf(existing),
        link: `${shop.baseUrl}/login`,
        resetLink: `${shop.baseUrl}/forgot-password`,
      },
    });
  });
  return { ok: true };
}
