import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, type Customer, type Shop } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { generatePassword, hashPassword } from "@/lib/passwords/hash";
import { registrationAttributesOf } from "@/lib/shops";
import { passwordMode, type FormAttribute } from "@/lib/shops/registration-form";
import { markTokenUsed, tokenState } from "@/lib/tokens";
import {
  findCustomerForUpdate,
  lockTokenAndCustomer,
  mayEmail,
  queueCustomerEmail,
  queuedRecently,
  runOrDefer,
  sendActivationEmail,
  type Defer,
} from "./customers";

export type ActivationResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: "already-active" | "invalid" | "needs-password" };

/**
 * Uses an activation link (SPEC §3). The password mode is evaluated now, not when the link was sent: a customer
 * without a password gets a generated one in automatic mode, and is asked to choose one in user-controlled mode.
 */
export async function activateAccount(
  db: Db,
  shop: Shop,
  token: string,
  ip: string | null,
  now = new Date(),
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
    let password: string | undefined;
    if (!customer.passwordHash) {
      if (passwordMode(attributes) === "user-controlled") return { ok: false, reason: "needs-password" };
      password = generatePassword(passwordPolicyOf(attributes));
    }

    const [activated] = await tx
      .update(customers)
      .set({
        status: "active",
        activatedAt: now,
        ...(password ? { passwordHash: await hashPassword(password) } : {}),
      })
      .where(eq(customers.id, customer.id))
      .returning();
    await markTokenUsed(tx, row.id, now);
    await queueCustomerEmail(tx, shop, customer, "activation-successful", {
      link: `${shop.baseUrl}/login`,
      ...(password ? { password } : {}),
    });
    await recordActivity(tx, {
      action: "customer.activated",
      actorType: "customer",
      actorId: customer.id,
      shopId: shop.id,
      customerId: customer.id,
      email: customer.email,
      ip,
      details: { generatedPassword: Boolean(password) },
    });
    return { ok: true, customer: activated };
  });
}

function passwordPolicyOf(attributes: FormAttribute[]) {
  return attributes.find((attribute) => attribute.valueKind === "password") ?? {};
}

/**
 * "Resend activation email": a fresh link for a pending account, nothing for any other, decided after the
 * response (`defer`). The caller answers the same whatever happens here (no enumeration).
 */
export async function resendActivation(
  db: Db,
  shop: Shop,
  email: string,
  ip: string | null,
  options: { now?: Date; defer?: Defer } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await runOrDefer(options.defer, () =>
    db.transaction(async (tx) => {
      const customer = await findCustomerForUpdate(tx, shop.id, email);
      if (!customer || customer.status !== "pending") return;
      if (await queuedRecently(tx, customer.id, "storefront-account-activation", now)) return;
      await recordActivity(tx, {
        action: "customer.activation-resent",
        actorType: "anonymous",
        shopId: shop.id,
        customerId: customer.id,
        email: customer.email,
        ip,
      });
      if (await mayEmail(tx, shop, customer.email, ip)) await sendActivationEmail(tx, shop, customer, now);
    }),
  );
}
