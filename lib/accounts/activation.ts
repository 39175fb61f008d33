import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, type Customer, type Shop } from "@/db/schema";
import { customerEntry, recordActivity } from "@/lib/activity";
import { isCommonPassword } from "@/lib/passwords/common";
import { generatePassword, hashPassword } from "@/lib/passwords/hash";
import type { PasswordPolicy } from "@/lib/passwords/policy";
import { registrationAttributesOf } from "@/lib/shops";
import { newPasswordSchema, passwordMode, type FieldErrors, type FormAttribute } from "@/lib/shops/registration-form";
import { markTokenUsed, tokenState } from "@/lib/tokens";
import {
  lockTokenAndCustomer,
  peekTokenAndCustomer,
  queueCustomerEmail,
  type Defer,
} from "./customers";
import { emailAccountLink } from "./password-reset";

export type ActivationResult =
  | { ok: true; customer: Customer; generatedPassword: boolean }
  | { ok: false; reason: "already-active" | "invalid" | "needs-password" }
  | { ok: false; reason: "rejected"; fieldErrors: FieldErrors };

/** "New password" and "Confirm password" from the set-password step (contacts created in the back office). */
export type ChosenPassword = { password?: unknown; confirmPassword?: unknown };

/**
 * Uses an activation link (SPEC §3). The password mode is evaluated now, not when the link was sent: a customer
 * without a password gets a generated one in automatic mode, and in user-controlled mode must choose one
 * (`chosen`) before the account is activated.
 */
export async function activateAccount(
  db: Db,
  shop: Shop,
  token: string,
  ip: string | null,
  { chosen, now = new Date() }: { chosen?: ChosenPassword; now?: Date } = {},
): Promise<ActivationResult> {
  return db.transaction(async (tx): Promise<ActivationResult> => {
    const found = await lockTokenAndCustomer(tx, shop, token, "activation", now, { usableOnly: false });
    if (!found) return { ok: false, reason: "invalid" };
    const { row, customer } = found;
    if (customer.status === "active" && (row.usedAt || tokenState(row, now) === "usable")) {
      return { ok: false, reason: "already-active" };
    }
    if (customer.status !== "pending" || tokenState(row, now) !== "usable") return { ok: false, reason: "invalid" };

    const attributes = await registrationAttributesOf(tx, shop.id, customer.customerType);
    const policy = passwordPolicyOf(attributes);
    let password: string | undefined;
    let newHash: string | undefined;
    if (!customer.passwordHash) {
      if (passwordMode(attributes) === "user-controlled") {
        if (!chosen) return { ok: false, reason: "needs-password" };
        const parsed = newPasswordSchema(policy, customer.email, isCommonPassword).safeParse(chosen);
        if (!parsed.success) {
          return { ok: false, reason: "rejected", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
        }
        newHash = await hashPassword(parsed.data.password);
      } else {
        password = generatePassword(policy);
        newHash = await hashPassword(password);
      }
    }

    const [activated] = await tx
      .update(customers)
      .set({ status: "active", activatedAt: now, ...(newHash ? { passwordHash: newHash } : {}) })
      .where(eq(customers.id, customer.id))
      .returning();
    await markTokenUsed(tx, row.id, now);
    await queueCustomerEmail(tx, shop, customer, "activation-successful", {
      link: `${shop.baseUrl}/login`,
      ...(password ? { password } : {}),
    });
    await recordActivity(
      tx,
      customerEntry(customer, "customer.activated", ip, { generatedPassword: Boolean(password), chosenPassword: Boolean(chosen && !password) }),
    );
    return { ok: true, customer: activated, generatedPassword: Boolean(password) };
  });
}

function passwordPolicyOf(attributes: FormAttribute[]): PasswordPolicy {
  const definition = attributes.find((attribute) => attribute.valueKind === "password");
  return definition ? { regex: definition.regex, regexMessage: definition.regexMessage } : {};
}

/** What the set-password step needs to show: the address and the policy of the shop's password field. */
export async function inspectActivationLink(
  db: Db,
  shop: Shop,
  token: string,
  now = new Date(),
): Promise<{ ok: true; email: string; policy: PasswordPolicy } | { ok: false }> {
  const found = await peekTokenAndCustomer(db, shop, token, "activation", now);
  if (!found || found.customer.status !== "pending") return { ok: false };
  const attributes = await registrationAttributesOf(db, shop.id, found.customer.customerType);
  return { ok: true, email: found.customer.email, policy: passwordPolicyOf(attributes) };
}

/**
 * "Resend activation email": a fresh link for a pending account, nothing for any other, decided after the
 * response (`defer`). The caller answers the same whatever happens here (no enumeration).
 */
export function resendActivation(
  db: Db,
  shop: Shop,
  email: string,
  ip: string | null,
  options: { now?: Date; defer?: Defer } = {},
): Promise<void> {
  return emailAccountLink(db, shop, email, ip, { ...options, resetActive: false });
}
