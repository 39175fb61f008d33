import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, type Customer, type Shop } from "@/db/schema";
import { customerEntry, recordActivity } from "@/lib/activity";
import type { AdditionalData } from "@/lib/mail/notifications";
import { isCommonPassword } from "@/lib/passwords/common";
import { generatePassword, hashPassword } from "@/lib/passwords/hash";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { registrationAttributesOf } from "@/lib/shops";
import { newPasswordSchema, passwordMode, type FieldErrors, type PasswordMode } from "@/lib/shops/registration-form";
import { issueAccountToken, markTokenUsed } from "@/lib/tokens";
import { endAllCustomerSessions } from "./sessions";
import {
  findCustomerForUpdate,
  isDoubleSubmit,
  lockTokenAndCustomer,
  mayEmail,
  peekTokenAndCustomer,
  queueCustomerEmail,
  runOrDefer,
  sendActivationEmail,
  type Defer,
} from "./customers";

/** Issues a reset link (superseding older ones) and queues Storefront user password reset. */
export async function sendResetEmail(
  tx: Db,
  shop: Shop,
  customer: Customer,
  now: Date,
  additionalData: AdditionalData,
): Promise<void> {
  const { token, expiresAt } = await issueAccountToken(tx, {
    customerId: customer.id,
    email: customer.email,
    purpose: "reset",
    ttlMinutes: shop.resetTtlMinutes,
    now,
  });
  await queueCustomerEmail(tx, shop, customer, "storefront-password-reset", {
    link: `${shop.baseUrl}/reset-password/${token}`,
    expiresAt: expiresAt.toISOString(),
    additionalData,
  });
}

/**
 * Forgot password and My account (SPEC §3, YesCart's two-step reset): an active account gets a reset link, a
 * pending one the activation e-mail instead, any other address nothing. Decided after the response (`defer`).
 */
export function requestPasswordReset(
  db: Db,
  shop: Shop,
  email: string,
  ip: string | null,
  options: { now?: Date; defer?: Defer } = {},
): Promise<void> {
  return emailAccountLink(db, shop, email, ip, { ...options, resetActive: true });
}

/**
 * The anonymous "e-mail me a link" requests (forgot password, resend activation): pending accounts get a fresh
 * activation link, active ones a reset link when `resetActive`, every other address nothing. Repeats within the
 * duplicate window and requests over the e-mail limits send nothing either; the caller answers the same always.
 */
export async function emailAccountLink(
  db: Db,
  shop: Shop,
  email: string,
  ip: string | null,
  options: { now?: Date; defer?: Defer; resetActive: boolean },
): Promise<void> {
  const now = options.now ?? new Date();
  await runOrDefer(options.defer, () =>
    db.transaction(async (tx) => {
      const customer = await findCustomerForUpdate(tx, shop.id, email);
      const pending = customer?.status === "pending";
      if (!customer || !(pending || (options.resetActive && customer.status === "active"))) return;
      const type = pending ? "storefront-account-activation" : "storefront-password-reset";
      if (await isDoubleSubmit(tx, customer.id, type, now)) return;
      await recordActivity(tx, {
        action: pending ? "customer.activation-resent" : "customer.password-reset-requested",
        actorType: "anonymous",
        shopId: shop.id,
        customerId: customer.id,
        email: customer.email,
        ip,
      });
      if (!(await mayEmail(tx, shop, customer.email, ip))) return;
      if (pending) await sendActivationEmail(tx, shop, customer, now);
      else await sendResetEmail(tx, shop, customer, now, { callCentrePasswordReset: false });
    }),
  );
}

async function passwordRules(db: Db, customer: Customer): Promise<{ mode: PasswordMode; policy: PasswordPolicy }> {
  const attributes = await registrationAttributesOf(db, customer.shopId, customer.customerType);
  return {
    mode: passwordMode(attributes),
    policy: attributes.find((attribute) => attribute.valueKind === "password") ?? {},
  };
}

export type ResetLink = { ok: true; mode: PasswordMode; email: string; policy: PasswordPolicy } | { ok: false };

/** What a reset link will do, without using it: the page's GET changes nothing (mail scanners follow links). */
export async function inspectResetLink(db: Db, shop: Shop, token: string, now = new Date()): Promise<ResetLink> {
  const found = await peekTokenAndCustomer(db, shop, token, "reset", now);
  if (!found || found.customer.status !== "active") return { ok: false };
  const { mode, policy } = await passwordRules(db, found.customer);
  return { ok: true, mode, email: found.customer.email, policy: { regex: policy.regex, regexMessage: policy.regexMessage } };
}

export type ResetResult =
  | { ok: true; generated: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rejected"; fieldErrors: FieldErrors };

/**
 * Uses a reset link. The mode is evaluated now: user-controlled takes the new password from the form, automatic
 * generates one and e-mails it. Either way every session of the customer ends and the link cannot be used again.
 */
export async function resetPassword(
  db: Db,
  shop: Shop,
  token: string,
  input: { password?: unknown; confirmPassword?: unknown },
  ip: string | null,
  now = new Date(),
): Promise<ResetResult> {
  return db.transaction(async (tx): Promise<ResetResult> => {
    const found = await lockTokenAndCustomer(tx, shop, token, "reset", now);
    if (!found || found.customer.status !== "active") return { ok: false, reason: "invalid" };
    const { row, customer } = found;
    const { mode, policy } = await passwordRules(tx, customer);

    let password: string;
    if (mode === "user-controlled") {
      const parsed = newPasswordSchema(policy, customer.email, isCommonPassword).safeParse(input);
      if (!parsed.success) {
        return { ok: false, reason: "rejected", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
      }
      password = parsed.data.password;
    } else {
      password = generatePassword(policy);
    }

    await tx
      .update(customers)
      .set({ passwordHash: await hashPassword(password), sessionVersion: sql`${customers.sessionVersion} + 1` })
      .where(eq(customers.id, customer.id));
    await endAllCustomerSessions(tx, customer.id);
    await markTokenUsed(tx, row.id, now);
    await queueCustomerEmail(tx, shop, customer, "reset-password-successful", {
      link: `${shop.baseUrl}/login`,
      ...(mode === "automatic" ? { password } : {}),
      additionalData: { callCentrePasswordReset: false },
    });
    await recordActivity(tx, customerEntry(customer, "customer.password-reset", ip, { generatedPassword: mode === "automatic" }));
    return { ok: true, generated: mode === "automatic" };
  });
}
